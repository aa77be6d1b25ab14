package org.niyam.compliance.rules.india;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.niyam.compliance.engine.ComplianceEngine;
import org.niyam.compliance.engine.internal.ExecutableModels;
import org.niyam.compliance.engine.internal.ModelCache;
import org.niyam.compliance.engine.internal.RuleBase;
import org.niyam.compliance.engine.internal.StoredAnalysis;
import org.niyam.compliance.india.ComplaintCategory;
import org.niyam.compliance.india.ComplaintReceived;
import org.niyam.compliance.india.PlatformProfile;
import org.niyam.compliance.model.EventTypes;
import org.niyam.compliance.model.Evidence;
import org.niyam.compliance.pack.RuleExecutionException;
import org.niyam.compliance.pack.RulePackException;
import org.niyam.compliance.pack.RulePack;
import org.slf4j.LoggerFactory;

/**
 * The compiled-model cache: a pack of one's own beside the India pack is compiled once and loaded from the cache by
 * later engines of the same packs, which give the reports a compiling engine gives; any other DRL misses; a broken,
 * cut or foreign entry is ignored with a warning naming it and written again; a restricted pack's classes from the
 * cache are checked again.
 */
class ModelCacheTest {

    private static final String INDIA = "org/niyam/compliance/rules/india";
    private static final ClassLoader LOADER = ModelCacheTest.class.getClassLoader();

    /** A pack of one's own that concludes duties of its own from the India pack's events and conclusions. */
    private static final String POLICY = """
            package com.example.policy;
            import org.niyam.compliance.india.*;
            import org.niyam.compliance.model.*;

            declare Escalated
                caseId : String
            end

            rule "policy.complaint-opens-acknowledgement"
                @citation("Policy 2.1")
            when
                $complaint : ComplaintReceived()
            then
                insert(new Duty("policy.acknowledge", "Acknowledge the complaint within 12 hours",
                        "policy.acknowledge", $complaint));
            end

            rule "policy.acknowledgement-discharges"
                @citation("Policy 2.1")
            when
                $duty : Duty(key == "policy.acknowledge", $case : caseId)
                $done : ComplaintAcknowledged(caseId == $case)
            then
                insert(new Discharge($duty, $done));
            end

            rule "policy.escalate"
                @citation("Policy 2.2")
            when
                ComplaintReceived($id : caseId)
            then
                insert(new Escalated($id));
            end
            """;

    private static final String DESCRIPTOR = """
            id: policy
            instrument: ExampleNet Trust and Safety Policy
            rules: [policy.drl]
            parameters:
              policy.acknowledge:
                type: duration
                values:
                  - {from: 2020-01-01T00:00:00Z, value: PT12H, source: "Policy 2.1"}
            """;

    @TempDir
    Path dir;

    private final RulePack india = RulePack.classpath(INDIA);
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger("org.niyam.compliance.engine");
    private Level level;

    @BeforeEach
    void listen() {
        assumeFalse("false".equals(System.getProperty(ExecutableModels.PROPERTY)), "models switched off");
        level = logger.getLevel();
        logger.setLevel(Level.INFO);
        log.start();
        logger.addAppender(log);
    }

    @AfterEach
    void stop() {
        logger.detachAppender(log);
        logger.setLevel(level);
    }

    /** The policy pack, in a folder of its own (restricted, as {@link RulePack#directory} loads it). */
    private RulePack policy(String drl) throws IOException {
        Path folder = Files.createDirectories(dir.resolve("policy-" + Integer.toHexString(drl.hashCode())));
        Files.writeString(folder.resolve("pack.yaml"), DESCRIPTOR);
        Files.writeString(folder.resolve("policy.drl"), drl);
        return RulePack.directory(folder);
    }

    private static RuleBase build(Path cache, RulePack... packs) {
        return RuleBase.build(List.of(packs), new RuleBase.Options(Map.of(), Set.of(), false).withModelCache(cache));
    }

    private static List<Path> entries(Path cache) throws IOException {
        try (Stream<Path> files = Files.list(cache)) {
            return files.filter(f -> f.toString().endsWith(".model")).sorted().toList();
        }
    }

    private List<String> warnings() {
        return log.list.stream().filter(e -> e.getLevel() == Level.WARN).map(ILoggingEvent::getFormattedMessage)
                .toList();
    }

