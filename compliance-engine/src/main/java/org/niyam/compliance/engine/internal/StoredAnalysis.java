package org.niyam.compliance.engine.internal;

import org.niyam.compliance.engine.internal.drl.DrlAnalysis;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.niyam.compliance.pack.RulePack;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the engine derives from a pack's DRL, stored at build time beside the pack's executable model, so that an
 * engine of exactly those packs starts without parsing any DRL (parsing it, with Drools' DRL parser and JavaParser,
 * was most of a cold start). Not API.
 *
 * <p>It holds what {@link RuleBase} reads from each rule (name, file, line, citation, instrument, unconfirmed), the
 * parameter references ({@link ParameterReferences#scan}) and the case-locality of the rules
 * ({@link CaseLocality#stored}), the keys and codes each file concludes about ({@link ConclusionKeys#scan}), all
 * computed by the same code from the same {@link DrlAnalysis} as at run time. It is
 * used only when, besides the model's fingerprint (the same packs in the same order, the same DRL, Drools version
 * and compiler settings), its {@link #stamp} matches: a hash of the class files of the code that computes it, so that
 * an engine whose analysis differs in any way analyses the DRL itself. Any mismatch or unreadable file falls back to
 * parsing, and says so at DEBUG (INFO when the file is there but broken).
 *
 * @param stamp      {@link #codeStamp()} of the code that computed it
 * @param origins    the DRL files analysed, in order, as the packs name them
 * @param rules      every rule (not query), in file order
 * @param queries    every query's name
 * @param references the parameter references, in file order
 * @param locality    the case-locality of the rules
 * @param conclusions the duty keys and finding codes each file writes, in file order
 */
public record StoredAnalysis(String stamp, List<String> origins, List<Rule> rules, List<String> queries,
                             List<ParameterReferences.Reference> references, CaseLocality.Stored locality,
                             List<Conclusions> conclusions) {

    /**
     * One rule as {@link RuleBase} describes it.
     *
     * @param name        its id
     * @param origin      its DRL file
     * @param line        the line of its name
     * @param citation    its {@code @citation}, or {@code null}
     * @param instrument  its {@code @instrument}, or {@code null}
     * @param unconfirmed its {@code @unconfirmed}, or {@code null}
     */
    public record Rule(String name, String origin, int line, String citation, String instrument,
                       String unconfirmed) {
    }

    /**
     * The duty keys and finding codes one DRL file writes where it concludes ({@link ConclusionKeys#scan}).
     *
     * @param origin the DRL file
     * @param keys   the duty and assessment keys, sorted
     * @param codes  the finding codes, sorted
     */
    public record Conclusions(String origin, List<String> keys, List<String> codes) {

        /** Copies the lists. */
        public Conclusions {
            keys = List.copyOf(keys);
            codes = List.copyOf(codes);
        }
    }

    /** Copies the lists; a file without conclusions (written by other code, whose stamp differs) has none. */
    public StoredAnalysis {
        origins = List.copyOf(origins);
        rules = List.copyOf(rules);
        queries = List.copyOf(queries);
        references = List.copyOf(references);
        conclusions = conclusions == null ? List.of() : List.copyOf(conclusions);
    }

    private static final Logger LOG = LoggerFactory.getLogger(StoredAnalysis.class);

    /** The classes whose code decides what is stored, and so its {@link #stamp}. */
    private static final List<Class<?>> CODE = List.of(StoredAnalysis.class, DrlAnalysis.class, CaseLocality.class,
            ParameterReferences.class, ConclusionKeys.class, RuleBase.class);

    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** The resource of the packs' stored analysis, beside their model's index. */
    public static String resourceName(List<RulePack> packs) {
        String index = ExecutableModels.indexName(packs);
        return index.substring(0, index.length() - ".properties".length()) + ".analysis.json";
    }

    /**
     * Analyses the packs' DRL as an engine does; {@code null} when it finds a problem (a file that does not parse, a
     * rule without citation, a rule id used twice), which only the full analysis reports.
     */
    public static StoredAnalysis of(List<RulePack> packs, ClassLoader loader) {
        List<DrlAnalysis> files = new ArrayList<>();
        List<String> origins = new ArrayList<>();
        List<Rule> rules = new ArrayList<>();
        List<String> queries = new ArrayList<>();
        List<ParameterReferences.Reference> references = new ArrayList<>();
        List<Conclusions> conclusions = new ArrayList<>();
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (RulePack pack : packs) {
            for (RulePack.DrlSource source : pack.sources()) {
                DrlAnalysis analysis = DrlAnalysis.of(source);
                if (!analysis.parsed()) {
                    return null;
                }
                files.add(analysis);
                origins.add(source.origin());
                for (DrlAnalysis.Rule rule : analysis.rules()) {
                    String citation = RuleBase.annotation(rule.descr(), RuleBase.CITATION);
                    if (citation == null || !ids.add(rule.name())) {
                        return null;
                    }
                    rules.add(new Rule(rule.name(), source.origin(), rule.descr().getLine(), citation,
                            RuleBase.annotation(rule.descr(), RuleBase.INSTRUMENT),
                            RuleBase.annotation(rule.descr(), RuleBase.UNCONFIRMED)));
                }
                analysis.queries().forEach(query -> queries.add(query.getName()));
                references.addAll(ParameterReferences.scan(analysis));
            }
        }
        files.forEach(file -> conclusions.add(ConclusionKeys.scan(file, files, loader)));
        return new StoredAnalysis(codeStamp(), origins, rules, queries, references,
                CaseLocality.of(files, loader).stored(), conclusions);
    }

    /**
     * The analysis of the packs {@code rest}, compiled after the packs whose analysis is {@code first} (the bundled
     * pack's, stored with its model), from their DRL files {@code files} (parsed, in order): what an analysis of all
     * the packs together ({@link #of}) gives for these files, so that {@link #merge merged} with {@code first} it
     * equals that analysis. {@code null} when the two cannot be analysed apart, and the engine then analyses every
     * pack's DRL: when {@code first} runs in one session, when the files declare a query (a pattern of the other
     * packs might call it), or a rule extends a rule of the other packs; and, as for {@link #of}, when a file does
     * not parse, a rule has no citation or a rule id is used twice, which only the full analysis reports.
     */
    public static StoredAnalysis rest(StoredAnalysis first, List<RulePack> rest, List<DrlAnalysis> files,
                                      ClassLoader loader) {
        if (first.locality().unpartitionable() != null) {
            return null;
        }
        java.util.Set<String> ids = new java.util.HashSet<>();
        first.rules().forEach(rule -> ids.add(rule.name()));
        java.util.Set<String> restRules = new java.util.HashSet<>();
        for (DrlAnalysis file : files) {
            if (!file.parsed() || !file.queries().isEmpty()) {
                return null;
            }
            file.rules().forEach(rule -> restRules.add(rule.name()));
        }
        List<String> origins = rest.stream().flatMap(p -> p.sources().stream()).map(RulePack.DrlSource::origin)
                .toList();
        if (!origins.equals(files.stream().map(DrlAnalysis::origin).toList())) {
            throw new IllegalArgumentException("files " + files + " are not the files of packs " + origins);
        }
        List<Rule> rules = new ArrayList<>();
        List<ParameterReferences.Reference> references = new ArrayList<>();
        List<Conclusions> conclusions = new ArrayList<>();
        for (DrlAnalysis analysis : files) {
            for (DrlAnalysis.Rule rule : analysis.rules()) {
                String citation = RuleBase.annotation(rule.descr(), RuleBase.CITATION);
                if (citation == null || !ids.add(rule.name())
                        || rule.descr().hasParent() && !restRules.contains(rule.descr().getParentName())) {
                    return null;
                }
                rules.add(new Rule(rule.name(), analysis.origin(), rule.descr().getLine(), citation,
                        RuleBase.annotation(rule.descr(), RuleBase.INSTRUMENT),
                        RuleBase.annotation(rule.descr(), RuleBase.UNCONFIRMED)));
            }
            references.addAll(ParameterReferences.scan(analysis));
            conclusions.add(ConclusionKeys.scan(analysis, files, loader));
        }
        return new StoredAnalysis(codeStamp(), origins, rules, List.of(), references,
                CaseLocality.of(files, loader, java.util.Set.copyOf(first.queries())).stored(), conclusions);
    }

    /**
     * The analysis of {@code first}'s packs followed by {@code rest}'s, {@code rest} made by {@link #rest} against
     * {@code first}.
     */
    public static StoredAnalysis merge(StoredAnalysis first, StoredAnalysis rest) {
        CaseLocality.Stored a = first.locality();
        CaseLocality.Stored b = rest.locality();
        java.util.Map<String, String> reasons = new java.util.TreeMap<>(a.globalReasons());
        reasons.putAll(b.globalReasons());
        CaseLocality.Stored locality = new CaseLocality.Stored(union(a.localRules(), b.localRules()), reasons,
                union(a.localTypes(), b.localTypes()), union(a.localAbsenceTypes(), b.localAbsenceTypes()),
                union(a.globalTypes(), b.globalTypes()),
                a.unpartitionable() != null ? a.unpartitionable() : b.unpartitionable(),
                union(a.localEffects(), b.localEffects()));
        return new StoredAnalysis(first.stamp(), concat(first.origins(), rest.origins()),
                concat(first.rules(), rest.rules()), concat(first.queries(), rest.queries()),
                concat(first.references(), rest.references()), locality,
                concat(first.conclusions(), rest.conclusions()));
    }

    private static <V> java.util.Map<String, V> union(java.util.Map<String, V> a, java.util.Map<String, V> b) {
        java.util.Map<String, V> all = new java.util.TreeMap<>(a);
        all.putAll(b);
        return all;
    }

    private static List<String> union(List<String> a, List<String> b) {
        java.util.TreeSet<String> all = new java.util.TreeSet<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /** From JSON, as {@link #toJson} wrote it; throws an {@link IOException} when it is not that. */
    public static StoredAnalysis fromJson(String json) throws IOException {
        return JSON.readValue(json, StoredAnalysis.class);
    }

    /** As JSON, for the build step to write. */
    public String toJson() {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(this) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the stored analysis", e);
        }
    }

    /**
     * The analysis stored for exactly these packs, when it was computed by this code from their DRL; otherwise
     * {@code null}, and the engine analyses the DRL itself. The caller checks the model's fingerprint.
     */
    public static StoredAnalysis load(List<RulePack> packs, ClassLoader loader) {
        String name = resourceName(packs);
        List<String> ids = packs.stream().map(RulePack::id).toList();
        StoredAnalysis stored;
        try (InputStream in = loader.getResourceAsStream(name)) {
            if (in == null) {
                LOG.debug("no stored analysis for packs {}: analysing their DRL", ids);
                return null;
            }
            stored = JSON.readValue(in, StoredAnalysis.class);
        } catch (IOException | RuntimeException e) {
            LOG.info("the stored analysis of packs {} cannot be read ({}): analysing their DRL", ids, e.toString());
            return null;
        }
        if (!codeStamp().equals(stored.stamp())) {
            LOG.debug("the stored analysis of packs {} was made by other code: analysing their DRL", ids);
            return null;
        }
        List<String> origins = packs.stream().flatMap(p -> p.sources().stream()).map(RulePack.DrlSource::origin)
                .toList();
        if (!origins.equals(stored.origins())) {
            LOG.debug("the stored analysis of packs {} is of files {}, not {}: analysing their DRL", ids,
                    stored.origins(), origins);
            return null;
        }
        return stored;
    }

    private static String computedStamp;

    /**
     * SHA-256 of the class files of the code that computes the analysis, nested classes included. Any change to that
     * code, or a jar of another version, gives another stamp.
     */
    static synchronized String codeStamp() {
        if (computedStamp == null) {
            computedStamp = stampOf(CODE);
        }
        return computedStamp;
    }

    /** SHA-256 of the class files of these classes, their nested classes and anonymous classes included. */
    static String stampOf(List<Class<?>> code) {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
        List<String> names = new ArrayList<>();
        for (Class<?> type : code) {
            names.add(type.getName());
            for (Class<?> nested : type.getDeclaredClasses()) {
                names.add(nested.getName());
                for (Class<?> inner : nested.getDeclaredClasses()) {
                    names.add(inner.getName());
                }
            }
        }
        List<String> withAnonymous = new ArrayList<>(names);
        for (String type : names) {
            for (int i = 1; StoredAnalysis.class.getClassLoader().getResource(file(type + "$" + i)) != null; i++) {
                withAnonymous.add(type + "$" + i);
            }
        }
        for (String type : withAnonymous.stream().sorted().toList()) {
            try (InputStream in = StoredAnalysis.class.getClassLoader().getResourceAsStream(file(type))) {
                if (in == null) {
                    throw new IllegalStateException("the class file of " + type + " is missing");
                }
                digest.update(type.getBytes(StandardCharsets.UTF_8));
                digest.update(in.readAllBytes());
            } catch (IOException e) {
                throw new IllegalStateException("cannot read the class file of " + type, e);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static String file(String type) {
        return type.replace('.', '/') + ".class";
    }
}
