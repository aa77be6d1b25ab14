package org.niyam.compliance.rules.india;

import static org.assertj.core.api.Assertions.assertThat;
import static org.niyam.compliance.rules.india.IndiaPack.ist;
import static org.niyam.compliance.rules.india.IndiaPack.obligation;
import static org.niyam.compliance.rules.india.IndiaPack.obligationById;
import static org.niyam.compliance.rules.india.IndiaPack.removed;
import static org.niyam.compliance.rules.india.IndiaPack.reportPublished;
import static org.niyam.compliance.rules.india.IndiaPack.standing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.niyam.compliance.engine.CaseLogAudit;
import org.niyam.compliance.engine.ComplianceEngine;
import org.niyam.compliance.engine.ComplianceMonitor;
import org.niyam.compliance.engine.MonitorClock;
import org.niyam.compliance.india.RemovalBasis;
import org.niyam.compliance.io.CaseLogReader;
import org.niyam.compliance.io.ComplianceJson;
import org.niyam.compliance.model.CaseEvent;
import org.niyam.compliance.model.Evidence;
import org.niyam.compliance.model.Finding;
import org.niyam.compliance.model.Obligation;
import org.niyam.compliance.india.PlatformProfile;
import org.niyam.compliance.model.Report;
import org.niyam.compliance.model.Status;
import org.niyam.compliance.model.Transition;

/**
 * A platform's profile has a history: a platform that crosses 50 lakh registered users is a significant social
 * media intermediary from that day, not before. Case duties read the profile in force at their trigger, standing
 * duties the one in force at the instant assessed, a month's report every profile in force during the month.
 */
class ProfileHistoryTest {

    private static final ComplianceEngine ENGINE = IndiaPack.engine();
    private static final OffsetDateTime CROSSING = ist("2026-03-15T00:00");
    private static final PlatformProfile SMALL = new PlatformProfile("ExampleNet", 3_000_000, false, true);
    private static final PlatformProfile LARGE = new PlatformProfile("ExampleNet", 8_000_000, false, true)
            .from(CROSSING);

    @Nested
    class Crossing_the_threshold_mid_log {

        private final Evidence evidence = new Evidence(List.of(SMALL, LARGE), List.of(), List.of(
                removed("before", ist("2026-03-10T10:00"), RemovalBasis.OWN_INITIATIVE),
                removed("after", ist("2026-03-20T10:00"), RemovalBasis.OWN_INITIATIVE)), null);

        @Test
        void a_removal_before_the_crossing_owes_no_prior_notice_one_after_it_does() {
            Report report = ENGINE.evaluate(evidence, ist("2026-03-25T00:00"));

            Obligation before = obligation(report, "4(8).prior-notice", "before");
            assertThat(before.status()).isEqualTo(Status.NOT_APPLICABLE);
            assertThat(before.explanation()).contains("had 3,000,000 registered users in India at the removal");
            assertThat(obligation(report, "4(8).prior-notice", "after").status()).isEqualTo(Status.BREACHED);
        }

        @Test
        void standing_duties_read_the_profile_in_force_at_the_instant_assessed() {
            assertThat(standing(ENGINE.evaluate(evidence, CROSSING.minusNanos(1_000_000)),
                    "4(1)(a).chief-compliance-officer").status()).isEqualTo(Status.NOT_APPLICABLE);
            assertThat(standing(ENGINE.evaluate(evidence, CROSSING), "4(1)(a).chief-compliance-officer").status())
                    .isEqualTo(Status.BREACHED);
        }

        @Test
        void before_the_first_profile_holds_the_platform_is_unknown() {
            Evidence late = new Evidence(List.of(LARGE), List.of(), evidence.events(), null);
            Report report = ENGINE.evaluate(late, ist("2026-03-25T00:00"));

            Obligation before = obligation(report, "4(8).prior-notice", "before");
            assertThat(before.status()).isEqualTo(Status.INDETERMINATE);
            assertThat(before.explanation()).contains("No platform profile holds at the removal");
            assertThat(obligation(report, "4(8).prior-notice", "after").status()).isEqualTo(Status.BREACHED);
        }
    }

