package org.niyam.compliance.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
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
import org.niyam.compliance.io.CaseLogReader;
import org.niyam.compliance.io.ComplianceJson;
import org.niyam.compliance.model.CaseEvent;
import org.niyam.compliance.model.Evidence;
import org.niyam.compliance.model.Finding;
import org.niyam.compliance.model.Report;
import org.niyam.compliance.pack.EvaluationListener;
import org.niyam.compliance.pack.RulePack;

/**
 * The streaming audit delivers obligations and findings in exactly the order of the report {@code evaluate} gives,
 * whatever the threads (1 to 4), the events per session and the events per bucket: the order is asserted, not only
 * the set. A global rule concludes about cases too, so the platform's part of the report interleaves with the
 * buckets' parts; buckets of one event give more bucket files than the merge opens at once. The seed is printed.
 */
class AuditOrderTest {

    private static final long SEED = Long.getLong("niyam.seed", 20_261_205L);
    private static final OffsetDateTime T = OffsetDateTime.parse("2026-03-02T10:00:00+05:30");
    private static final OffsetDateTime AS_OF = T.plusDays(3);

    /** A global rule (lock-on-active) that notes every removal order for its case, in the platform's session. */
    private static final String GLOBAL_NOTES = """
            package org.niyam.test.order;

            import java.util.List;
            import org.niyam.compliance.india.*;
            import org.niyam.compliance.model.*;

            rule "o.order-noted"
                @citation("s. 9")
                lock-on-active true
            when
                $o : RemovalOrderReceived($c : caseId)
            then
                insert(new Assessment("o.noted-" + $o.id(), "Note the order", Status.MET, "noted", List.of($o.id()), $c));
                insert(new Finding("o.order", $c, "an order was received", List.of($o.id())));
            end
            """;

    @TempDir
    Path work;

    @Test
    void the_audit_delivers_in_report_order_for_any_threads_sessions_and_buckets() throws IOException {
        System.out.println("AuditOrderTest seed " + SEED + " (-Dniyam.seed=" + SEED + " to repeat)");
        Random random = new Random(SEED);
        Evidence evidence = evidence(random, 70);
        Path file = work.resolve("cases.jsonl");
        write(evidence, random, file);
        Report expected = builder().build().evaluate(CaseLogReader.strict().read(file).evidence(), AS_OF);
        assertThat(expected.obligations()).as("global conclusions about cases")
                .anyMatch(o -> o.caseId() != null && o.duty().startsWith("o.noted"));
        assertThat(expected.findings()).extracting(Finding::code).contains("o.order", "intimate-imagery");

        int audits = 0;
        for (int threads = 1; threads <= 4; threads++) {
            for (int perSession : new int[] {1, 2048}) {
                ComplianceEngine engine = builder().threads(threads).eventsPerSession(perSession).build();
                for (int perBucket : new int[] {1, 3, 40, 50_000}) {
                    // Buckets in files, in memory, and in memory until the 26th event, then in files.
                    long inMemory = new long[] {0, Long.MAX_VALUE, 25}[audits % 3];
                    String where = threads + " threads, " + perSession + " events per session, " + perBucket
                            + " per bucket, " + inMemory + " events in memory, seed " + SEED;
                    CollectingSink delivered = new CollectingSink();
                    CaseLogAudit.Summary summary = CaseLogAudit.builder(engine).asOf(AS_OF).workDirectory(work)
                            .eventsPerBucket(perBucket).eventsInMemory(inMemory).strict().build()
                            .run(List.of(file), delivered);
                    assertThat(summary.oneSession()).as(where).isNull();
                    if (perBucket == 1) {
                        assertThat(summary.buckets()).as("more buckets than files merged at once, " + where)
                                .isGreaterThan(org.niyam.compliance.engine.internal.ReportMerge.FAN_IN);
                    }
                    assertThat(delivered.obligations).as("obligations in report order, " + where)
                            .containsExactlyElementsOf(expected.obligations());
                    assertThat(delivered.findings).as("findings in report order, " + where)
                            .containsExactlyElementsOf(expected.findings());
                    audits++;
                }
            }
        }
        assertThat(audits).isEqualTo(32);
        try (var left = Files.list(work)) {
            assertThat(left.filter(Files::isDirectory)).as("work directories are deleted").isEmpty();
        }
    }