    @Test
    void a_cached_model_gives_the_reports_of_a_compiled_one() throws IOException {
        Path cache = dir.resolve("cache");
        for (RulePack pack : List.of(policy(POLICY), policy(POLICY).unrestricted())) {
            String compiled = build(cache, india, pack).howBuilt();
            RuleBase loaded = build(cache, india, pack);

            assertThat(compiled).contains("compiled now").contains("written to the compiled-model cache");
            assertThat(loaded.howBuilt()).contains("from the compiled-model cache").doesNotContain("compiled now")
                    .contains(pack.restricted() ? "made now" : "cached with theirs");
            // A restricted pack's DRL is analysed again, for the checks of its cached classes; a trusted one's is not.
            assertThat(loaded.descriptions()).as("DRL files parsed").hasSize(pack.restricted() ? 1 : 0);
            assertThat(loaded.storedAnalysis()).isEqualTo(build(null, india, pack).storedAnalysis());
            assertThat(loaded.locality().stored()).isEqualTo(RuleBase.build(List.of(india, pack),
                    new RuleBase.Options(Map.of(), Set.of(), false), false).locality().stored());
        }
        assertThat(entries(cache)).as("one entry for the restricted pack, one for the trusted").hasSize(2);
        assertThat(warnings()).isEmpty();

        for (RulePack pack : List.of(policy(POLICY), policy(POLICY).unrestricted())) {
            // An engine's event types are those on the class path, part of the key: the first engine writes.
            ComplianceEngine.builder().rulePack(india).rulePack(pack).compiledModelCache(cache).build();
            ComplianceEngine fromCache = ComplianceEngine.builder().rulePack(india).rulePack(pack)
                    .compiledModelCache(cache).build();
            ComplianceEngine compiling = ComplianceEngine.builder().rulePack(india).rulePack(pack).build();
            assertThat(fromCache.ruleIds()).isEqualTo(compiling.ruleIds()).contains("policy.escalate");
            long seed = 20_261_205L;
            Random random = new Random(seed);
            int duties = 0;
            for (int i = 0; i < 150; i++) {
                CaseLogs.Log generated = CaseLogs.generate(random, 1 + random.nextInt(12));
                var report = fromCache.evaluate(generated.evidence(), generated.asOf());
                assertThat(report).as("log %d of seed %d", i, seed)
                        .isEqualTo(compiling.evaluate(generated.evidence(), generated.asOf()));
                duties += (int) report.obligations().stream().filter(o -> o.duty().equals("policy.acknowledge") || o.id().contains("policy.acknowledge"))
                        .count();
            }
            assertThat(duties).as("the cached pack's own duties were concluded").isPositive();
        }
        assertThat(entries(cache)).hasSize(4);
        assertThat(log.list.stream().map(ILoggingEvent::getFormattedMessage)
                .filter(m -> m.startsWith("Niyam engine ready") && m.contains("from the compiled-model cache")))
                .as("the engine's INFO line says the model came from the cache").hasSize(2);
    }

    /**
     * A condition that throws in a pack beside the India pack (an eval, which Drools' message names by an object's
     * identity only) is placed on its rule, compiled now and from the cache, restricted and trusted.
     */
    @Test
    void a_condition_that_throws_names_its_rule_compiled_now_and_from_the_cache() throws IOException {
        String faulty = POLICY.replace("""
                    ComplaintReceived($id : caseId)
                """, """
                    ComplaintReceived($id : caseId)
                    eval($id.charAt(80) == 'x')
                """);
        Path cache = dir.resolve("cache");
        OffsetDateTime at = OffsetDateTime.parse("2026-03-02T10:00:00+05:30");
        for (RulePack pack : List.of(policy(faulty), policy(faulty).unrestricted())) {
            for (String how : List.of("compiled now", "from the compiled-model cache")) {
                ComplianceEngine engine = ComplianceEngine.builder().rulePack(india).rulePack(pack)
                        .compiledModelCache(cache).build();
                RuleExecutionException e = catchThrowableOfType(RuleExecutionException.class,
                        () -> engine.evaluate(new Evidence(new PlatformProfile("ExampleNet", 1_000_000, false),
                                List.of(), List.of(new ComplaintReceived("c-1", "case-1", at,
                                        ComplaintCategory.GENERAL, "IN"))), at.plusHours(1)));

                assertThat(log.list.get(log.list.size() - 1).getFormattedMessage()).contains(how);
                assertThat(e).as("%s, restricted %s", how, pack.restricted()).isNotNull();
                assertThat(e.ruleId()).isEqualTo("policy.escalate");
                assertThat(e.getMessage()).startsWith("rule 'policy.escalate' (Policy 2.2, ")
                        .contains("failed in a condition", "StringIndexOutOfBoundsException");
            }
        }
    }

