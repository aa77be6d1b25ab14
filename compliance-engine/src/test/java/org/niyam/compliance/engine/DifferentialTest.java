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
import org.niyam.compliance.india.ComplaintCategory;
import org.niyam.compliance.india.IndiaEvents;
import org.niyam.compliance.io.ComplianceJson;
import org.niyam.compliance.model.CaseEvent;
import org.niyam.compliance.model.Evidence;
import org.niyam.compliance.model.Finding;
import org.niyam.compliance.india.OfficerAppointment;
import org.niyam.compliance.model.Report;
import org.niyam.compliance.pack.RulePack;

/**
 * Differential testing, as Cedar tests its authorizer against its model: random rule packs (patterns over the
 * model's events, joins by caseId and not, {@code not}/{@code exists}/{@code accumulate}/{@code collect}, reads of
 * conclusions, attributes such as salience, agenda and activation groups, consequences that insert duties,
 * discharges, assessments and findings) and random case logs. For each, evaluating case by case (1 to 4 threads,
 * sessions of 1 to all cases), in one session, and through the streaming audit (bucket files of 1 to all events)
 * must give the same report, in the same order, or fail alike.
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
        for (int pack = 0; pack < PACKS; pack++) {
            long packSeed = random.nextLong();
            if (pack < FROM) {
                continue;
            }
            Random packRandom = new Random(packSeed);
            String drl = new PackGenerator(packRandom).pack();
            String context = "pack " + pack + " (seed " + SEED + ", pack seed " + packSeed + "):\n" + drl;
            if (Boolean.getBoolean("niyam.differential.print")) {
                System.out.println(context);
            }
            ComplianceEngine one = engine(drl).oneSession().build();
            int threadsA = 1 + packRandom.nextInt(4);
            int threadsB = 1 + packRandom.nextInt(4);
            ComplianceEngine[] byCase = {
                engine(drl).threads(threadsA).eventsPerSession(pick(packRandom, SESSION_SIZES)).build(),
                engine(drl).threads(threadsB).eventsPerSession(pick(packRandom, SESSION_SIZES)).build()};
            for (int log = 0; log < LOGS_PER_PACK; log++) {
                Evidence evidence = evidence(packRandom);
                String logContext = context + "\nlog " + log + ": " + evidence.events();
                if (Boolean.getBoolean("niyam.differential.print")) {
                    System.out.println("log " + log + ": " + evidence.events());
                }
                Outcome expected = Outcome.of(() -> one.evaluate(evidence, AS_OF));
                for (ComplianceEngine engine : byCase) {
                    Outcome actual = Outcome.of(() -> engine.evaluate(evidence, AS_OF));
                    assertThat(actual).as("case by case against one session, %s", logContext).isEqualTo(expected);
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
        }
        System.out.println("Differential test: " + compared + " pack and log pairs gave the same report");
        assertThat(compared).isEqualTo(Math.max(0, PACKS - FROM) * LOGS_PER_PACK);
    }

    /** The clock pack (its clocks and standing duties) and the generated one. */
    private static ComplianceEngine.Builder engine(String drl) {
        return ComplianceEngine.builder().eventTypes(IndiaEvents.TYPES)
                .rulePack(RulePack.classpath(TestPacks.CLOCK_PACK).unrestricted())
                .rulePack(RulePack.drl("generated", drl).unrestricted());
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

    /** Up to six cases of up to five events each, some after "as of". */
    private static Evidence evidence(Random random) {
        List<CaseEvent> events = new ArrayList<>();
        int cases = 1 + random.nextInt(6);
        int id = 0;
        for (int c = 0; c < cases; c++) {
            String caseId = "case-" + c;
            int count = 1 + random.nextInt(5);
            for (int e = 0; e < count; e++) {
                OffsetDateTime at = T.plusMinutes(random.nextInt(3 * 24 * 60));
                String eventId = "e" + id++;
                events.add(switch (random.nextInt(EVENTS.length)) {
                    case 0 -> TestPacks.complaint(eventId, caseId, at, random.nextInt(3) == 0
                            ? ComplaintCategory.INTIMATE_IMAGERY : ComplaintCategory.GENERAL);
                    case 1 -> TestPacks.acknowledged(eventId, caseId, at);
                    case 2 -> TestPacks.resolved(eventId, caseId, at);
                    case 3 -> TestPacks.order(eventId, caseId, at);
                    case 4 -> TestPacks.removed(eventId, caseId, at);
                    case 5 -> TestPacks.request(eventId, caseId, at);
                    default -> TestPacks.provided(eventId, caseId, at);
                });
            }
        }
        Collections.shuffle(events, random);
        return new Evidence(TestPacks.PLATFORM, List.of(TestPacks.grievanceOfficer()), events);
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
            return ComplianceJson.mapper().writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String typed(String type, String json) {
        return json.contains("\"type\"") ? json : "{\"type\":\"" + type + "\"," + json.substring(1);
    }

    /** Random DRL over the model's events and the rule vocabulary. */
    static final class PackGenerator {

        private final Random random;
        private final StringBuilder drl = new StringBuilder();
        private boolean windows;

        PackGenerator(Random random) {
            this.random = random;
        }

        String pack() {
            StringBuilder rules = new StringBuilder();
            int count = 2 + random.nextInt(6);
            for (int r = 0; r < count; r++) {
                rules.append(rule(r, count));
            }
            drl.append("package org.niyam.test.generated;\n\nimport java.util.List;\n"
                    + "import org.niyam.compliance.model.*;\nimport org.niyam.compliance.india.*;\n\n");
            if (windows) {
                for (String event : EVENTS) {
                    drl.append("declare ").append(event).append(" @role(event) end\n");
                }
                drl.append('\n');
            }
            return drl.append(rules).toString();
        }

        private String event() {
            return EVENTS[random.nextInt(EVENTS.length)];
        }

        private boolean chance(double p) {
            return random.nextDouble() < p;
        }

        private String rule(int r, int count) {
            StringBuilder rule = new StringBuilder("rule \"g.r" + r + "\"\n    @citation(\"s. " + r + "\")\n");
            if (chance(0.3)) {
                rule.append("    salience ").append(random.nextInt(7) - 3).append('\n');
            }
            if (chance(0.1)) {
                rule.append("    no-loop true\n");
            }
            if (chance(0.1)) {
                rule.append("    agenda-group \"g").append(random.nextInt(2)).append("\"\n");
                if (chance(0.7)) {
                    rule.append("    auto-focus true\n");
                }
            }
            if (chance(0.1)) {
                rule.append("    activation-group \"a").append(random.nextInt(2)).append("\"\n");
            }
            rule.append("when\n");
            boolean eventAnchor = chance(0.8);
            if (eventAnchor) {
                String type = event();
                String extra = type.equals("ComplaintReceived") && chance(0.3)
                        ? ", category == ComplaintCategory.INTIMATE_IMAGERY" : "";
                rule.append("    $e0 : ").append(type).append("($c : caseId").append(extra).append(")\n");
            } else {
                rule.append("    $d0 : Duty($c : caseId)\n");
            }
            List<String> events = new ArrayList<>();
            List<String> duties = new ArrayList<>();
            if (eventAnchor) {
                events.add("$e0");
            } else {
                duties.add("$d0");
            }
            int elements = random.nextInt(3);
            for (int k = 1; k <= elements; k++) {
                String type = event();
                switch (random.nextInt(10)) {
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
                    case 3 -> rule.append("    not ").append(type).append(chance(0.7) ? "(caseId == $c)\n" : "()\n");
                    case 4 -> rule.append("    exists ").append(type).append(chance(0.8) ? "(caseId == $c)\n" : "()\n");
                    case 5 -> rule.append("    accumulate(").append(type).append("(caseId == $c); $n").append(k)
                            .append(" : count(); $n").append(k).append(" >= ").append(1 + random.nextInt(2))
                            .append(")\n");
                    case 6 -> rule.append("    $l").append(k).append(" : List(size >= 1) from collect(")
                            .append(type).append("(caseId == $c))\n");
                    case 7 -> {
                        rule.append("    $d").append(k).append(" : Duty(caseId == $c)\n");
                        duties.add("$d" + k);
                    }
                    case 8 -> rule.append("    not Finding(code == \"f").append(random.nextInt(count))
                            .append("\", caseId == $c)\n");
                    default -> {
                        if (chance(0.3)) {
                            windows = true;
                            rule.append("    $e").append(k).append(" : ").append(type)
                                    .append("(caseId == $c) over window:length(2)\n");
                            events.add("$e" + k);
                        } else {
                            rule.append("    exists Assessment(caseId == $c)\n");
                        }
                    }
                }
            }
            rule.append("then\n    ").append(consequence(r, events, duties)).append("\nend\n\n");
            return rule.toString();
        }

        private String consequence(int r, List<String> events, List<String> duties) {
            int kind = random.nextInt(5);
            // A rule that reads duties and inserts one would feed itself without end.
            if (kind == 0 && events.contains("$e0") && duties.isEmpty()) {
                return "insert(new Duty(\"k" + r + "\", \"Act on it\", \"test.clock\", $e0));";
            }
            if (kind == 1 && !duties.isEmpty() && !events.isEmpty()) {
                return "insert(new Discharge(" + duties.get(random.nextInt(duties.size())) + ", "
                        + events.get(random.nextInt(events.size())) + "));";
            }
            if (kind == 2) {
                return "insert(new Assessment(\"s" + r + "\", \"Keep a note\", Status.MET, \"noted\", List.of(), $c));";
            }
            String caseId = chance(0.1) ? "null" : "$c";
            String evidence = events.isEmpty() ? "List.of()" : "List.of(" + events.get(0) + ".id())";
            return "insert(new Finding(\"f" + r + "\", " + caseId + ", \"noted\", " + evidence + "));";
        }
    }
}
