package org.niyam.compliance.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.niyam.compliance.india.ComplaintAcknowledged;
import org.niyam.compliance.india.ComplaintCategory;
import org.niyam.compliance.india.ComplaintReceived;
import org.niyam.compliance.india.ComplaintResolved;
import org.niyam.compliance.india.ContentRemoved;
import org.niyam.compliance.india.InformationProvided;
import org.niyam.compliance.india.InformationRequestReceived;
import org.niyam.compliance.india.Issuer;
import org.niyam.compliance.india.IssuerKind;
import org.niyam.compliance.india.RemovalOrderReceived;
import org.niyam.compliance.india.TakedownAction;
import org.niyam.compliance.india.IndiaEvents;
import org.niyam.compliance.io.ComplianceJson;
import org.niyam.compliance.model.CaseEvent;
import org.niyam.compliance.model.Evidence;
import org.niyam.compliance.model.Finding;
import org.niyam.compliance.india.OfficerAppointment;
import org.niyam.compliance.india.OfficerRole;
import org.niyam.compliance.model.Report;
import org.niyam.compliance.pack.EvaluationListener;
import org.niyam.compliance.pack.RulePack;

/**
 * Differential testing, as Cedar tests its authorizer against its model: random rule packs (patterns over the
 * model's events, joins by caseId and not, {@code not}/{@code exists}/{@code accumulate}/{@code collect}, reads of
 * conclusions, attributes such as salience, agenda and activation groups, consequences that insert duties,
 * discharges, assessments and findings; and the shapes of {@link CrossingShapesTest}: a declared type, a binding
 * reused across branches and scopes, a global rule deleting or changing a conclusion, chains from a handed
 * conclusion to a {@code not}, a standing duty judged from conclusions; packs applying in one jurisdiction, firing
 * limits near the edge; {@code forall}, {@code eval}, DRL functions, {@code extends}, {@code insertLogical}, a
 * case-local declared fact changed by case-local rules) and random case logs (with officers appointed within the
 * period). For each, evaluating case by case (1 to 4 threads, sessions of 1 to all cases), in one session, and
 * through the streaming audit (bucket files of 1 to all events) must give the same report, in the same order, or
 * fail alike; for half the packs the live monitor must end with the same obligations of cases and findings. Every
 * other pack's global rules read no conclusion a case-local rule may make, so that at least 85% of those packs'
 * evaluations, and half of all, run case by case, rather than fall back to one session and compare it with itself.
 *
 * <p>A short run is part of {@code mvn verify}; {@code -Dniyam.differential.packs=2000} runs a long one and
 * {@code -Dniyam.differential.seed=N} another sequence (see {@code docs/performance.md}). The seed is printed.
 */
class DifferentialTest {

    private static final long SEED = Long.getLong("niyam.differential.seed", 20_261_205L);
    private static final int PACKS = Integer.getInteger("niyam.differential.packs", 10);
    /** The first pack compared: a long run goes on from where an earlier one stopped. */
    private static final int FROM = Integer.getInteger("niyam.differential.from", 0);
    private static final int LOGS_PER_PACK = 2;

    private static final OffsetDateTime T = OffsetDateTime.parse("2026-03-02T10:00:00+05:30");
    private static final OffsetDateTime AS_OF = T.plusDays(2);
    private static final int[] SESSION_SIZES = {1, 2, 3, 7, 2048};
    private static final int[] BUCKET_SIZES = {1, 2, 5, 50_000};

    private static final String[] EVENTS = {"ComplaintReceived", "ComplaintAcknowledged", "ComplaintResolved",
        "RemovalOrderReceived", "ContentRemoved", "InformationRequestReceived", "InformationProvided"};