    /**
     * A restricted pack's classes read from the cache count their steps as freshly compiled ones do: its loop that
     * never ends is stopped, naming the rule, either way. (The cache keeps the classes as compiled: they are
     * instrumented as they are loaded.)
     */
    @Test
    void a_restricted_packs_loop_is_stopped_compiled_now_and_from_the_cache() throws IOException {
        String loops = POLICY.replace("""
                    insert(new Escalated($id));
                """, """
                    while ($id.length() > 0) {
                    }
                """);
        Path cache = dir.resolve("cache");
        OffsetDateTime at = OffsetDateTime.parse("2026-03-02T10:00:00+05:30");
        for (String how : List.of("compiled now", "from the compiled-model cache")) {
            ComplianceEngine engine = ComplianceEngine.builder().rulePack(india).rulePack(policy(loops))
                    .compiledModelCache(cache).stepLimit(1_000).build();
            RuleExecutionException e = catchThrowableOfType(RuleExecutionException.class,
                    () -> engine.evaluate(new Evidence(new PlatformProfile("ExampleNet", 1_000_000, false),
                            List.of(), List.of(new ComplaintReceived("c-1", "case-1", at,
                                    ComplaintCategory.GENERAL, "IN"))), at.plusHours(1)));

            assertThat(log.list.get(log.list.size() - 1).getFormattedMessage()).contains(how);
            assertThat(e).as(how).isNotNull();
            assertThat(e.ruleId()).isEqualTo("policy.escalate");
            assertThat(e.getMessage()).startsWith("rule 'policy.escalate' (Policy 2.2, ")
                    .contains("took more than 1,000 steps in its consequence");
        }
    }

    @Test
    void other_drl_misses_the_cache() throws IOException {
        Path cache = dir.resolve("cache");
        build(cache, india, policy(POLICY));
        String changed = build(cache, india, policy(POLICY.replace("within 12 hours", "within half a day")))
                .howBuilt();

        assertThat(changed).contains("compiled now").contains("written to the compiled-model cache");
        assertThat(entries(cache)).hasSize(2);
        assertThat(build(cache, india, policy(POLICY)).howBuilt()).contains("from the compiled-model cache");
    }

    @Test
    void a_corrupt_cut_or_foreign_entry_is_ignored_with_a_warning_and_written_again() throws IOException {
        Path cache = dir.resolve("cache");
        RulePack pack = policy(POLICY);
        build(cache, india, pack);
        Path entry = entries(cache).get(0);
        byte[] good = Files.readAllBytes(entry);
        String key = entry.getFileName().toString().replace(".model", "");
        ModelCache.Entry first = ModelCache.read(cache, key, LOADER);
        byte[] flipped = good.clone();
        flipped[flipped.length / 2] ^= 0x40;
        Map<String, byte[]> broken = new HashMap<>();
        broken.put("its checksum does not match", flipped);
        broken.put("cut", java.util.Arrays.copyOf(good, good.length / 3));
        broken.put("not an entry of this compiled-model cache", "not a cache entry\n".getBytes());
        broken.put("empty: not an entry of this compiled-model cache", new byte[0]);
        for (Map.Entry<String, byte[]> damage : broken.entrySet()) {
            log.list.clear();
            Files.write(entry, damage.getValue());

            String how = build(cache, india, pack).howBuilt();

            assertThat(how).as(damage.getKey()).contains("compiled now").contains("written to the compiled-model cache");
            assertThat(warnings()).as(damage.getKey()).hasSize(1);
            assertThat(warnings().get(0)).as(damage.getKey()).contains(entry.toString()).contains("ignored")
                    .contains(damage.getKey().contains(":") ? damage.getKey().substring(damage.getKey().indexOf(':') + 2)
                            : damage.getKey().equals("cut") ? "checksum" : damage.getKey());
            ModelCache.Entry written = ModelCache.read(cache, key, LOADER);
            assertThat(written).as(damage.getKey()).isNotNull();
            assertThat(written.analysis()).isEqualTo(first.analysis());
            assertThat(written.classes().keySet()).isEqualTo(first.classes().keySet());
        }
    }