    /** The first request of a case, in the order facts arrive, blocks the others: found by the differential test. */
    private static final String FIRST_ARRIVAL = """
            package org.niyam.test.arrival;

            import java.util.List;
            import org.niyam.compliance.india.*;
            import org.niyam.compliance.model.*;

            rule "f.first-request"
                @citation("s. 1")
                salience -3
            when
                $e : InformationRequestReceived($c : caseId)
                not Finding(code == "first", caseId == $c)
            then
                insert(new Finding("first", $c, "noted", List.of($e.id())));
            end
            """;

    @Test
    void an_audit_gives_each_case_its_events_in_time_order_as_evaluate_does() throws IOException {
        ComplianceEngine engine = ComplianceEngine.builder().eventTypes(IndiaEvents.TYPES).rulePack(RulePack.classpath(TestPacks.CLOCK_PACK))
                .rulePack(RulePack.drl("arrival", FIRST_ARRIVAL).unrestricted()).threads(2).build();
        // The later request first in the file.
        Evidence evidence = new Evidence(TestPacks.PLATFORM, List.of(TestPacks.grievanceOfficer()), List.of(
                TestPacks.request("r-late", "case-1", T.plusHours(5)), TestPacks.request("r-early", "case-1", T),
                TestPacks.request("r-other", "case-2", T.plusHours(1))));
        Path file = work.resolve("arrival.jsonl");
        ObjectWriter writer = ComplianceJson.mapper().writer().without(SerializationFeature.INDENT_OUTPUT);
        List<String> lines = new ArrayList<>();
        lines.add(typed("PlatformProfile", writer.writeValueAsString(evidence.platform())));
        for (CaseEvent event : evidence.events()) {
            lines.add(writer.writeValueAsString(event));
        }
        Files.write(file, lines, StandardCharsets.UTF_8);
        Report expected = engine.evaluate(CaseLogReader.strict().read(file).evidence(), AS_OF);
        assertThat(expected.findings()).filteredOn(f -> "case-1".equals(f.caseId()))
                .singleElement().satisfies(f -> assertThat(f.evidence()).containsExactly("r-early"));
        for (int perBucket : new int[] {1, 2, 50_000}) {
            CollectingSink delivered = new CollectingSink();
            CaseLogAudit.builder(engine).asOf(AS_OF).workDirectory(work).eventsPerBucket(perBucket).build()
                    .run(List.of(file), delivered);
            assertThat(delivered.findings).as("%d events per bucket", perBucket)
                    .containsExactlyElementsOf(expected.findings());
        }
    }

    /** A case-local rule concluding, for case "x", what case-local rules of case "x" read: it crosses cases. */
    private static final String CROSSING = """
            package org.niyam.test.crossing;

            import java.util.List;
            import org.niyam.compliance.india.*;
            import org.niyam.compliance.model.*;

            rule "a.note-on-x"
                @citation("s. 1")
            when
                $c : ComplaintReceived(caseId != "x")
            then
                insert(new Finding("noted", "x", "complaint " + $c.id(), List.of($c.id())));
            end

            rule "a.read-note"
                @citation("s. 2")
            when
                $f : Finding(code == "noted", $case : caseId)
                $c : ComplaintReceived(caseId == $case)
            then
                insert(new Finding("read", $case, $f.message(), List.of($c.id())));
            end
            """;