    @Test
    void case_by_case_one_session_and_the_audit_give_the_same_report(@TempDir Path work) throws IOException {
        System.out.println("Differential test: seed " + SEED + ", " + PACKS + " packs"
                + (FROM > 0 ? " from pack " + FROM : "") + " (-Dniyam.differential.seed=" + SEED
                + " -Dniyam.differential.packs=" + PACKS + (FROM > 0 ? " -Dniyam.differential.from=" + FROM : "")
                + " to repeat)");
        Random random = new Random(SEED);
        int compared = 0;
        int skipped = 0;
        // Case-by-case evaluations that ran case by case ([0]) and in one session ([1]), of packs whose global rules
        // read no case-local conclusion ([1][...]) and of the others ([0][...]).
        int[][] runs = new int[2][2];
        java.util.Map<String, Integer> reasons = new java.util.TreeMap<>();
        int watched = 0;
        for (int pack = 0; pack < PACKS; pack++) {
            long packSeed = random.nextLong();
            if (pack < FROM) {
                continue;
            }
            Random packRandom = new Random(packSeed);
            // Every other pack's global rules read no case-local conclusion, so that those packs run case by case.
            PackGenerator generator = new PackGenerator(packRandom, pack % 2 == 0);
            String drl = generator.pack();
            Setting setting = Setting.of(packRandom);
            String context = "pack " + pack + " (seed " + SEED + ", pack seed " + packSeed + ", " + setting
                    + (generator.caseLocal() ? ", global rules read no case-local conclusion" : "") + "):\n" + drl;
            if (Boolean.getBoolean("niyam.differential.print")) {
                System.out.println(context);
            }
            ComplianceEngine one;
            try {
                one = engine(drl, setting).oneSession().build();
            } catch (org.niyam.compliance.pack.RulePackException e) {
                // Counted and printed: the generator is meant to write valid DRL, and a rise shows it does not.
                skipped++;
                System.out.println("Differential test: pack " + pack + " does not compile, skipped: "
                        + e.getMessage().lines().findFirst().orElse(""));
                continue;
            }
            int threadsA = 1 + packRandom.nextInt(4);
            int threadsB = 1 + packRandom.nextInt(4);
            ComplianceEngine[] byCase = {
                engine(drl, setting).threads(threadsA).eventsPerSession(pick(packRandom, SESSION_SIZES)).build(),
                engine(drl, setting).threads(threadsB).eventsPerSession(pick(packRandom, SESSION_SIZES)).build()};
            // With a firing limit the monitor judges earlier instants, with fewer facts and so a lower limit, where
            // evaluate as of then fails too, which the final report does not show.
            boolean monitored = !drl.contains("window:") && packRandom.nextInt(2) == 0 && setting.firingLimit() == 0;
            for (int log = 0; log < LOGS_PER_PACK; log++) {
                Evidence evidence = evidence(packRandom, setting.scoped());
                String logContext = context + "\nlog " + log + ": " + evidence.events();
                if (Boolean.getBoolean("niyam.differential.print")) {
                    System.out.println("log " + log + ": " + evidence.events());
                }
                Outcome expected = Outcome.of(() -> one.evaluate(evidence, AS_OF));
                for (ComplianceEngine engine : byCase) {
                    List<String> told = new ArrayList<>();
                    Outcome actual = Outcome.of(() -> engine.evaluate(evidence, AS_OF, new EvaluationListener() {
                        @Override
                        public void oneSession(String reason) {
                            told.add(reason);
                        }
                    }));
                    assertThat(actual).as("case by case against one session, %s", logContext).isEqualTo(expected);
                    String reason = engine.oneSessionReason().map(r -> "engine: " + r)
                            .orElse(told.isEmpty() ? null : "evaluation: " + told.get(0));
                    runs[generator.caseLocal() ? 1 : 0][reason == null ? 0 : 1]++;
                    if (reason != null) {
                        reasons.merge(reason.replaceAll("'[^']*'", "'..'").replaceAll("case [^ ,]+", "case ..")
                                .lines().findFirst().orElse(""), 1, Integer::sum);
                    }
                }
                if (monitored && expected.error() == null) {
                    watched++;
                    assertThat(watch(byCase[log % 2], evidence)).as("the live monitor, %s", logContext)
                            .isEqualTo(caseObligationsAndFindings(expected.report()));
                }
                Path file = work.resolve("log-" + pack + "-" + log + ".jsonl");
                write(evidence, packRandom, file);
                // Both engines (their threads and session sizes), each with its own bucket size.
                for (int e = 0; e < byCase.length; e++) {
                    ComplianceEngine auditEngine = byCase[e];
                    int threads = e == 0 ? threadsA : threadsB;
                    int bucket = pick(packRandom, BUCKET_SIZES);
                    // Buckets in files, in memory, or in memory until the fourth event and then in files.
                    long inMemory = new long[] {0, Long.MAX_VALUE, 3}[(log + e) % 3];
                    String where = String.format("audit, %d threads, %d events per bucket, %d in memory, %s", threads,
                            bucket, inMemory, logContext);
                    Outcome audited = Outcome.of(() -> audit(auditEngine, file, work, bucket, inMemory));
                    if (expected.error() != null) {
                        assertThat(audited.error()).as(where).isEqualTo(expected.error());
                    } else {
                        assertThat(audited.error()).as(where).isNull();
                        assertThat(sorted(audited.report())).as("as a multiset, %s", where)
                                .isEqualTo(sorted(expected.report()));
                        assertThat(audited.report().obligations()).as("obligations in report order, %s", where)
                                .containsExactlyElementsOf(expected.report().obligations());
                        assertThat(audited.report().findings()).as("findings in report order, %s", where)
                                .containsExactlyElementsOf(expected.report().findings());
                    }
                }
                compared++;
            }
            if ((pack + 1) % 25 == 0) {
                // A long run stopped by a time limit still says how far it came.
                System.out.println("Differential test: packs up to " + pack + " gave the same report");
            }
        }
        System.out.println("Differential test: " + compared + " pack and log pairs gave the same report; " + skipped
                + " of " + Math.max(0, PACKS - FROM) + " packs did not compile and were skipped; "
                + (runs[0][0] + runs[1][0]) + " case-by-case evaluations ran case by case and "
                + (runs[0][1] + runs[1][1]) + " in one session (of packs whose global rules read no case-local "
                + "conclusion " + runs[1][0] + " and " + runs[1][1] + ", of the others " + runs[0][0] + " and "
                + runs[0][1] + "); " + watched
                + " logs were also watched by the live monitor, which ended with the same case obligations and "
                + "findings");
        reasons.forEach((reason, n) -> System.out.println("  " + n + " times one session: " + reason));
        assertThat(compared).isEqualTo((Math.max(0, PACKS - FROM) - skipped) * LOGS_PER_PACK);
        assertThat(skipped * 10).as("packs that did not compile, of %d", PACKS - FROM)
                .isLessThanOrEqualTo(Math.max(0, PACKS - FROM));
        // Comparing one session with itself tests only the fallback: the case-local packs' evaluations must nearly
        // all run case by case, and half of all evaluations (other packs ran 18% to 60% case by case).
        int local = runs[1][0] + runs[1][1];
        assertThat(runs[1][0] * 100).as("evaluations of case-local packs that ran case by case, of %d", local)
                .isGreaterThanOrEqualTo(85 * local).isPositive();
        int all = local + runs[0][0] + runs[0][1];
        assertThat((runs[0][0] + runs[1][0]) * 100).as("case-by-case evaluations that ran case by case, of %d", all)
                .isGreaterThanOrEqualTo(50 * all);
    }