    @Test
    void a_restricted_packs_classes_from_the_cache_are_checked_again() throws IOException {
        Path cache = dir.resolve("cache");
        RulePack pack = policy(POLICY);
        build(cache, india, pack);
        Path entry = entries(cache).get(0);
        String key = entry.getFileName().toString().replace(".model", "");
        ModelCache.Entry cached = ModelCache.read(cache, key, LOADER);
        assertThat(cached).isNotNull();
        // Someone who can write to the cache adds a class that reads the clock to a restricted pack's entry.
        Map<String, byte[]> classes = new HashMap<>(cached.classes());
        classes.put(ReadsTheClock.class.getName(), classFile(ReadsTheClock.class));
        ModelCache.write(cache, key, new ModelCache.Entry(classes, cached.models(), cached.declaredTypes(),
                cached.dependencies(), cached.analysis()));
        log.list.clear();

        String how = build(cache, india, pack).howBuilt();

        assertThat(warnings()).hasSize(1);
        assertThat(warnings().get(0)).contains(entry.toString()).contains("check of restricted packs refuses it")
                .contains(ReadsTheClock.class.getName());
        assertThat(how).contains("compiled now").contains("written to the compiled-model cache");
        assertThat(ModelCache.read(cache, key, LOADER).classes()).doesNotContainKey(ReadsTheClock.class.getName());

        // A class file that is not one, under a valid checksum, is refused the same way.
        classes = new HashMap<>(ModelCache.read(cache, key, LOADER).classes());
        classes.put("com.example.policy.NotAClass", new byte[] {(byte) 0xCA, (byte) 0xFE, 0, 1});
        ModelCache.write(cache, key, new ModelCache.Entry(classes, cached.models(), cached.declaredTypes(),
                cached.dependencies(), cached.analysis()));
        log.list.clear();

        assertThat(build(cache, india, pack).howBuilt()).contains("compiled now");
        assertThat(warnings()).hasSize(1);
        assertThat(warnings().get(0)).contains(entry.toString()).contains("a class file cannot be read");
    }

    /** A pack that declares a fact type and inserts one for each complaint. */
    private static final String FLAGS = """
            package org.example.flags;
            import org.niyam.compliance.india.*;

            declare Flag
                id : String
                raised : boolean
            end

            rule "flags.flag"
                @citation("Flags 1")
            when
                $c : ComplaintReceived()
            then
                insert(new Flag($c.id(), false));
            end
            """;

    /** A pack that creates the flags pack's fact type, which a restricted pack may not. */
    private static final String FORGES = """
            package org.example.forges;
            import org.niyam.compliance.india.*;
            import org.example.flags.Flag;

            rule "forges.flag"
                @citation("Forges 1")
            when
                $c : ComplaintReceived()
            then
                insert(new Flag("forged-" + $c.id(), true));
            end
            """;

    /**
     * The cross-pack checks of compiled classes hold for classes from the cache too: an entry of restricted packs
     * whose classes create another pack's declared type (here the classes of the same DRL compiled unrestricted,
     * stored under the restricted packs' key) is refused, and the packs are compiled, and refused, as without a cache.
     */
    @Test
    void a_restricted_entry_from_the_cache_passes_the_checks_of_other_packs_again() throws IOException {
        Path cache = dir.resolve("cache");
        RulePack flags = RulePack.drl("flags.drl", FLAGS);
        RulePack forges = RulePack.drl("forges.drl", FORGES);
        RulePackException compiled = catchThrowableOfType(RulePackException.class,
                () -> build(cache, india, flags, forges));
        assertThat(compiled).isNotNull();
        assertThat(compiled.getMessage()).contains("new org.example.flags.Flag", "of a type that pack 'flags.drl' "
                + "declares");
        build(cache, india, flags.unrestricted(), forges.unrestricted());
        assertThat(entries(cache)).as("the trusted packs' entry").hasSize(1);
        ModelCache.Entry trusted = ModelCache.read(cache,
                entries(cache).get(0).getFileName().toString().replace(".model", ""), LOADER);
        String key = ModelCache.key(ExecutableModels.fingerprint(List.of(india)), india.sources().size(),
                List.of(flags, forges), EventTypes.standard());
        ModelCache.write(cache, key, trusted);
        log.list.clear();

        RulePackException fromCache = catchThrowableOfType(RulePackException.class,
                () -> build(cache, india, flags, forges));

        assertThat(fromCache).as("the forged entry is refused").isNotNull();
        assertThat(fromCache.getMessage()).isEqualTo(compiled.getMessage());
        assertThat(warnings()).hasSize(1);
        assertThat(warnings().get(0)).contains(ModelCache.file(cache, key).toString(),
                "check of restricted packs refuses it", "new org.example.flags.Flag", "'flags.drl' declares");
    }

