package org.niyam.compliance.engine.internal;

import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.drools.drl.ast.descr.AnnotationDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.parser.DrlParser;
import org.drools.drl.parser.DroolsParserException;
import org.kie.internal.builder.conf.LanguageLevelOption;
import org.niyam.compliance.engine.RulePack;

/**
 * Which pack and instrument each rule of some packs belongs to, read from their DRL, for reports about the rules
 * themselves (coverage). Not API.
 */
public final class RuleCatalog {

    /**
     * Where a rule comes from.
     *
     * @param pack       the id of its pack
     * @param instrument its {@code @instrument}, or its pack's instrument
     */
    public record Entry(String pack, String instrument) {
    }

    private RuleCatalog() {
    }

    /** Rule id to its pack and instrument, in pack and file order. */
    public static Map<String, Entry> of(List<RulePack> packs) {
        Map<String, Entry> entries = new LinkedHashMap<>();
        for (RulePack pack : packs) {
            for (RulePack.DrlSource source : pack.sources()) {
                DrlParser parser = new DrlParser(LanguageLevelOption.DRL6);
                PackageDescr descr;
                try {
                    descr = parser.parse(false, new StringReader(source.text()));
                } catch (DroolsParserException e) {
                    continue; // an engine was built from these packs, so this does not happen
                }
                if (descr == null) {
                    continue;
                }
                for (RuleDescr rule : descr.getRules()) {
                    AnnotationDescr instrument = rule.getAnnotation(RuleBase.INSTRUMENT);
                    String named = instrument == null || instrument.getSingleValue() == null ? null
                            : String.valueOf(instrument.getSingleValue()).replaceAll("^\"|\"$", "").strip();
                    entries.putIfAbsent(rule.getName(), new Entry(pack.id(),
                            named == null || named.isEmpty() ? pack.instrument() : named));
                }
            }
        }
        return entries;
    }
}