    /**
     * The generator writes only what restricted mode accepts: the first packs of the default seed that together hold
     * each shape it makes besides the earlier ones build as restricted packs, and evaluate one log of theirs as the
     * unchecked build does. Restricted mode refuses {@code insertLogical} and takes {@code drools.logicalInsert},
     * which the unchecked compiler does not know: the generator writes the first, and here it is written the second
     * way. (Sliding windows, which some packs use, are refused in restricted packs.)
     */
    @Test
    void the_generators_shapes_build_as_restricted_packs() {
        List<String> shapes = new ArrayList<>(List.of("forall(", "eval(", " extends ", "insertLogical(",
                "modify($m)", "update($m)", "function ", "odd(caseId)", "OfficerAppointment(", "LawInForce()"));
        Random random = new Random(20_261_205L);
        int built = 0;
        for (int pack = 0; pack < 40 && !shapes.isEmpty(); pack++) {
            Random packRandom = new Random(random.nextLong());
            String drl = new PackGenerator(packRandom, pack % 2 == 0).pack();
            if (drl.contains("window:") || shapes.stream().noneMatch(drl::contains)) {
                continue;
            }
            shapes.removeIf(drl::contains);
            String restricted = drl.replace("insertLogical(", "drools.logicalInsert(");
            ComplianceEngine engine = ComplianceEngine.builder().eventTypes(IndiaEvents.TYPES)
                    .rulePack(RulePack.classpath(TestPacks.CLOCK_PACK).unrestricted())
                    .rulePack(RulePack.drl("generated", restricted)).build();
            Evidence evidence = evidence(packRandom, false);
            assertThat(Outcome.of(() -> engine.evaluate(evidence, AS_OF))).as("pack %d restricted:%n%s", pack, drl)
                    .isEqualTo(Outcome.of(() -> engine(drl, new Setting(false, null, 0)).oneSession().build()
                            .evaluate(evidence, AS_OF)));
            built++;
        }
        assertThat(shapes).as("shapes not generated in 40 packs").isEmpty();
        System.out.println("Differential test: " + built + " generated packs built as restricted packs");
    }

    /** The clock pack (its clocks and standing duties) and the generated one, as the setting says. */
    private static ComplianceEngine.Builder engine(String drl, Setting setting) {
        RulePack generated = RulePack.drl("generated", drl).unrestricted();
        ComplianceEngine.Builder builder = ComplianceEngine.builder().eventTypes(IndiaEvents.TYPES)
                .rulePack(RulePack.classpath(TestPacks.CLOCK_PACK).unrestricted())
                .rulePack(setting.scoped() ? generated.applyingIn("IN") : generated);
        if (setting.defaultJurisdiction() != null) {
            builder.defaultJurisdiction(setting.defaultJurisdiction());
        }
        return setting.firingLimit() > 0 ? builder.firingLimitPerFact(setting.firingLimit()) : builder;
    }

    /**
     * How a pack is run: applying in one jurisdiction (its logs' cases then arise here, there or nowhere said), with
     * a default jurisdiction or none, and a firing limit near what the packs fire per fact (0: the default).
     */
    private record Setting(boolean scoped, String defaultJurisdiction, int firingLimit) {

        static Setting of(Random random) {
            boolean scoped = random.nextInt(4) == 0;
            String byDefault = scoped ? new String[] {null, "IN", "DE"}[random.nextInt(3)] : null;
            return new Setting(scoped, byDefault, random.nextInt(6) == 0 ? 1 + random.nextInt(3) : 0);
        }

        @Override
        public String toString() {
            return (scoped ? "applying in IN, default " + defaultJurisdiction : "applying everywhere")
                    + (firingLimit > 0 ? ", firing limit " + firingLimit + " per fact" : "");
        }
    }

    /**
     * The live monitor's obligations of cases and findings, the log's events up to "as of" given in one batch to a
     * clock that starts before its first event and is then set to "as of".
     */
    private static List<String> watch(ComplianceEngine engine, Evidence evidence) {
        MonitorClock.Manual clock = MonitorClock.manual(T.minusMinutes(1));
        try (ComplianceMonitor monitor = ComplianceMonitor.builder(engine).clock(clock).offset(T.getOffset())
                .platform(evidence.platform()).facts(evidence.facts()).build()) {
            // What evaluate reads as of then: a later event (one stating another jurisdiction) would be refused now.
            monitor.acceptAll(evidence.events().stream().filter(e -> !e.at().isAfter(AS_OF)).toList());
            clock.set(AS_OF);
            return caseObligationsAndFindings(monitor.report());
        }
    }

    /**
     * Obligations of cases with their status, and findings by code and case, each once: the monitor reports a finding
     * as a transition whose id its code, case, evidence and rule make, so two equal findings are one there.
     */
    private static List<String> caseObligationsAndFindings(Report report) {
        java.util.Set<String> items = new java.util.TreeSet<>();
        report.obligations().stream().filter(o -> o.caseId() != null)
                .forEach(o -> items.add(o.id() + " " + o.status()));
        report.findings().forEach(f -> items.add(f.code() + " " + f.caseId() + " " + f.evidence()));
        return List.copyOf(items);
    }

    private static int pick(Random random, int[] values) {
        return values[random.nextInt(values.length)];
    }