    @Test
    void an_audit_whose_conclusions_cross_cases_says_so_at_warn_and_in_its_summary_and_the_next_runs_by_case()
            throws IOException {
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> captured = auditLog();
        try {
            ComplianceEngine engine = ComplianceEngine.builder().eventTypes(IndiaEvents.TYPES).rulePack(RulePack.classpath(TestPacks.CLOCK_PACK))
                    .rulePack(RulePack.drl("crossing", CROSSING).unrestricted()).threads(2).eventsPerSession(1).build();
            Evidence crossing = new Evidence(TestPacks.PLATFORM, List.of(TestPacks.grievanceOfficer()), List.of(
                    TestPacks.complaint("c-x", "x", T), TestPacks.complaint("c-1", "case-1", T.plusMinutes(1)),
                    TestPacks.complaint("c-2", "case-2", T.plusMinutes(2))));
            Path file = work.resolve("crossing.jsonl");
            write(crossing, new Random(SEED), file);
            List<String> told = new ArrayList<>();
            CollectingSink delivered = new CollectingSink();
            CaseLogAudit.Summary summary = CaseLogAudit.builder(engine).asOf(AS_OF).workDirectory(work)
                    .eventsPerBucket(1).listener(new EvaluationListener() {
                        @Override
                        public void ruleFired(String ruleId) {
                        }

                        @Override
                        public void oneSession(String reason) {
                            told.add(reason);
                        }
                    }).build().run(List.of(file), delivered);

            Report expected = engine.evaluate(CaseLogReader.strict().read(file).evidence(), AS_OF);
            assertThat(summary.oneSession()).contains("a.note-on-x");
            assertThat(summary.buckets()).as("read into memory").isZero();
            assertThat(told).containsExactly(summary.oneSession());
            assertThat(captured.list).filteredOn(e -> e.getLevel() == ch.qos.logback.classic.Level.WARN)
                    .extracting(ch.qos.logback.classic.spi.ILoggingEvent::getFormattedMessage)
                    .singleElement().asString().contains("into memory", "a.note-on-x");
            assertThat(delivered.obligations).containsExactlyElementsOf(expected.obligations());
            assertThat(delivered.findings).containsExactlyElementsOf(expected.findings());
            assertThat(engine.oneSessionReason()).as("the engine still runs case by case").isEmpty();

            // The next audit, of a log whose conclusions stay in their cases, runs case by case in bounded memory.
            Path quiet = work.resolve("quiet.jsonl");
            write(new Evidence(TestPacks.PLATFORM, List.of(TestPacks.grievanceOfficer()), List.of(
                    TestPacks.order("o-3", "case-3", T))), new Random(SEED), quiet);
            CaseLogAudit.Summary next = CaseLogAudit.builder(engine).asOf(AS_OF).workDirectory(work).build()
                    .run(List.of(quiet), new CollectingSink());
            assertThat(next.oneSession()).isNull();
            assertThat(next.buckets()).isPositive();
        } finally {
            auditLogger().detachAppender(captured);
        }
    }

    /** A rule that counts its own fact up without end: the firing limit stops it. */
    private static final String LOOP = """
            package org.niyam.test.loop;

            import org.niyam.compliance.india.*;

            declare Counter
                caseId : String
                n : int
            end

            rule "l.start"
                @citation("s. 1")
            when
                $c : ComplaintReceived()
            then
                insert(new Counter($c.caseId(), 0));
            end

            rule "l.count"
                @citation("s. 1")
            when
                $k : Counter()
            then
                modify($k) { setN($k.getN() + 1) };
            end
            """;

    @Test
    void an_audit_stopped_by_the_firing_limit_says_so_at_warn_not_that_a_conclusion_crossed_cases() throws IOException {
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> captured = auditLog();
        try {
            ComplianceEngine engine = ComplianceEngine.builder().eventTypes(IndiaEvents.TYPES)
                    .rulePack(RulePack.drl("loop", LOOP)).firingLimitPerFact(10).build();
            Path file = work.resolve("loop.jsonl");
            write(new Evidence(TestPacks.PLATFORM, List.of(TestPacks.grievanceOfficer()), List.of(TestPacks.complaint("c-1", "case-1", T))),
                    new Random(SEED), file);

            assertThatThrownBy(() -> CaseLogAudit.builder(engine).asOf(AS_OF).workDirectory(work).build()
                    .run(List.of(file), new CollectingSink()))
                    .isInstanceOf(org.niyam.compliance.pack.RuleExecutionException.class)
                    .hasMessageContaining("l.count");
            assertThat(captured.list).filteredOn(e -> e.getLevel() == ch.qos.logback.classic.Level.WARN)
                    .extracting(ch.qos.logback.classic.spi.ILoggingEvent::getFormattedMessage)
                    .singleElement().asString().contains("in one session", "firing limit")
                    .doesNotContain("crossed cases");
        } finally {
            auditLogger().detachAppender(captured);
        }
    }