    /** A rule that deletes the India pack's duties, which a restricted pack may not. */
    private static final String DELETES = """
            package org.example.deletes;
            import org.niyam.compliance.model.*;

            rule "deletes.duties"
                @citation("Deletes 1")
                salience -1000
            when
                $d : Duty()
            then
                delete($d);
            end
            """;

    /**
     * A restricted pack's DRL analysis (which rule is of which file, which keys each file writes) is made from its
     * DRL, not read from the cache: an entry whose analysis says that the restricted pack's rule is of the India
     * pack's file does not make the rule trusted.
     */
    @Test
    void a_restricted_packs_analysis_is_not_read_from_the_cache() throws IOException {
        Path cache = dir.resolve("cache");
        RulePack deletes = RulePack.drl("deletes.drl", DELETES);
        build(cache, india, deletes);
        String key = entries(cache).get(0).getFileName().toString().replace(".model", "");
        ModelCache.Entry cached = ModelCache.read(cache, key, LOADER);
        StoredAnalysis analysis = cached.analysis();
        String indiaFile = india.sources().get(0).origin();
        List<StoredAnalysis.Rule> forged = analysis.rules().stream().map(r -> new StoredAnalysis.Rule(r.name(),
                indiaFile, r.line(), r.citation(), r.instrument(), r.unconfirmed())).toList();
        ModelCache.write(cache, key, new ModelCache.Entry(cached.classes(), cached.models(), cached.declaredTypes(),
                cached.dependencies(), new StoredAnalysis(analysis.stamp(), analysis.origins(), forged,
                        analysis.queries(), analysis.references(), analysis.locality(), List.of())));

        RuleBase loaded = build(cache, india, deletes);

        assertThat(loaded.howBuilt()).contains("from the compiled-model cache");
        assertThat(loaded.rule("deletes.duties").pack()).isSameAs(deletes);
        assertThat(loaded.storedAnalysis()).isEqualTo(build(null, india, deletes).storedAnalysis());
    }

    @Test
    void an_entry_compiled_against_other_fact_classes_is_not_used() throws IOException {
        Path cache = dir.resolve("cache");
        RulePack pack = policy(POLICY);
        build(cache, india, pack);
        String key = entries(cache).get(0).getFileName().toString().replace(".model", "");
        ModelCache.Entry cached = ModelCache.read(cache, key, LOADER);
        assertThat(cached.dependencies()).containsKey("org.niyam.compliance.india.ComplaintReceived");
        Map<String, String> dependencies = new HashMap<>(cached.dependencies());
        dependencies.put("org.niyam.compliance.india.ComplaintReceived", "0".repeat(64));
        ModelCache.write(cache, key, new ModelCache.Entry(cached.classes(), cached.models(), cached.declaredTypes(),
                dependencies, cached.analysis()));

        assertThat(ModelCache.read(cache, key, LOADER)).isNull();
        assertThat(build(cache, india, pack).howBuilt()).contains("compiled now");
        assertThat(log.list.stream().map(ILoggingEvent::getFormattedMessage))
                .anyMatch(m -> m.contains("not the one it was compiled against"));
        assertThat(build(cache, india, pack).howBuilt()).contains("from the compiled-model cache");
    }

    @Test
    void engines_started_at_once_with_one_cache_both_build_and_leave_one_whole_entry() throws Exception {
        Path cache = dir.resolve("cache");
        RulePack pack = policy(POLICY);
        java.util.concurrent.ExecutorService two = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<String>> built = List.of(
                    two.submit(() -> { start.await(); return build(cache, india, pack).howBuilt(); }),
                    two.submit(() -> { start.await(); return build(cache, india, pack).howBuilt(); }));
            start.countDown();
            for (java.util.concurrent.Future<String> how : built) {
                assertThat(how.get()).contains("[policy]");
            }
        } finally {
            two.shutdownNow();
        }