    /** A report, or the error that took its place: its type and message. */
    private record Outcome(Report report, String error) {

        static Outcome of(java.util.function.Supplier<Report> run) {
            try {
                return new Outcome(run.get(), null);
            } catch (RuntimeException e) {
                return new Outcome(null, e.getClass().getSimpleName() + ": " + e.getMessage());
            }
        }
    }

    private static Report audit(ComplianceEngine engine, Path file, Path work, int bucket, long inMemory) {
        CollectingSink delivered = new CollectingSink();
        CaseLogAudit.builder(engine).asOf(AS_OF).workDirectory(work).eventsPerBucket(bucket).eventsInMemory(inMemory)
                .build().run(List.of(file), delivered);
        return delivered.report(AS_OF);
    }

    /** The report's obligations and findings as multisets. */
    private static List<String> sorted(Report report) {
        List<String> items = new ArrayList<>();
        report.obligations().forEach(o -> items.add(o.toString()));
        report.findings().forEach(f -> items.add(f.toString()));
        Collections.sort(items);
        return items;
    }

    /**
     * Up to six cases of up to five events each, some after "as of". For a pack applying in one jurisdiction, each
     * case arises in IN, in DE or nowhere said, and half its events say so.
     */
    private static Evidence evidence(Random random, boolean scoped) {
        List<CaseEvent> events = new ArrayList<>();
        int cases = 1 + random.nextInt(6);
        int id = 0;
        for (int c = 0; c < cases; c++) {
            String caseId = "case-" + c;
            String arose = scoped ? new String[] {null, "IN", "DE"}[random.nextInt(3)] : null;
            int count = 1 + random.nextInt(5);
            for (int e = 0; e < count; e++) {
                OffsetDateTime at = T.plusMinutes(random.nextInt(3 * 24 * 60));
                String eventId = "e" + id++;
                // Never another than the case's: the audit sets such a line aside where evaluate fails.
                String j = arose == null || random.nextBoolean() ? null : arose;
                events.add(switch (random.nextInt(EVENTS.length)) {
                    case 0 -> new ComplaintReceived(eventId, caseId, at, random.nextInt(3) == 0
                            ? ComplaintCategory.INTIMATE_IMAGERY : ComplaintCategory.GENERAL, j);
                    case 1 -> new ComplaintAcknowledged(eventId, caseId, at, j);
                    case 2 -> new ComplaintResolved(eventId, caseId, at, j);
                    case 3 -> new RemovalOrderReceived(eventId, caseId, at,
                            new Issuer(IssuerKind.COURT, "High Court", null), "WP 1/2026", null, j);
                    case 4 -> new ContentRemoved(eventId, caseId, at, TakedownAction.REMOVED, null, j);
                    case 5 -> new InformationRequestReceived(eventId, caseId, at, "CERT-In", j);
                    default -> new InformationProvided(eventId, caseId, at, j);
                });
            }
        }
        Collections.shuffle(events, random);
        return new Evidence(TestPacks.PLATFORM, appointments(random), events);
    }

    /**
     * The grievance officer appointed since before the log, in half the logs; in the others none, or one or two
     * appointments that begin within the log's three days and may end before "as of", so that whether the post is
     * held changes within the period the standing duties are judged over.
     */
    private static List<OfficerAppointment> appointments(Random random) {
        if (random.nextBoolean()) {
            return List.of(TestPacks.grievanceOfficer());
        }
        List<OfficerAppointment> appointments = new ArrayList<>();
        int count = random.nextInt(3);
        for (int a = 1; a <= count; a++) {
            OffsetDateTime from = T.plusMinutes(random.nextInt(3 * 24 * 60));
            OffsetDateTime to = random.nextBoolean() ? null : from.plusMinutes(1 + random.nextInt(24 * 60));
            appointments.add(new OfficerAppointment("a" + a, OfficerRole.GRIEVANCE_OFFICER, "Officer " + a, true,
                    true, true, from, to));
        }
        return appointments;
    }