    @Test
    void the_monitor_reports_the_standing_duties_at_the_crossing_with_no_event_then() {
        List<Transition> transitions = new ArrayList<>();
        try (ComplianceMonitor monitor = ComplianceMonitor.builder(ENGINE).clock(MonitorClock.eventTime())
                .outOfOrder(Duration.ZERO).offset(IndiaPack.IST).platform(SMALL).platform(LARGE)
                .listener(transitions::add).build()) {
            monitor.accept(removed("before", ist("2026-03-10T10:00"), RemovalBasis.ORDER));
            monitor.advanceTo(CROSSING.plusDays(1));
        }

        assertThat(transitions).filteredOn(t -> t.obligation() != null
                        && t.obligation().id().equals("4(1)(a).chief-compliance-officer")
                        && t.kind() == Transition.Kind.BREACHED)
                .singleElement().satisfies(t -> assertThat(t.at()).as("at the crossing").isAtSameInstantAs(CROSSING));
    }

    @Nested
    class A_profile_change_mid_month {

        /** Significant from 15 March to 10 April, small before and after. */
        private final PlatformProfile smallAgain = new PlatformProfile("ExampleNet", 3_000_000, false, true)
                .from(ist("2026-04-10T00:00"));
        private final Evidence evidence = new Evidence(List.of(SMALL, LARGE, smallAgain), List.of(), List.of(
                reportPublished(YearMonth.of(2026, 3), ist("2026-04-20T10:00"))), ist("2026-02-01T00:00"));
        private final Report report = ENGINE.evaluate(evidence, ist("2026-06-05T00:00"));

        @Test
        void a_month_in_which_the_platform_was_significant_for_a_day_owes_a_report() {
            assertThat(obligationById(report, "4(1)(d).monthly-report@month-end:2026-03").status())
                    .as("significant from the 15th").isEqualTo(Status.MET);
            assertThat(obligationById(report, "4(1)(d).monthly-report@month-end:2026-04").status())
                    .as("significant until the 10th, no report by 1 June").isEqualTo(Status.BREACHED);
        }

        @Test
        void a_month_below_the_threshold_throughout_owes_none() {
            for (String month : List.of("2026-02", "2026-05")) {
                Obligation o = obligationById(report, "4(1)(d).monthly-report@month-end:" + month);
                assertThat(o.status()).as(month).isEqualTo(Status.NOT_APPLICABLE);
                assertThat(o.explanation()).as(month).contains("3,000,000 registered users in India all month");
            }
        }

        @Test
        void a_month_the_history_covers_only_in_part_is_indeterminate() {
            Evidence partly = new Evidence(List.of(smallAgain), List.of(), evidence.events(), ist("2026-03-01T00:00"));
            Report partial = ENGINE.evaluate(partly, ist("2026-06-05T00:00"));

            assertThat(obligationById(partial, "4(1)(d).monthly-report@month-end:2026-03").status())
                    .isEqualTo(Status.INDETERMINATE);
            assertThat(obligationById(partial, "4(1)(d).monthly-report@month-end:2026-04").explanation())
                    .contains("No platform profile holds for part of the month");
            assertThat(obligationById(partial, "4(1)(d).monthly-report@month-end:2026-05").status())
                    .isEqualTo(Status.NOT_APPLICABLE);
        }
    }

    @Nested
    class Evaluate_the_audit_and_the_monitor_agree {

        private static final ObjectMapper JSON = ComplianceJson.mapper().disable(SerializationFeature.INDENT_OUTPUT);

        @TempDir
        Path dir;

        static Stream<Long> seeds() {
            return Stream.iterate(Long.getLong("niyam.seed", 20261206L), s -> s + 104_729).limit(8);
        }