    /** Keeps what an unordered audit delivers; fails when two calls overlap; starts over when told to. */
    private static final class StartingOver extends CollectingSink {
        final List<String> reasons = new ArrayList<>();
        private final java.util.concurrent.atomic.AtomicBoolean inCall = new java.util.concurrent.atomic.AtomicBoolean();

        @Override
        public void obligation(org.niyam.compliance.model.Obligation obligation) {
            enter();
            super.obligation(obligation);
            inCall.set(false);
        }

        @Override
        public void finding(Finding finding) {
            enter();
            super.finding(finding);
            inCall.set(false);
        }

        @Override
        public void startOver(String reason) {
            reasons.add(reason);
            obligations.clear();
            findings.clear();
        }

        private void enter() {
            if (!inCall.compareAndSet(false, true)) {
                throw new AssertionError("two calls of the sink at once");
            }
        }
    }

    @Test
    void an_unordered_audit_delivers_the_same_items_one_call_at_a_time_for_any_threads_sessions_and_buckets()
            throws IOException {
        System.out.println("AuditOrderTest unordered seed " + SEED + " (-Dniyam.seed=" + SEED + " to repeat)");
        Random random = new Random(SEED);
        Evidence evidence = evidence(random, 70);
        Path file = work.resolve("cases.jsonl");
        write(evidence, random, file);
        Report expected = builder().build().evaluate(CaseLogReader.strict().read(file).evidence(), AS_OF);
        for (int threads = 1; threads <= 3; threads++) {
            for (int perSession : new int[] {1, 2048}) {
                ComplianceEngine engine = builder().threads(threads).eventsPerSession(perSession).build();
                for (int perBucket : new int[] {1, 40, 50_000}) {
                    String where = threads + " threads, " + perSession + " events per session, " + perBucket
                            + " per bucket, seed " + SEED;
                    StartingOver delivered = new StartingOver();
                    CaseLogAudit.Summary summary = CaseLogAudit.builder(engine).asOf(AS_OF).workDirectory(work)
                            .eventsPerBucket(perBucket).strict().unordered().build().run(List.of(file), delivered);
                    assertThat(summary.oneSession()).as(where).isNull();
                    assertThat(delivered.reasons).as(where).isEmpty();
                    assertThat(delivered.obligations).as("the same obligations, " + where)
                            .containsExactlyInAnyOrderElementsOf(expected.obligations());
                    assertThat(delivered.findings).as("the same findings, " + where)
                            .containsExactlyInAnyOrderElementsOf(expected.findings());
                    assertThat(summary.obligationCount()).as(where).isEqualTo(expected.obligations().size());
                    assertThat(summary.findings()).as(where).isEqualTo(expected.findings().size());
                }
            }
        }
        try (var left = Files.list(work)) {
            assertThat(left.filter(Files::isDirectory)).as("work directories are deleted").isEmpty();
        }
    }

    /** A complaint in case "x", one in case-1 (whose rule concludes for "x"), and quiet orders in 30 other cases. */
    private Path crossingLog() {
        List<CaseEvent> events = new ArrayList<>(List.of(TestPacks.complaint("c-x", "x", T),
                TestPacks.complaint("c-1", "case-1", T.plusMinutes(1))));
        for (int i = 0; i < 30; i++) {
            events.add(TestPacks.order("o-" + i, "quiet-" + i, T.plusMinutes(i)));
        }
        Path file = work.resolve("crossing.jsonl");
        write(new Evidence(TestPacks.PLATFORM, List.of(TestPacks.grievanceOfficer()), events), new Random(SEED), file);
        return file;
    }