    /** The evidence as a JSON Lines case log, its lines in random order. */
    private static void write(Evidence evidence, Random random, Path file) {
        List<String> lines = new ArrayList<>();
        lines.add(typed("PlatformProfile", line(evidence.platform())));
        for (var appointment : evidence.facts()) {
            lines.add(typed("OfficerAppointment", line(appointment)));
        }
        evidence.events().forEach(event -> lines.add(line(event)));
        Collections.shuffle(lines, random);
        try {
            Files.write(file, lines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One line of JSON, as the model's own mapper writes it. */
    private static String line(Object value) {
        try {
            return ComplianceJson.mapper().writer().without(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String typed(String type, String json) {
        return json.contains("\"type\"") ? json : "{\"type\":\"" + type + "\"," + json.substring(1);
    }

    /**
     * Random DRL over the model's events and the rule vocabulary. Besides the rules over events and conclusions, a
     * pack may declare a type ({@code Tag}, with a case and a number a rule may change), read conclusions of earlier
     * rules positively (so a global rule's conclusion, handed to a case's session, can reach a {@code not} two
     * case-local rules on), reuse one binding across the branches of an {@code or} or in sibling scopes, end with a
     * global rule that deletes a finding or changes a tag, and judge a standing duty from conclusions (case-local or
     * not). Rules never feed themselves: a rule reads positively only the findings and assessments of earlier rules,
     * never inserts a duty, tag or mark of a type it reads positively, and a finding is deleted only where its own
     * rule does not wait for its absence.
     *
     * <p>Half the packs are <em>case-local</em> ({@link #caseLocal}): their global rules (agenda and activation
     * groups, patterns over any case, logical inserts) read only events and context facts, never a conclusion a
     * case-local rule may make, and their other rules tie every pattern to the case, so that their evaluations run
     * case by case rather than fall back to one session. Both kinds also use {@code forall}, {@code eval}, DRL
     * functions in conditions and consequences, rules that {@code extends} an earlier one and {@code insertLogical};
     * case-local packs declare {@code Mark}, which case-local rules insert and change with {@code modify} or
     * {@code update}, in place of {@code Tag}.
     */
    static final class PackGenerator {

        private final Random random;
        private final StringBuilder drl = new StringBuilder();
        /** Whether global rules read only evidence and context facts. */
        private final boolean caseLocal;
        private boolean windows;
        private boolean tags;
        private boolean marks;
        private boolean functions;
        /** Rules whose conditions include {@code not Finding(code == "f<own index>")}: deleting it would loop. */
        private final java.util.Set<Integer> waitingForOwn = new java.util.HashSet<>();
        /** Rules that insert a finding, by index, so that later rules read one that exists. */
        private final List<Integer> findingRules = new ArrayList<>();
        private final List<Integer> assessmentRules = new ArrayList<>();
        /** Rules that fire once more for each new duty, tag or mark they read (perhaps through an earlier rule). */
        private final java.util.Set<Integer> onDuties = new java.util.HashSet<>();
        private final java.util.Set<Integer> onTags = new java.util.HashSet<>();
        private final java.util.Set<Integer> onMarks = new java.util.HashSet<>();
        /** Rules a later rule may extend: case-local ones in a case-local pack, any in another. */
        private final List<Parent> parents = new ArrayList<>();

        /** What a rule's conditions bind and read, which a rule extending it inherits. */
        private record Parent(int index, List<String> events, List<String> duties, List<Integer> reads,
                              java.util.Set<Integer> notCodes, boolean eventAnchor, int depth) {
        }

        PackGenerator(Random random, boolean caseLocal) {
            this.random = random;
            this.caseLocal = caseLocal;
        }

        /** Whether this pack's global rules read no conclusion a case-local rule may make. */
        boolean caseLocal() {
            return caseLocal;
        }

        String pack() {
            StringBuilder rules = new StringBuilder();
            int count = 2 + random.nextInt(6);
            for (int r = 0; r < count; r++) {
                rules.append(rule(r, count));
            }
            if (!caseLocal && chance(0.3)) {
                rules.append(mutator());
            }
            if (marks && chance(0.6)) {
                rules.append(marker());
            }
            if (chance(0.25)) {
                rules.append(caseLocal ? staffed() : standing());
            }
            drl.append("package org.niyam.test.generated;\n\nimport java.util.List;\n"
                    + "import org.niyam.compliance.model.*;\nimport org.niyam.compliance.india.*;\n\n");
            if (windows) {
                for (String event : EVENTS) {
                    drl.append("declare ").append(event).append(" @role(event) end\n");
                }
                drl.append('\n');
            }
            if (tags) {
                drl.append("declare Tag\n    caseId : String\n    n : int\nend\n\n");
            }
            if (marks) {
                drl.append("declare Mark\n    caseId : String\n    n : int\nend\n\n");
            }
            if (functions) {
                drl.append("function boolean odd(String caseId) {\n    return caseId.charAt(caseId.length() - 1) % 2 "
                        + "== 1;\n}\n\nfunction String note(String caseId, int rule) {\n"
                        + "    return \"noted by \" + rule + \" for \" + caseId;\n}\n\n");
            }
            return drl.append(rules).toString();
        }

        private String event() {
            return EVENTS[random.nextInt(EVENTS.length)];
        }

        private boolean chance(double p) {
            return random.nextDouble() < p;
        }

        /** The index of an earlier rule that inserts a finding (or an assessment), or -1 when there is none. */
        private int earlier(List<Integer> rules) {
            return rules.isEmpty() ? -1 : rules.get(random.nextInt(rules.size()));
        }

        private String rule(int r, int count) {
            // In a case-local pack, a global rule reads only events and context facts; the others stay case-local.
            boolean global = caseLocal && chance(0.3);
            boolean tied = caseLocal && !global;
            Parent parent = !global && !parents.isEmpty() && chance(0.15)
                    ? parents.get(random.nextInt(parents.size())) : null;
            StringBuilder rule = new StringBuilder("rule \"g.r" + r + "\"");
            if (parent != null) {
                rule.append(" extends \"g.r").append(parent.index()).append('"');
            }
            rule.append("\n    @citation(\"s. ").append(r).append("\")\n");
            if (chance(0.3)) {
                rule.append("    salience ").append(random.nextInt(7) - 3).append('\n');
            }
            if (chance(0.1)) {
                rule.append("    no-loop true\n");
            }
            if (!tied && chance(0.1)) {
                rule.append("    agenda-group \"g").append(random.nextInt(2)).append("\"\n");
                if (chance(0.7)) {
                    rule.append("    auto-focus true\n");
                }
            }
            if (!tied && chance(0.1)) {
                rule.append("    activation-group \"a").append(random.nextInt(2)).append("\"\n");
            }
            rule.append("when\n");
            List<String> events = new ArrayList<>();
            List<String> duties = new ArrayList<>();
            boolean readsTag = false;
            boolean readsMark = false;
            List<Integer> reads = new ArrayList<>();
            java.util.Set<Integer> notCodes = new java.util.HashSet<>();
            boolean eventAnchor = false;
            // A rule extending another binds its elements from $e10 on (its child's from $e20): the parent's names
            // stay its own.
            int first = 1;
            if (parent != null) {
                events.addAll(parent.events());
                duties.addAll(parent.duties());
                reads.addAll(parent.reads());
                notCodes.addAll(parent.notCodes());
                eventAnchor = parent.eventAnchor();
                readsTag = onTags.contains(parent.index());
                readsMark = onMarks.contains(parent.index());
                first = 10 * (parent.depth() + 1);
            } else {
                double anchor = random.nextDouble();
                int finding = global ? -1 : earlier(findingRules);
                int assessment = global ? -1 : earlier(assessmentRules);
                if (anchor < 0.1 && finding >= 0) {
                    rule.append("    $f0 : Finding(code == \"f").append(finding).append("\", $c : caseId)\n");
                    reads.add(finding);
                } else if (anchor < 0.15 && assessment >= 0) {
                    rule.append("    $a0 : Assessment(key == \"s").append(assessment).append("\", $c : caseId)\n");
                    reads.add(assessment);
                } else if (anchor < 0.22 && !global) {
                    if (caseLocal) {
                        marks = true;
                        readsMark = true;
                        rule.append("    $m0 : Mark($c : caseId").append(chance(0.3) ? ", n == 0" : "").append(")\n");
                    } else {
                        tags = true;
                        readsTag = true;
                        rule.append("    $t0 : Tag($c : caseId").append(chance(0.3) ? ", n == 0" : "").append(")\n");
                    }
                } else if (anchor < 0.8 || global) {
                    eventAnchor = true;
                    String type = event();
                    String extra = type.equals("ComplaintReceived") && chance(0.3)
                            ? ", category == ComplaintCategory.INTIMATE_IMAGERY" : "";
                    rule.append("    $e0 : ").append(type).append("($c : caseId").append(extra).append(")\n");
                    events.add("$e0");
                } else {
                    rule.append("    $d0 : Duty($c : caseId)\n");
                    duties.add("$d0");
                }
            }
            int elements = (parent != null ? 1 : 0) + random.nextInt(3);
            for (int k = first; k < first + elements; k++) {
                String type = event();
                int shape = random.nextInt(19);
                if (global && (shape == 7 || shape == 8 || shape == 9 || shape == 12 || shape == 16
                        || shape == 18)) {
                    // A global rule of a case-local pack: events of any case instead of a conclusion.
                    shape = 2;
                } else if (global && shape == 13) {
                    shape = 17;
                } else if (tied && (shape == 2 || shape == 10 || shape == 11)) {
                    shape = 0;
                }
                switch (shape) {
                    case 0, 1 -> {
                        rule.append("    $e").append(k).append(" : ").append(type)
                                .append(chance(0.5) || !eventAnchor ? "(caseId == $c)" : "(caseId == $e0.caseId)")
                                .append('\n');
                        events.add("$e" + k);
                    }
                    case 2 -> {
                        rule.append("    $e").append(k).append(" : ").append(type).append("()\n");
                        events.add("$e" + k);
                    }
                    case 3 -> rule.append("    not ").append(type).append(chance(0.7) || tied ? "(caseId == $c)\n"
                            : "()\n");
                    case 4 -> rule.append("    exists ").append(type).append(chance(0.8) || tied ? "(caseId == $c)\n"
                            : "()\n");
                    case 5 -> rule.append("    accumulate(").append(type).append("(caseId == $c); $n").append(k)
                            .append(" : count(); $n").append(k).append(" >= ").append(1 + random.nextInt(2))
                            .append(")\n");
                    case 6 -> rule.append("    $l").append(k).append(" : List(size >= 1) from collect(")
                            .append(type).append("(caseId == $c))\n");
                    case 7 -> {
                        rule.append("    $d").append(k).append(" : Duty(caseId == $c)\n");
                        duties.add("$d" + k);
                    }
                    case 8 -> {
                        int code = random.nextInt(count);
                        notCodes.add(code);
                        rule.append("    not Finding(code == \"f").append(code).append("\", caseId == $c)\n");
                    }
                    case 9 -> {
                        if (!caseLocal && chance(0.3)) {
                            windows = true;
                            rule.append("    $e").append(k).append(" : ").append(type)
                                    .append("(caseId == $c) over window:length(2)\n");
                            events.add("$e" + k);
                        } else {
                            rule.append("    exists Assessment(caseId == $c)\n");
                        }
                    }
                    // One name bound in both branches of an or: the unjoined branch ties nothing to the case.
                    case 10 -> rule.append("    ( ").append(type).append("($x").append(k)
                            .append(" : caseId, caseId == $c) or ").append(event()).append("($x").append(k)
                            .append(" : caseId) )\n");
                    // One name bound in sibling scopes: exists, then not or accumulate over any case.
                    case 11 -> {
                        rule.append("    exists ( ").append(type).append("($x").append(k)
                                .append(" : caseId, caseId == $c) )\n");
                        if (chance(0.5)) {
                            rule.append("    not ( ").append(event()).append("($x").append(k).append(" : caseId) )\n");
                        } else {
                            rule.append("    $n").append(k).append(" : Number(intValue ").append(chance(0.5)
                                    ? "== 0" : ">= 1").append(") from accumulate( ").append(event()).append("($x")
                                    .append(k).append(" : caseId), count(1) )\n");
                        }
                    }
                    case 12 -> {
                        // Tags in a pack whose global rules read anything, marks (case-local) in the other.
                        String declared = caseLocal ? "Mark" : "Tag";
                        marks |= caseLocal;
                        tags |= !caseLocal;
                        if (chance(0.5)) {
                            readsTag |= !caseLocal;
                            readsMark |= caseLocal;
                            rule.append("    $t").append(k).append(" : ").append(declared).append("(caseId == $c)\n");
                        } else {
                            rule.append("    not ").append(declared).append("(caseId == $c")
                                    .append(chance(0.5) ? ", n > 0" : "").append(")\n");
                        }
                    }
                    // Every event of one kind in the case is followed by one of another kind, or none is.
                    case 13 -> {
                        rule.append("    forall( $g").append(k).append(" : ").append(type).append("(caseId == $c) ")
                                .append(event()).append("(caseId == $c");
                        if (chance(0.5)) {
                            rule.append(", at.isAfter($g").append(k).append(".at)");
                        }
                        rule.append(") )\n");
                    }
                    case 14 -> {
                        functions = true;
                        rule.append(chance(0.5) ? "    eval(odd($c))\n" : "    eval(!odd($c))\n");
                    }
                    case 15 -> {
                        if (events.size() >= 2) {
                            rule.append("    eval(").append(events.get(events.size() - 2)).append(".at().isBefore(")
                                    .append(events.get(events.size() - 1)).append(".at()))\n");
                        } else {
                            rule.append("    eval($c.compareTo(\"case-").append(random.nextInt(6)).append("\") ")
                                    .append(chance(0.5) ? "<" : ">=").append(" 0)\n");
                        }
                    }
                    // A grievance officer holding the post when the case's event came: a context fact.
                    case 16 -> {
                        if (!events.isEmpty()) {
                            rule.append("    ").append(chance(0.7) ? "exists" : "not")
                                    .append(" OfficerAppointment(role == OfficerRole.GRIEVANCE_OFFICER, heldAt(")
                                    .append(events.get(0)).append(".at()))\n");
                        } else {
                            rule.append("    exists OfficerAppointment(role == OfficerRole.GRIEVANCE_OFFICER)\n");
                        }
                    }
                    case 17 -> {
                        functions = true;
                        rule.append("    $e").append(k).append(" : ").append(type).append("(")
                                .append(global ? "" : "caseId == $c, ").append(chance(0.5) ? "odd(caseId)"
                                        : "!odd(caseId)").append(")\n");
                        events.add("$e" + k);
                    }
                    default -> {
                        int read = earlier(findingRules);
                        if (read >= 0) {
                            rule.append("    $f").append(k).append(" : Finding(code == \"f").append(read)
                                    .append("\", caseId == $c)\n");
                            reads.add(read);
                        } else {
                            rule.append("    exists Finding(caseId == $c)\n");
                        }
                    }
                }
            }
            if (notCodes.contains(r)) {
                waitingForOwn.add(r);
            }
            if (!duties.isEmpty() || reads.stream().anyMatch(onDuties::contains)) {
                onDuties.add(r);
            }
            if (readsTag || reads.stream().anyMatch(onTags::contains)) {
                onTags.add(r);
            }
            if (readsMark || reads.stream().anyMatch(onMarks::contains)) {
                onMarks.add(r);
            }
            String consequence = global ? globalConsequence(r, events) : consequence(r, events, duties);
            if (consequence.contains("new Tag(")) {
                // Tags come from global rules only (an event of any case), so that case-local rules reading them
                // read what the global session hands to their case's session, and no global rule reads a
                // case-local conclusion, which would judge the standing duties over the period in one session.
                rule.append("    exists ").append(event()).append("()\n");
            }
            if (global && !rule.toString().contains("()\n") && !rule.toString().contains("(odd(caseId))")
                    && !rule.toString().contains("(!odd(caseId))") && !consequence.contains("insertLogical")
                    && !rule.toString().contains("-group")) {
                // Some pattern over any case makes the rule global.
                rule.append("    exists ").append(event()).append("()\n");
            }
            if (!global && (!tied || !consequence.contains("insertLogical"))) {
                parents.add(new Parent(r, List.copyOf(events), List.copyOf(duties), List.copyOf(reads),
                        java.util.Set.copyOf(notCodes), eventAnchor, first / 10));
            }
            rule.append("then\n    ").append(consequence).append("\nend\n\n");
            return rule.toString();
        }

        private String consequence(int r, List<String> events, List<String> duties) {
            int kind = random.nextInt(7);
            // A rule that reads duties (or tags, or marks) and inserts one would feed itself without end.
            if (kind == 0 && events.contains("$e0") && !onDuties.contains(r)) {
                return "insert(new Duty(\"k" + r + "\", \"Act on it\", \"test.clock\", $e0));";
            }
            if (kind == 1 && !duties.isEmpty() && !events.isEmpty()) {
                return "insert(new Discharge(" + duties.get(random.nextInt(duties.size())) + ", "
                        + events.get(random.nextInt(events.size())) + "));";
            }
            if (kind == 2) {
                assessmentRules.add(r);
                return "insert(new Assessment(\"s" + r + "\", \"Keep a note\", Status.MET, \"noted\", List.of(), $c));";
            }
            if (kind == 3 && !caseLocal && !onTags.contains(r)) {
                tags = true;
                return "insert(new Tag($c, 0));";
            }
            if (kind == 3 && caseLocal && !onMarks.contains(r)) {
                marks = true;
                return "insert(new Mark($c, 0));";
            }
            findingRules.add(r);
            String caseId = chance(0.1) ? "null" : "$c";
            String evidence = events.isEmpty() ? "List.of()" : "List.of(" + events.get(0) + ".id())";
            String description = "\"noted\"";
            if (chance(0.25)) {
                functions = true;
                description = "note($c, " + r + ")";
            }
            // A logical insert makes the rule global; in a case-local pack only global rules make one.
            String insert = kind == 6 && !caseLocal ? "insertLogical" : "insert";
            return insert + "(new Finding(\"f" + r + "\", " + caseId + ", " + description + ", " + evidence + "));";
        }

        /**
         * What a global rule of a case-local pack concludes: a finding of no case (perhaps a logical one), or an
         * assessment of the platform, which no case-local rule reads.
         */
        private String globalConsequence(int r, List<String> events) {
            String evidence = events.isEmpty() ? "List.of()" : "List.of(" + events.get(0) + ".id())";
            if (chance(0.25)) {
                return "insert(new Assessment(\"p" + r + "\", \"Keep a note\", Status.MET, \"noted\", List.of()));";
            }
            return (chance(0.4) ? "insertLogical" : "insert") + "(new Finding(\"p" + r + "\", null, \"noted\", "
                    + evidence + "));";
        }

        /**
         * A global rule (its second pattern ties nothing to a case) that deletes a finding or changes a tag that
         * case-local rules may have read.
         */
        private String mutator() {
            StringBuilder rule = new StringBuilder("rule \"g.m\"\n    @citation(\"s. m\")\n");
            if (chance(0.5)) {
                rule.append("    salience ").append(random.nextInt(21) - 10).append('\n');
            }
            List<Integer> deletable = findingRules.stream().filter(f -> !waitingForOwn.contains(f)).toList();
            if (!deletable.isEmpty() && (!tags || chance(0.3))) {
                int code = deletable.get(random.nextInt(deletable.size()));
                return rule.append("when\n    $f : Finding(code == \"f").append(code).append("\")\n    exists ")
                        .append(event()).append("()\nthen\n    delete($f);\nend\n\n").toString();
            }
            tags = true;
            return rule.append("when\n    $t : Tag(n == 0)\n    exists ").append(event())
                    .append("()\nthen\n    modify($t) { setN(1) }\nend\n\n").toString();
        }

        /**
         * A case-local rule that changes a mark of its case, by {@code modify} or by a setter and {@code update}.
         * In a case-local pack it reads marks only: a case-local rule that changes facts counts as changing every
         * type it reads, and a global rule reading one of those would send the evaluation to one session.
         */
        private String marker() {
            StringBuilder rule = new StringBuilder("rule \"g.mark\"\n    @citation(\"s. k\")\n");
            if (chance(0.5)) {
                rule.append("    salience ").append(random.nextInt(21) - 10).append('\n');
            }
            rule.append("when\n    $m : Mark(n == 0)\n");
            if (!caseLocal && chance(0.5)) {
                rule.append("    exists ").append(event()).append("(caseId == $m.caseId)\n");
            } else if (chance(0.3)) {
                rule.append("    not Mark(caseId == $m.caseId, n > 0)\n");
            }
            int n = 1 + random.nextInt(2);
            String change = chance(0.5) ? "modify($m) { setN(" + n + ") }" : "$m.setN(" + n + ");\n    update($m);";
            return rule.append("then\n    ").append(change).append("\nend\n\n").toString();
        }

        /** A standing duty of the platform, met while some conclusion exists and breached while none does. */
        private String standing() {
            int code = chance(0.5) ? earlier(findingRules) : -1;
            String what = code >= 0 ? "Finding(code == \"f" + code + "\")" : "Tag()";
            tags |= code < 0;
            String quiet = event();
            return "rule \"g.unstaffed\"\n    @citation(\"s. u\")\n    salience -10\nwhen\n    not " + what
                    + "\n    not " + quiet + "()\nthen\n    insert(new Assessment(\"g.desk\", \"Staff the desk\", "
                    + "Status.BREACHED, \"nothing staffed\", List.of()));\nend\n\n"
                    + "rule \"g.staffed\"\n    @citation(\"s. u\")\n    salience -10\nwhen\n    exists (" + what
                    + " or " + quiet + "())\nthen\n    insert(new Assessment(\"g.desk\", \"Staff the desk\", "
                    + "Status.MET, \"staffed\", List.of()));\nend\n\n";
        }

        /**
         * A standing duty of the platform judged from context facts and events only: met while a grievance officer
         * holds the post (the log's appointments may begin and end within the period) or an event of some kind was
         * received, breached otherwise.
         */
        private String staffed() {
            String officer = "OfficerAppointment(role == OfficerRole.GRIEVANCE_OFFICER, heldAt($law.asOf))";
            String quiet = event();
            return "rule \"g.unstaffed\"\n    @citation(\"s. u\")\n    salience -10\nwhen\n    $law : LawInForce()\n"
                    + "    not " + officer + "\n    not " + quiet + "()\nthen\n    insert(new Assessment(\"g.desk\", "
                    + "\"Staff the desk\", Status.BREACHED, \"nothing staffed\", List.of()));\nend\n\n"
                    + "rule \"g.staffed\"\n    @citation(\"s. u\")\n    salience -10\nwhen\n    $law : LawInForce()\n"
                    + "    exists (" + officer + " or " + quiet + "())\nthen\n    insert(new Assessment(\"g.desk\", "
                    + "\"Staff the desk\", Status.MET, \"staffed\", List.of()));\nend\n\n";
        }
    }
}
