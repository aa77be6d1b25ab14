package org.niyam.compliance.engine.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.niyam.compliance.pack.RulePack;

/**
 * The duty keys and finding codes each pack's DRL writes as string literals where it makes a conclusion
 * ({@code new Duty("key", ...)}, {@code Duty.keepUntil}, {@code Duty.periodic}, {@code new Assessment("key", ...)},
 * {@code Assessment.about(trigger, "key", ...)}, {@code new Finding("code", ...)}): the keys the pack owns. A
 * restricted pack's rule may not conclude about a key or code that another pack writes (see
 * {@code Evaluation.Session.guardInsert}). Read from the DRL text, so a key built at run time is not found here; the
 * kernel then refuses the crossing where the conclusions meet ({@code Evaluation.report}). Not API.
 */
final class ConclusionKeys {

    private static final String LITERAL = "\"((?:[^\"\\\\\\n]|\\\\.)*)\"";
    private static final String MODEL = "(?:org\\s*\\.\\s*niyam\\s*\\.\\s*compliance\\s*\\.\\s*model\\s*\\.\\s*)?";
    private static final Pattern KEYS = Pattern.compile(
            "\\bnew\\s+" + MODEL + "(?:Duty|Assessment)\\s*\\(\\s*" + LITERAL
                    + "|\\b(?:Duty\\s*\\.\\s*(?:keepUntil|periodic))\\s*\\(\\s*" + LITERAL
                    + "|\\bAssessment\\s*\\.\\s*about\\s*\\(\\s*[^,()\"]*,\\s*" + LITERAL);
    private static final Pattern CODES = Pattern.compile("\\bnew\\s+" + MODEL + "Finding\\s*\\(\\s*" + LITERAL);

    private final Map<String, List<RulePack>> keys;
    private final Map<String, List<RulePack>> codes;

    private ConclusionKeys(Map<String, List<RulePack>> keys, Map<String, List<RulePack>> codes) {
        this.keys = keys;
        this.codes = codes;
    }

    /** The keys and codes of every pack's DRL. */
    static ConclusionKeys of(List<RulePack> packs) {
        Map<String, List<RulePack>> keys = new HashMap<>();
        Map<String, List<RulePack>> codes = new HashMap<>();
        for (RulePack pack : packs) {
            for (RulePack.DrlSource source : pack.sources()) {
                collect(KEYS, source.text(), pack, keys);
                collect(CODES, source.text(), pack, codes);
            }
        }
        return new ConclusionKeys(keys, codes);
    }

    private static void collect(Pattern pattern, String text, RulePack pack, Map<String, List<RulePack>> into) {
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            for (int g = 1; g <= m.groupCount(); g++) {
                if (m.group(g) != null) {
                    List<RulePack> owners = into.computeIfAbsent(m.group(g), k -> new ArrayList<>(1));
                    if (!owners.contains(pack)) {
                        owners.add(pack);
                    }
                }
            }
        }
    }

    /** Another pack than {@code pack} whose DRL writes this duty key, or {@code null}. */
    RulePack otherOwnerOfKey(String key, RulePack pack) {
        return other(keys.getOrDefault(key, Collections.emptyList()), pack);
    }

    /**
     * Another pack than {@code pack} whose DRL writes the key of this obligation id ({@code key@trigger}, or a key
     * alone), or {@code null}; with the key found, in {@code found[0]}.
     */
    RulePack otherOwnerOfObligation(String obligationId, RulePack pack, String[] found) {
        RulePack other = otherOwnerOfKey(obligationId, pack);
        if (other != null) {
            found[0] = obligationId;
            return other;
        }
        for (int at = obligationId.indexOf('@'); at >= 0; at = obligationId.indexOf('@', at + 1)) {
            String key = obligationId.substring(0, at);
            other = otherOwnerOfKey(key, pack);
            if (other != null) {
                found[0] = key;
                return other;
            }
        }
        return null;
    }

    /** Another pack than {@code pack} whose DRL writes this finding code, or {@code null}. */
    RulePack otherOwnerOfCode(String code, RulePack pack) {
        return other(codes.getOrDefault(code, Collections.emptyList()), pack);
    }

    private static RulePack other(List<RulePack> owners, RulePack pack) {
        for (RulePack owner : owners) {
            if (owner != pack) {
                return owner;
            }
        }
        return null;
    }
}