        @ParameterizedTest(name = "seed {0}")
        @MethodSource("seeds")
        void on_generated_logs_whose_platform_crosses_the_threshold(long seed) throws IOException {
            System.out.println("ProfileHistoryTest seed=" + seed + " (replay with -Dniyam.seed=" + seed + ")");
            Random random = new Random(seed);
            CaseLogs.Log log = CaseLogs.generate(random, 4 + random.nextInt(20));
            List<CaseEvent> events = new ArrayList<>(log.evidence().events());
            events.sort(Comparator.comparing(CaseEvent::at));
            OffsetDateTime first = events.get(0).at();
            PlatformProfile small = new PlatformProfile("ExampleNet", 1_000_000, random.nextBoolean(), true);
            PlatformProfile large = new PlatformProfile("ExampleNet", 80_000_000, small.messagingService(),
                    random.nextBoolean()).from(first.plus(Duration.ofHours(random.nextInt(24 * 6))));
            Evidence evidence = new Evidence(List.of(small, large), log.evidence().facts(), events, null);

            StringBuilder text = new StringBuilder();
            for (PlatformProfile profile : List.of(large, small)) {
                ObjectNode line = JSON.createObjectNode().put("type", "PlatformProfile");
                line.setAll((ObjectNode) JSON.valueToTree(profile));
                text.append(line).append('\n');
            }
            log.lines().stream().filter(l -> !l.json().contains("\"type\":\"PlatformProfile\""))
                    .forEach(l -> text.append(l.json()).append('\n'));
            Path file = dir.resolve("log-" + seed + ".jsonl");
            Files.writeString(file, text, StandardCharsets.UTF_8);
            assertThat(CaseLogReader.strict().read(file).evidence().profiles()).as("the log's profile history")
                    .isEqualTo(evidence.profiles());

            // The monitor is told of the crossing half-way through, as a platform would tell it.
            List<String> live;
            OffsetDateTime at;
            try (ComplianceMonitor monitor = ComplianceMonitor.builder(ENGINE).clock(MonitorClock.eventTime())
                    .outOfOrder(Duration.ZERO).offset(IndiaPack.IST).retainEndedCases(Duration.ofDays(100_000))
                    .platform(small).facts(evidence.facts()).build()) {
                monitor.acceptAll(events.subList(0, events.size() / 2));
                monitor.platform(large);
                monitor.acceptAll(events.subList(events.size() / 2, events.size()));
                at = monitor.now().isAfter(log.asOf()) ? monitor.now() : log.asOf();
                monitor.advanceTo(at);
                live = view(monitor.report().obligations());
            }
            Report expected = ENGINE.evaluate(evidence, at);
            assertThat(live).as("monitor at %s (seed %d)", at, seed)
                    .containsExactlyElementsOf(view(IndiaPack.live(expected.obligations())));

            List<Obligation> audited = new ArrayList<>();
            List<Finding> findings = new ArrayList<>();
            CaseLogAudit.builder(ENGINE).asOf(at).eventsPerBucket(4).workDirectory(dir).build()
                    .run(List.of(file), new CaseLogAudit.Sink() {
                        @Override
                        public void obligation(Obligation obligation) {
                            audited.add(obligation);
                        }

                        @Override
                        public void finding(Finding finding) {
                            findings.add(finding);
                        }
                    });
            assertThat(audited).as("audit (seed %d)", seed).containsExactlyInAnyOrderElementsOf(expected.obligations());
            assertThat(findings).as("audit (seed %d)", seed).containsExactlyInAnyOrderElementsOf(expected.findings());
        }

        /** As MonitorDifferentialTest compares: id, status, due instant, discharge, citation. */
        private static List<String> view(List<Obligation> obligations) {
            return obligations.stream()
                    .map(o -> o.id() + " " + o.status() + " due " + (o.dueAt() == null ? "-" : o.dueAt().toInstant())
                            + " by " + o.dischargeEventId() + " " + o.citation().clause() + " "
                            + o.citation().ruleId() + (o.dueAt() == null ? "" : " " + o.citation().version()))
                    .toList();
        }
    }
}