        assertThat(warnings()).isEmpty();
        assertThat(entries(cache)).hasSize(1);
        try (Stream<Path> files = Files.list(cache)) {
            assertThat(files.toList()).as("no temporary file left").hasSize(1);
        }
        assertThat(build(cache, india, pack).howBuilt()).contains("from the compiled-model cache");
    }

    @Test
    void a_cache_that_cannot_be_written_is_warned_of_once() throws IOException {
        Path notADirectory = Files.writeString(dir.resolve("a-file"), "in the way\n");
        Path cache = notADirectory.resolve("cache");
        RulePack pack = policy(POLICY);

        String first = build(cache, india, pack).howBuilt();
        String second = build(cache, india, pack).howBuilt();

        assertThat(first).contains("compiled now").doesNotContain("written to");
        assertThat(second).contains("compiled now").doesNotContain("written to");
        assertThat(warnings()).hasSize(1);
        assertThat(warnings().get(0)).contains(cache.toString()).contains("cannot be written");
    }

    /**
     * The folder of compiled models shipped on the test class path: in this class's own output folder, which the class
     * loader reads at each lookup. Every test here writes the model of a pack of its own there, and removes it and
     * the folder ({@link #unship}).
     */
    private static Path shippedModels() {
        return classOutput().resolve(ComplianceEngine.SHIPPED_MODELS);
    }

    private static Path classOutput() {
        try {
            return Path.of(ModelCacheTest.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Removes the shipped models written since {@code before}, and their folders once empty. */
    private static void unship(List<Path> before) throws IOException {
        Path shipped = shippedModels();
        if (Files.isDirectory(shipped)) {
            for (Path file : entries(shipped)) {
                if (!before.contains(file)) {
                    Files.delete(file);
                }
            }
            for (Path folder = shipped; !folder.equals(classOutput()); folder = folder.getParent()) {
                try (Stream<Path> left = Files.list(folder)) {
                    if (left.findAny().isPresent()) {
                        break;
                    }
                }
                Files.delete(folder);
            }
        }
    }

    private static List<Path> shippedNow() throws IOException {
        return Files.isDirectory(shippedModels()) ? entries(shippedModels()) : List.of();
    }

    /** The INFO line of the last engine built. */
    private String howBuilt() {
        return log.list.stream().map(ILoggingEvent::getFormattedMessage).filter(m -> m.startsWith("Niyam engine ready"))
                .reduce((a, b) -> b).orElseThrow();
    }

    @Test
    void a_compiled_model_shipped_on_the_class_path_is_loaded_without_a_cache() throws IOException {
        String drl = POLICY.replace("Policy 2.2", "Policy 2.2, shipped");
        for (RulePack policy : List.of(policy(drl), policy(drl).unrestricted())) {
            ComplianceEngine compiling = ComplianceEngine.builder().rulePack(india).rulePack(policy).build();
            assertThat(howBuilt()).contains("compiled now");
            List<Path> before = shippedNow();
            try {
                // As an application's build does, with its class output folder.
                Path output = classOutput();
                // docs/performance.md:shipped:start
                Path model = ComplianceEngine.builder()
                        .rulePack(RulePack.classpath("org/niyam/compliance/rules/india"))
                        .rulePack(policy)
                        .writeCompiledModel(output);
                // docs/performance.md:shipped:end
                assertThat(shippedNow()).containsAll(before).contains(model).hasSize(before.size() + 1);
                Object file = Files.readAttributes(model, java.nio.file.attribute.BasicFileAttributes.class).fileKey();
                assertThat(ComplianceEngine.builder().rulePack(india).rulePack(policy).writeCompiledModel(output))
                        .as("written once").isEqualTo(model);
                assertThat(Files.readAttributes(model, java.nio.file.attribute.BasicFileAttributes.class).fileKey())
                        .isEqualTo(file);

                ComplianceEngine loaded = ComplianceEngine.builder().rulePack(india).rulePack(policy).build();

                assertThat(howBuilt()).doesNotContain("compiled now").contains("packs [policy] from a compiled model "
                        + "on the class path (" + model.toUri().toURL() + ")")
                        .contains(policy.restricted() ? "their classes checked as restricted packs' are"
                                : "that of [policy] cached with theirs");
                assertThat(loaded.ruleIds()).isEqualTo(compiling.ruleIds());
                long seed = 20_261_206L;
                Random random = new Random(seed);
                for (int i = 0; i < 40; i++) {
                    CaseLogs.Log generated = CaseLogs.generate(random, 1 + random.nextInt(12));
                    assertThat(loaded.evaluate(generated.evidence(), generated.asOf())).as("log %d of seed %d", i, seed)
                            .isEqualTo(compiling.evaluate(generated.evidence(), generated.asOf()));
                }
                assertThat(warnings()).isEmpty();
            } finally {
                unship(before);
            }
        }
        String source = Files.readString(Path.of("src/test/java/org/niyam/compliance/rules/india/ModelCacheTest.java"));
        java.util.regex.Matcher code = java.util.regex.Pattern.compile("// docs/performance.md:shipped:start\\n(.*?)"
                + "\\n\\s*// docs/performance.md:shipped:end", java.util.regex.Pattern.DOTALL).matcher(source);
        assertThat(code.find()).isTrue();
        assertThat(Files.readString(Path.of("..", "docs", "performance.md"))).as("docs/performance.md's example")
                .contains("```java\n" + code.group(1).stripIndent().strip() + "\n```");
    }

    @Test
    void a_shipped_model_that_cannot_be_used_is_warned_of_and_the_cache_or_a_compile_used_instead()
            throws IOException {
        String drl = POLICY.replace("Policy 2.2", "Policy 2.2, shipped and damaged");
        RulePack pack = policy(drl);
        List<Path> before = shippedNow();
        try {
            // As ComplianceEngine.Builder.writeCompiledModel writes it, for the rule bases this test builds.
            Path entry = RuleBase.build(List.of(india, pack), new RuleBase.Options(Map.of(), Set.of(), false)
                    .forShipping(shippedModels())).modelEntry().orElseThrow();
            String key = entry.getFileName().toString().replace(".model", "");
            String url = entry.toUri().toURL().toString();
            ModelCache.Entry good = ModelCache.read(shippedModels(), key, LOADER);

            // Damaged: ignored with a warning naming it; compiled, and written to the cache, not to the class path.
            byte[] flipped = Files.readAllBytes(entry);
            flipped[flipped.length / 2] ^= 0x40;
            Files.write(entry, flipped);
            log.list.clear();
            Path cache = dir.resolve("cache");
            String how = build(cache, india, pack).howBuilt();

            assertThat(warnings()).containsExactly("compiled model " + url + " on the class path ignored: its "
                    + "checksum does not match its contents (written partly, or changed since); looking in the "
                    + "compiled-model cache, else compiling the packs");
            assertThat(how).contains("compiled now").contains("written to the compiled-model cache (" + cache);
            assertThat(Files.readAllBytes(entry)).isEqualTo(flipped);
            log.list.clear();
            assertThat(build(cache, india, pack).howBuilt()).contains("from the compiled-model cache");
            assertThat(warnings()).hasSize(1);

            // A restricted pack's shipped classes are checked again, as the cache's are; refused, the cache serves.
            Map<String, byte[]> classes = new HashMap<>(good.classes());
            classes.put(ReadsTheClock.class.getName(), classFile(ReadsTheClock.class));
            ModelCache.write(shippedModels(), key, new ModelCache.Entry(classes, good.models(), good.declaredTypes(),
                    good.dependencies(), good.analysis()));
            for (Path withCache : java.util.Arrays.asList(cache, null)) {
                log.list.clear();

                assertThat(build(withCache, india, pack).howBuilt())
                        .contains(withCache == null ? "compiled now" : "from the compiled-model cache");
                assertThat(warnings()).singleElement().asString().startsWith("compiled model " + url + " on the "
                        + "class path ignored: the check of restricted packs refuses it (")
                        .contains(ReadsTheClock.class.getName()).endsWith(withCache == null ? "); compiling the packs"
                                : "); looking in the compiled-model cache, else compiling the packs");
            }

            // Compiled against other fact classes: the application shipped another build's model, warned of.
            Map<String, String> dependencies = new HashMap<>(good.dependencies());
            dependencies.put("org.niyam.compliance.india.ComplaintReceived", "0".repeat(64));
            ModelCache.write(shippedModels(), key, new ModelCache.Entry(good.classes(), good.models(),
                    good.declaredTypes(), dependencies, good.analysis()));
            log.list.clear();

            assertThat(build(null, india, pack).howBuilt()).contains("compiled now");
            assertThat(warnings()).containsExactly("compiled model " + url + " on the class path not used: class "
                    + "org.niyam.compliance.india.ComplaintReceived is not the one it was compiled against; compiling "
                    + "the packs");
        } finally {
            unship(before);
        }
    }

    @Test
    void packs_without_a_compiled_model_of_their_own_write_none_and_say_why() throws IOException {
        RulePack restricted = policy(POLICY);
        RulePack trusted = RulePack.drl("ours.drl", """
                package org.example.ours;
                import org.niyam.compliance.india.ComplaintReceived;

                rule "ours.complaint-seen" @citation("Our policy 1")
                when
                    ComplaintReceived($c : caseId)
                then
                end
                """).unrestricted();
        List<Path> before = shippedNow();
        try {
            for (List<RulePack> packs : List.of(List.of(restricted), List.of(india, trusted, restricted))) {
                ComplianceEngine.Builder builder = ComplianceEngine.builder().rulePacks(packs);

                assertThat(catchThrowableOfType(IllegalStateException.class,
                        () -> builder.writeCompiledModel(classOutput()))).as("%s", packs).isNotNull()
                        .hasMessageStartingWith("no compiled model of packs ")
                        .hasMessageContaining("only packs given after packs with a build-time model")
                        .hasMessageContaining("How they were built: ");
                assertThat(shippedNow()).isEqualTo(before);
            }
            Path notAFolder = Files.writeString(dir.resolve("a-file"), "in the way\n");
            assertThat(catchThrowableOfType(IllegalStateException.class, () -> ComplianceEngine.builder()
                    .rulePack(india).rulePack(restricted).writeCompiledModel(notAFolder)))
                    .hasMessageStartingWith("the compiled model cannot be written: the folder "
                            + notAFolder.resolve(ComplianceEngine.SHIPPED_MODELS) + " cannot be made (");
        } finally {
            unship(before);
        }
    }

    /**
     * Niyam in a parent class loader (a container's shared library folder) does not see the application's jar: the
     * entry is found through the context class loader the container sets on the thread that builds the engine.
     */
    @Test
    void a_shipped_model_seen_only_by_the_context_class_loader_is_loaded() throws IOException {
        RulePack policy = policy(POLICY.replace("Policy 2.2", "Policy 2.2, context"));
        Path application = Files.createDirectories(dir.resolve("application-classes"));
        Path model = ComplianceEngine.builder().rulePack(india).rulePack(policy).writeCompiledModel(application);
        assertThat(shippedNow()).doesNotContain(model);

        ComplianceEngine.builder().rulePack(india).rulePack(policy).build();
        assertThat(howBuilt()).as("not on Niyam's class path").contains("compiled now");

        Thread thread = Thread.currentThread();
        ClassLoader context = thread.getContextClassLoader();
        try (java.net.URLClassLoader container = new java.net.URLClassLoader(
                new java.net.URL[] {application.toUri().toURL()}, LOADER)) {
            thread.setContextClassLoader(container);
            ComplianceEngine.builder().rulePack(india).rulePack(policy).build();
        } finally {
            thread.setContextClassLoader(context);
        }
        assertThat(howBuilt()).doesNotContain("compiled now")
                .contains("from a compiled model on the class path (" + model.toUri().toURL() + ")");
        assertThat(warnings()).isEmpty();
    }

    @Test
    void a_class_path_that_ships_models_but_none_of_the_packs_says_so() throws IOException {
        List<Path> before = shippedNow();
        try {
            ComplianceEngine.builder().rulePack(india).rulePack(policy(POLICY.replace("Policy 2.2", "Policy 2.2, one")))
                    .writeCompiledModel(classOutput());
            log.list.clear();

            ComplianceEngine.builder().rulePack(india).rulePack(policy(POLICY.replace("Policy 2.2", "Policy 2.2, two")))
                    .build();

            assertThat(log.list.stream().map(ILoggingEvent::getFormattedMessage).filter(m -> m.startsWith(
                    "compiled models are shipped on the class path ("))).singleElement().asString()
                    .contains("but none of these packs (").contains("the Java version ("
                            + System.getProperty("java.specification.version") + ")").endsWith("; compiling the packs");
            assertThat(howBuilt()).contains("compiled now");
        } finally {
            unship(before);
        }
    }

    private static byte[] classFile(Class<?> type) throws IOException {
        try (InputStream in = LOADER.getResourceAsStream(type.getName().replace('.', '/') + ".class")) {
            return in.readAllBytes();
        }
    }

    /** What no restricted pack may do. */
    static final class ReadsTheClock {
        static long now() {
            return System.currentTimeMillis();
        }
    }
}