    private static ComplianceEngine crossingEngine() {
        return ComplianceEngine.builder().eventTypes(IndiaEvents.TYPES).rulePack(RulePack.classpath(TestPacks.CLOCK_PACK))
                .rulePack(RulePack.drl("crossing", CROSSING).unrestricted()).threads(1).eventsPerSession(1).build();
    }

    @Test
    void an_unordered_audit_whose_conclusions_cross_cases_starts_its_sink_over_with_the_report_of_one_session() {
        ComplianceEngine engine = crossingEngine();
        Path file = crossingLog();
        StartingOver delivered = new StartingOver();
        CaseLogAudit.Summary summary = CaseLogAudit.builder(engine).asOf(AS_OF).workDirectory(work)
                .eventsPerBucket(1).unordered().build().run(List.of(file), delivered);

        Report expected = engine.evaluate(CaseLogReader.strict().read(file).evidence(), AS_OF);
        assertThat(summary.oneSession()).contains("a.note-on-x");
        assertThat(delivered.reasons).as("told once, with the summary's reason, after groups were delivered")
                .containsExactly(summary.oneSession());
        assertThat(delivered.obligations).as("then the whole report, in report order")
                .containsExactlyElementsOf(expected.obligations());
        assertThat(delivered.findings).containsExactlyElementsOf(expected.findings());
        assertThat(summary.obligationCount()).isEqualTo(expected.obligations().size());
    }

    @Test
    void an_unordered_audit_that_must_start_over_ends_with_an_error_naming_why_when_its_sink_cannot() {
        Path file = crossingLog();
        CollectingSink cannot = new CollectingSink();
        assertThatThrownBy(() -> CaseLogAudit.builder(crossingEngine()).asOf(AS_OF).workDirectory(work)
                .eventsPerBucket(1).unordered().build().run(List.of(file), cannot))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("startOver").hasMessageContaining("a.note-on-x");
        assertThat(cannot.obligations).as("it had part of the report").isNotEmpty();
    }

    /** A rule discharging an obligation that no case holds: settled by the platform's report. */
    private static final String DISCHARGE_OF_NOTHING = """
            package org.niyam.test.nothing;

            import org.niyam.compliance.india.*;
            import org.niyam.compliance.model.*;

            rule "n.discharge-nothing"
                @citation("s. 1")
            when
                $c : ComplaintReceived()
            then
                insert(new Discharge("nothing@" + $c.id(), $c.id(), $c.at()));
            end
            """;

    @Test
    void an_unordered_audit_starts_over_when_a_rule_discharges_an_obligation_no_group_holds() {
        ComplianceEngine engine = ComplianceEngine.builder().eventTypes(IndiaEvents.TYPES)
                .rulePack(RulePack.classpath(TestPacks.CLOCK_PACK))
                .rulePack(RulePack.drl("nothing", DISCHARGE_OF_NOTHING).unrestricted()).threads(2).build();
        Path file = crossingLog();
        Report expected = engine.evaluate(CaseLogReader.strict().read(file).evidence(), AS_OF);

        CaseLogAudit.Summary ordered = CaseLogAudit.builder(engine).asOf(AS_OF).workDirectory(work).build()
                .run(List.of(file), new CollectingSink());
        assertThat(ordered.oneSession()).as("in report order the groups' results are at hand to look in").isNull();

        StartingOver delivered = new StartingOver();
        CaseLogAudit.Summary summary = CaseLogAudit.builder(engine).asOf(AS_OF).workDirectory(work).unordered()
                .build().run(List.of(file), delivered);
        assertThat(summary.oneSession()).contains("nothing@c-1", "cannot tell whether a case's group held it");
        assertThat(delivered.reasons).containsExactly(summary.oneSession());
        assertThat(delivered.obligations).containsExactlyElementsOf(expected.obligations());
        assertThat(delivered.findings).containsExactlyElementsOf(expected.findings());
    }

    @Test
    void buckets_stay_in_memory_up_to_the_limit_and_go_to_files_past_it_with_the_same_report() throws IOException {
        Random random = new Random(SEED);
        Path file = work.resolve("cases.jsonl");
        write(evidence(random, 40), random, file);
        long events = CaseLogReader.strict().read(file).evidence().events().size();
        ComplianceEngine engine = builder().threads(2).build();
        Report expected = engine.evaluate(CaseLogReader.strict().read(file).evidence(), AS_OF);
        for (long inMemory : new long[] {events, events - 1, 0}) {
            // What the work directory holds while the sink is given the first group's obligations.
            List<String> bucketFiles = new ArrayList<>();
            CollectingSink delivered = new CollectingSink() {
                @Override
                public void obligation(org.niyam.compliance.model.Obligation obligation) {
                    if (obligations.isEmpty()) {
                        try (var walk = Files.walk(work)) {
                            walk.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("bucket-"))
                                    .forEach(bucketFiles::add);
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }
                    super.obligation(obligation);
                }
            };
            CaseLogAudit.builder(engine).asOf(AS_OF).workDirectory(work).eventsPerBucket(10)
                    .eventsInMemory(inMemory).unordered().build().run(List.of(file), delivered);
            assertThat(bucketFiles).as("%d of %d events in memory", inMemory, events)
                    .matches(names -> inMemory == events ? names.isEmpty() : !names.isEmpty());
            assertThat(delivered.obligations).as("%d of %d events in memory", inMemory, events)
                    .containsExactlyInAnyOrderElementsOf(expected.obligations());
            assertThat(delivered.findings).containsExactlyInAnyOrderElementsOf(expected.findings());
        }
        assertThatThrownBy(() -> CaseLogAudit.builder(engine).eventsInMemory(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("eventsInMemory must not be negative: -1");
    }

    private static ch.qos.logback.classic.Logger auditLogger() {
        return (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(CaseLogAudit.class);
    }

    /** What the audit logs from now on, until the appender is detached from {@link #auditLogger()}. */
    private static ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> auditLog() {
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> captured =
                new ch.qos.logback.core.read.ListAppender<>();
        captured.start();
        auditLogger().addAppender(captured);
        return captured;
    }

    private static ComplianceEngine.Builder builder() {
        return ComplianceEngine.builder().eventTypes(IndiaEvents.TYPES)
                .rulePack(RulePack.classpath(TestPacks.CLOCK_PACK))
                .rulePack(RulePack.drl("order-notes", GLOBAL_NOTES).unrestricted());
    }

    /** Cases of one to six events, of every kind the clock pack opens or discharges duties on. */
    private static Evidence evidence(Random random, int cases) {
        List<CaseEvent> events = new ArrayList<>();
        int id = 0;
        for (int c = 0; c < cases; c++) {
            String caseId = "case-" + random.nextInt(1000);
            int count = 1 + random.nextInt(6);
            for (int e = 0; e < count; e++) {
                OffsetDateTime at = T.plusMinutes(random.nextInt(4 * 24 * 60));
                String eventId = "e" + id++;
                events.add(switch (random.nextInt(7)) {
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
        return new Evidence(TestPacks.PLATFORM, List.of(TestPacks.grievanceOfficer()), events);
    }

    /** The evidence as a JSON Lines case log, its lines in random order. */
    private static void write(Evidence evidence, Random random, Path file) {
        ObjectWriter writer = ComplianceJson.mapper().writer().without(SerializationFeature.INDENT_OUTPUT);
        List<String> lines = new ArrayList<>();
        try {
            lines.add(typed("PlatformProfile", writer.writeValueAsString(evidence.platform())));
            lines.add(typed("OfficerAppointment", writer.writeValueAsString(evidence.facts().get(0))));
            for (CaseEvent event : evidence.events()) {
                lines.add(writer.writeValueAsString(event));
            }
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        Collections.shuffle(lines, random);
        try {
            Files.write(file, lines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String typed(String type, String json) {
        return json.contains("\"type\"") ? json : "{\"type\":\"" + type + "\"," + json.substring(1);
    }
}
