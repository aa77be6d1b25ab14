package org.niyam.compliance.rules.india;

import static org.assertj.core.api.Assertions.assertThat;
import static org.niyam.compliance.india.OfficerRole.CHIEF_COMPLIANCE_OFFICER;
import static org.niyam.compliance.india.OfficerRole.GRIEVANCE_OFFICER;
import static org.niyam.compliance.india.OfficerRole.NODAL_CONTACT_PERSON;
import static org.niyam.compliance.india.OfficerRole.RESIDENT_GRIEVANCE_OFFICER;
import static org.niyam.compliance.rules.india.IndiaPack.V2025;
import static org.niyam.compliance.rules.india.IndiaPack.V2026;
import static org.niyam.compliance.rules.india.IndiaPack.ist;
import static org.niyam.compliance.rules.india.IndiaPack.officer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.niyam.compliance.engine.CaseLogAudit;
import org.niyam.compliance.engine.ComplianceEngine;
import org.niyam.compliance.engine.ComplianceMonitor;
import org.niyam.compliance.engine.MonitorClock;
import org.niyam.compliance.india.ComplaintCategory;
import org.niyam.compliance.india.ComplaintReceived;
import org.niyam.compliance.india.OfficerAppointment;
import org.niyam.compliance.india.PlatformProfile;
import org.niyam.compliance.io.ComplianceJson;
import org.niyam.compliance.model.Evidence;
import org.niyam.compliance.model.Finding;
import org.niyam.compliance.model.InputException;
import org.niyam.compliance.model.Obligation;
import org.niyam.compliance.model.Platform;
import org.niyam.compliance.model.Report;
import org.niyam.compliance.model.Status;
import org.niyam.compliance.model.Transition;

/**
 * The standing duties judged over the audited period as well as at its end: a post vacant for a stretch that ended
 * before "as of" gets a {@code key@period} obligation naming the stretch, whatever way the evaluation runs.
 */
@DisplayName("standing duties over the period")
class StandingOverPeriodTest {

    static final String RGO = "4(1)(c).resident-grievance-officer";
    static final String CCO = "4(1)(a).chief-compliance-officer";
    static final String NODAL = "4(1)(b).nodal-contact-person";
    static final OffsetDateTime APPOINTED = ist("2021-06-01T00:00");
    static final OffsetDateTime SINCE = ist("2026-01-01T00:00");
    static final OffsetDateTime GAP_FROM = ist("2026-01-31T00:00");
    static final OffsetDateTime GAP_TO = ist("2026-03-16T00:00");
    static final OffsetDateTime AS_OF = ist("2026-04-01T00:00");
    static final PlatformProfile SSMI = IndiaPack.platform(48_000_000);

    static final ComplianceEngine BY_CASE = IndiaPack.builder().threads(2).build();
    static final ComplianceEngine ONE_SESSION = IndiaPack.builder().oneSession().build();

    @TempDir
    Path dir;

    /** Every officer in post from 2021, each a different person, with the Resident Grievance Officers given. */
    static List<OfficerAppointment> bench(OfficerAppointment... residentGrievanceOfficers) {
        List<OfficerAppointment> bench = new ArrayList<>(List.of(
                officer("go-1", GRIEVANCE_OFFICER, "Asha Rao", APPOINTED),
                officer("cco-1", CHIEF_COMPLIANCE_OFFICER, "Vikram Iyer", APPOINTED),
                officer("ncp-1", NODAL_CONTACT_PERSON, "Meera Nair", APPOINTED)));
        bench.addAll(List.of(residentGrievanceOfficers));
        return bench;
    }

    /** The Resident Grievance Officer's post vacant from GAP_FROM to GAP_TO. */
    static List<OfficerAppointment> gap() {
        return bench(officer("rgo-1", RESIDENT_GRIEVANCE_OFFICER, "Kabir Shah", APPOINTED, GAP_FROM),
                officer("rgo-2", RESIDENT_GRIEVANCE_OFFICER, "Lata Pillai", GAP_TO));
    }

    static Report audit(List<? extends Platform> profiles, List<OfficerAppointment> bench, OffsetDateTime since,
                        OffsetDateTime asOf) {
        return BY_CASE.evaluate(new Evidence(List.copyOf(profiles), List.copyOf(bench), List.of(), since), asOf);
    }

    static Report audit(List<OfficerAppointment> bench, OffsetDateTime since, OffsetDateTime asOf) {
        return audit(List.of(SSMI), bench, since, asOf);
    }

    static List<Obligation> overPeriod(Report report) {
        return report.obligations().stream().filter(o -> o.id().endsWith("@period")).toList();
    }

    static Obligation byId(Report report, String id) {
        return IndiaPack.obligationById(report, id);
    }

    @Nested
    @DisplayName("a post vacant for a stretch of the period")
    class Vacancy {

        @Test
        @DisplayName("filled by 'as of': met at 'as of', breached over the period, naming the stretch")
        void filledByAsOf() {
            Report report = audit(gap(), SINCE, AS_OF);

            Obligation atEnd = byId(report, RGO);
            assertThat(atEnd.status()).as(atEnd.explanation()).isEqualTo(Status.MET);
            Obligation over = byId(report, RGO + "@period");
            assertThat(overPeriod(report)).as("the only duty with a stretch").containsExactly(over);
            assertThat(over.status()).isEqualTo(Status.BREACHED);
            assertThat(over.duty()).isEqualTo(RGO);
            assertThat(over.what()).isEqualTo(atEnd.what());
            assertThat(over.caseId()).isNull();
            assertThat(over.dueAt()).isNull();
            assertThat(over.triggeredAt()).as("when the breach began").isEqualTo(GAP_FROM);
            assertThat(over.explanation())
                    .startsWith("Over the period from 2026-01-01T00:00+05:30 to 2026-04-01T00:00+05:30: breached "
                            + "from 2026-01-31T00:00+05:30 to 2026-03-16T00:00+05:30 (44 days). At "
                            + "2026-04-01T00:00+05:30: met. From 2026-01-31T00:00+05:30: ")
                    .contains("Vacant since 2026-01-31T00:00+05:30, when appointment rgo-1 ended.")
                    .contains("Appointment rgo-2 starts 2026-03-16T00:00+05:30.");
            assertThat(over.citation().clause()).isEqualTo("Rule 4(1)(c)");
            assertThat(over.citation().version()).as("the version in force when the breach began").isEqualTo(V2025);
            assertThat(atEnd.citation().version()).isEqualTo(V2026);
            assertThat(over.citation().ruleId()).isEqualTo("in.4-1-c.resident-grievance-officer.breached");
        }

        @Test
        @DisplayName("still vacant at 'as of': the obligation at 'as of' says so, no second one")
        void stillVacant() {
            Report report = audit(gap(), SINCE, GAP_TO.minusNanos(1_000_000));

            assertThat(byId(report, RGO).status()).isEqualTo(Status.BREACHED);
            assertThat(byId(report, RGO).explanation()).as("since when")
                    .endsWith(" Breached since 2026-01-31T00:00+05:30.");
            assertThat(overPeriod(report)).isEmpty();
            assertThat(byId(audit(gap(), GAP_FROM, GAP_TO.minusNanos(1_000_000)), RGO).explanation())
                    .endsWith(" Breached since the start of the period judged, 2026-01-31T00:00+05:30.");
            assertThat(byId(audit(gap(), SINCE, GAP_FROM), RGO).explanation()).as("breached from 'as of' only")
                    .doesNotContain("Breached since");
        }

        @Test
        @DisplayName("vacant before the period only: not the audit's")
        void beforeThePeriod() {
            assertThat(overPeriod(audit(gap(), GAP_TO, AS_OF))).isEmpty();
            Obligation lastMillisecond = byId(audit(gap(), GAP_TO.minusNanos(1_000_000), AS_OF), RGO + "@period");
            assertThat(lastMillisecond.explanation()).contains("breached from 2026-03-15T23:59:59.999+05:30 to "
                    + "2026-03-16T00:00+05:30 (1 ms)");
        }

        @Test
        @DisplayName("no gap when the next appointment starts as the last ends; a gap of 1 ms is one")
        void toTheMillisecond() {
            assertThat(overPeriod(audit(bench(
                    officer("rgo-1", RESIDENT_GRIEVANCE_OFFICER, "Kabir Shah", APPOINTED, GAP_FROM),
                    officer("rgo-2", RESIDENT_GRIEVANCE_OFFICER, "Lata Pillai", GAP_FROM)), SINCE, AS_OF))).isEmpty();

            Obligation over = byId(audit(bench(
                    officer("rgo-1", RESIDENT_GRIEVANCE_OFFICER, "Kabir Shah", APPOINTED, GAP_FROM),
                    officer("rgo-2", RESIDENT_GRIEVANCE_OFFICER, "Lata Pillai", GAP_FROM.plusNanos(1_000_000))),
                    SINCE, AS_OF), RGO + "@period");
            assertThat(over.explanation()).contains("breached from 2026-01-31T00:00+05:30 to "
                    + "2026-01-31T00:00:00.001+05:30 (1 ms).");
        }

        @Test
        @DisplayName("two stretches, the second still at 'as of': both named")
        void twoStretches() {
            OffsetDateTime again = ist("2026-03-25T09:30");
            Report report = audit(bench(
                    officer("rgo-1", RESIDENT_GRIEVANCE_OFFICER, "Kabir Shah", APPOINTED, GAP_FROM),
                    officer("rgo-2", RESIDENT_GRIEVANCE_OFFICER, "Lata Pillai", GAP_TO, again)), SINCE, AS_OF);

            assertThat(byId(report, RGO).status()).isEqualTo(Status.BREACHED);
            assertThat(byId(report, RGO).explanation()).endsWith(" Breached since 2026-03-25T09:30+05:30.");
            assertThat(byId(report, RGO + "@period").explanation()).contains("breached from "
                    + "2026-01-31T00:00+05:30 to 2026-03-16T00:00+05:30 (44 days), from 2026-03-25T09:30+05:30 to the "
                    + "end of the period (still at 2026-04-01T00:00+05:30). At 2026-04-01T00:00+05:30: breached.");
        }

        @Test
        @DisplayName("the Nodal Contact Person who was also the Chief Compliance Officer until the latter left")
        void nodalAlsoChiefUntilTheChiefLeft() {
            OffsetDateTime chiefLeaves = ist("2026-02-10T12:00");
            Report report = audit(List.of(
                    officer("go-1", GRIEVANCE_OFFICER, "Asha Rao", APPOINTED),
                    officer("cco-1", CHIEF_COMPLIANCE_OFFICER, "Meera Nair", APPOINTED, chiefLeaves),
                    officer("cco-2", CHIEF_COMPLIANCE_OFFICER, "Vikram Iyer", chiefLeaves),
                    officer("ncp-1", NODAL_CONTACT_PERSON, "Meera Nair", APPOINTED),
                    officer("rgo-1", RESIDENT_GRIEVANCE_OFFICER, "Kabir Shah", APPOINTED)), SINCE, AS_OF);

            assertThat(byId(report, NODAL).status()).isEqualTo(Status.MET);
            Obligation over = byId(report, NODAL + "@period");
            assertThat(over.status()).isEqualTo(Status.BREACHED);
            assertThat(over.triggeredAt()).isEqualTo(SINCE);
            assertThat(over.explanation()).contains("breached from 2026-01-01T00:00+05:30 to 2026-02-10T12:00+05:30")
                    .contains("is also the Chief Compliance Officer (cco-1)");
        }
    }

    @Nested
    @DisplayName("what else the period shows")
    class Otherwise {

        @Test
        @DisplayName("a stretch that could not be judged: indeterminate, unless a breach came too")
        void couldNotBeJudged() {
            OffsetDateTime senior = ist("2026-02-01T00:00");
            List<OfficerAppointment> unknownThenSenior = new ArrayList<>(gap());
            unknownThenSenior.removeIf(a -> a.role() == CHIEF_COMPLIANCE_OFFICER);
            unknownThenSenior.add(new OfficerAppointment("cco-1", CHIEF_COMPLIANCE_OFFICER, "Vikram Iyer", true, true,
                    true, APPOINTED, senior, null));
            unknownThenSenior.add(officer("cco-2", CHIEF_COMPLIANCE_OFFICER, "Vikram Iyer", senior));

            Report report = audit(unknownThenSenior, SINCE, AS_OF);

            assertThat(byId(report, CCO).status()).isEqualTo(Status.MET);
            Obligation over = byId(report, CCO + "@period");
            assertThat(over.status()).isEqualTo(Status.INDETERMINATE);
            assertThat(over.explanation()).contains(": not judged from 2026-01-01T00:00+05:30 to "
                    + "2026-02-01T00:00+05:30 (31 days). At 2026-04-01T00:00+05:30: met.");
            assertThat(byId(report, RGO + "@period").status()).isEqualTo(Status.BREACHED);

            List<OfficerAppointment> unknownBetweenGaps = new ArrayList<>(unknownThenSenior);
            unknownBetweenGaps.removeIf(a -> a.id().equals("cco-2"));
            unknownBetweenGaps.add(officer("cco-2", CHIEF_COMPLIANCE_OFFICER, "Vikram Iyer", ist("2026-02-10T00:00")));
            assertThat(byId(audit(unknownBetweenGaps, SINCE, AS_OF), CCO + "@period").explanation())
                    .as("a breach and a stretch not judged: both, the breach first").contains(": breached from "
                            + "2026-02-01T00:00+05:30 to 2026-02-10T00:00+05:30 (9 days); not judged from "
                            + "2026-01-01T00:00+05:30 to 2026-02-01T00:00+05:30 (31 days). At");
        }

        @Test
        @DisplayName("a platform bound by Rule 4 only from a later profile: judged from then")
        void boundFromALaterProfile() {
            OffsetDateTime grows = ist("2026-03-01T00:00");
            List<Platform> profiles = List.of(
                    new PlatformProfile("ExampleNet", 1_000_000, false, null, null, null),
                    new PlatformProfile("ExampleNet", 6_000_000, false, null, grows, null));

            Report report = audit(profiles, gap(), SINCE, AS_OF);

            assertThat(byId(report, RGO + "@period").explanation()).contains("breached from "
                    + "2026-03-01T00:00+05:30 to 2026-03-16T00:00+05:30 (15 days).");
            assertThat(overPeriod(audit(profiles, gap(), SINCE, grows))).as("not bound before").isEmpty();
        }

        @Test
        @DisplayName("in order throughout, or a period of no length: nothing more")
        void nothingMore() {
            assertThat(overPeriod(audit(bench(officer("rgo-1", RESIDENT_GRIEVANCE_OFFICER, "Kabir Shah", APPOINTED)),
                    SINCE, AS_OF))).isEmpty();
            assertThat(overPeriod(audit(gap(), AS_OF, AS_OF))).isEmpty();
        }
    }

    @Nested
    @DisplayName("limits")
    class Limits {

        @Test
        @DisplayName("more than 12 stretches: 12 named, the rest counted")
        void manyStretches() {
            List<OfficerAppointment> bench = bench();
            OffsetDateTime at = SINCE;
            for (int i = 0; i < 15; i++) {
                bench.add(officer("rgo-" + i, RESIDENT_GRIEVANCE_OFFICER, "Kabir Shah", at.plusDays(1),
                        at.plusDays(2)));
                at = at.plusDays(2);
            }
            Obligation over = byId(audit(bench, SINCE, at), RGO + "@period");

            // 15 stretches between the appointments (the first from the period's start) and one still at the end.
            assertThat(over.explanation()).contains("breached from 2026-01-01T00:00+05:30 to 2026-01-02T00:00+05:30 "
                    + "(24 h), from 2026-01-03T00:00+05:30").contains("from 2026-01-23T00:00+05:30 to "
                    + "2026-01-24T00:00+05:30 (24 h), and 4 more stretches.")
                    .doesNotContain("2026-01-25T00:00+05:30 to");
        }

        @Test
        @DisplayName("a period starting before the pack's law is judged from the law's first date")
        void beforeTheLaw() {
            Report report = audit(gap(), ist("1970-01-01T00:00"), AS_OF);

            // Rule 4 binds from 26 May 2021; the first officer came on 1 June.
            assertThat(byId(report, RGO + "@period").explanation()).startsWith("Over the period from "
                    + "1970-01-01T00:00+05:30 to 2026-04-01T00:00+05:30: breached from 2021-05-26T00:00+05:30 to "
                    + "2021-06-01T00:00+05:30 (6 days), from 2026-01-31T00:00+05:30 to 2026-03-16T00:00+05:30 "
                    + "(44 days).");
        }
    }

    /**
     * Generated Grievance Officer histories (Rule 3(2)(a): an officer in post with contact details published),
     * against stretches worked out here from the appointments alone, to the millisecond: vacant at {@code t} when no
     * published appointment has {@code from <= t < to}. Seed printed; {@code -Dniyam.seed=N} replays it.
     */
    @Test
    @DisplayName("generated histories: every vacant stretch, and only those, to the millisecond")
    void generatedHistories() {
        long seed = Long.getLong("niyam.seed", 20_261_206L);
        System.out.println("StandingOverPeriodTest generated seed=" + seed + " (replay with -Dniyam.seed=" + seed
                + ")");
        Random random = new Random(seed);
        OffsetDateTime base = ist("2024-01-01T00:00");
        long span = Duration.ofDays(120).toMillis();
        int rows = 0;
        for (int run = 0; run < 150; run++) {
            OffsetDateTime since = base.plus(Duration.ofMillis(random.nextLong(span / 4)));
            OffsetDateTime asOf = since.plus(Duration.ofMillis(1 + random.nextLong(span)));
            List<OfficerAppointment> history = new ArrayList<>();
            int count = random.nextInt(7);
            for (int i = 0; i < count; i++) {
                OffsetDateTime from = base.plus(Duration.ofMillis(random.nextLong(-span / 4, span + span / 4)));
                // Now and then a bound on another's, or 1 ms apart.
                if (!history.isEmpty() && random.nextInt(4) == 0) {
                    OfficerAppointment other = history.get(random.nextInt(history.size()));
                    from = (other.to() != null ? other.to() : other.from()).plusNanos(random.nextInt(2) * 1_000_000L);
                }
                OffsetDateTime to = random.nextInt(4) == 0 ? null
                        : from.plus(Duration.ofMillis(1 + random.nextLong(span / 2)));
                history.add(new OfficerAppointment("go-" + i, GRIEVANCE_OFFICER, "Officer " + i, true, true,
                        random.nextInt(5) != 0, from, to, null));
            }
            String context = "seed " + seed + ", run " + run + ": " + history + ", since " + since + ", as of " + asOf;
            List<OffsetDateTime[]> vacant = vacancies(history, since, asOf);
            Report report = BY_CASE.evaluate(new Evidence(List.of(), List.copyOf(history), List.of(), since), asOf);
            Obligation atEnd = byId(report, "3(2)(a).grievance-officer");
            boolean vacantAtEnd = !vacant.isEmpty() && vacant.get(vacant.size() - 1)[1] == null;
            assertThat(atEnd.status()).as(context).isEqualTo(vacantAtEnd ? Status.BREACHED : Status.MET);
            List<Obligation> over = overPeriod(report);
            if (vacant.size() - (vacantAtEnd ? 1 : 0) == 0) {
                assertThat(over).as(context).isEmpty();
            } else {
                rows++;
                assertThat(over).as(context).hasSize(1);
                Obligation row = over.get(0);
                assertThat(row.status()).as(context).isEqualTo(Status.BREACHED);
                assertThat(row.triggeredAt()).as(context).isAtSameInstantAs(vacant.get(0)[0]);
                assertThat(stretches(row.explanation())).as(context).hasSize(vacant.size());
                for (int i = 0; i < vacant.size(); i++) {
                    OffsetDateTime[] said = stretches(row.explanation()).get(i);
                    assertThat(said[0]).as(context).isAtSameInstantAs(vacant.get(i)[0]);
                    if (vacant.get(i)[1] == null) {
                        assertThat(said[1]).as(context).isNull();
                    } else {
                        assertThat(said[1]).as(context).isAtSameInstantAs(vacant.get(i)[1]);
                    }
                }
            }
            if (vacantAtEnd && vacant.get(vacant.size() - 1)[0].isBefore(asOf)) {
                assertThat(atEnd.explanation()).as(context).contains(" Breached since ");
            }
        }
        System.out.println("  150 histories, " + rows + " with a stretch that ended before 'as of'");
        assertThat(rows).as("the histories hold stretches to check").isGreaterThan(10);
    }

    /**
     * The vacant stretches within [since, as of], worked out from the appointments alone: each {start, end}, the end
     * null for one that lasts to "as of" inclusive. (Fewer than 13, as the generated histories make.)
     */
    private static List<OffsetDateTime[]> vacancies(List<OfficerAppointment> history, OffsetDateTime since,
                                                    OffsetDateTime asOf) {
        TreeSet<OffsetDateTime> edges = new TreeSet<>(OffsetDateTime.timeLineOrder());
        edges.add(since);
        edges.add(asOf);
        for (OfficerAppointment a : history) {
            for (OffsetDateTime edge : java.util.Arrays.asList(a.from(), a.to())) {
                if (edge != null && edge.isAfter(since) && edge.isBefore(asOf)) {
                    edges.add(edge);
                }
            }
        }
        List<OffsetDateTime[]> vacant = new ArrayList<>();
        OffsetDateTime start = null;
        for (OffsetDateTime edge : edges) {
            boolean isVacant = history.stream().noneMatch(a -> a.contactPublished() && !a.from().isAfter(edge)
                    && (a.to() == null || edge.isBefore(a.to())));
            if (isVacant && start == null) {
                start = edge;
            } else if (!isVacant && start != null) {
                vacant.add(new OffsetDateTime[] {start, edge});
                start = null;
            }
        }
        if (start != null) {
            vacant.add(new OffsetDateTime[] {start, null});
        }
        return vacant;
    }

    private static final Pattern STRETCH = Pattern.compile(
            "from (\\S+) to (?:the end of the period|(\\S+) \\()");

    /** The stretches an explanation names, each {start, end}, end null for one to the end of the period. */
    private static List<OffsetDateTime[]> stretches(String explanation) {
        String named = explanation.substring(0, explanation.indexOf(". At "));
        List<OffsetDateTime[]> found = new ArrayList<>();
        Matcher m = STRETCH.matcher(named);
        while (m.find()) {
            found.add(new OffsetDateTime[] {OffsetDateTime.parse(m.group(1)),
                    m.group(2) == null ? null : OffsetDateTime.parse(m.group(2))});
        }
        return found;
    }

    @Test
    @DisplayName("the live monitor reports the same stretch: to BREACHED when it begins, to MET when it ends")
    void theMonitorReportsTheStretchAsTransitions() {
        List<Transition> heard = new CopyOnWriteArrayList<>();
        MonitorClock.Manual clock = MonitorClock.manual(SINCE);
        try (ComplianceMonitor monitor = ComplianceMonitor.builder(BY_CASE).clock(clock).offset(IndiaPack.IST)
                .platform(SSMI).facts(gap()).since(SINCE).listener(heard::add).build()) {
            clock.set(AS_OF);
            assertThat(heard.stream().filter(t -> t.obligation() != null && t.obligation().id().equals(RGO))
                    .map(t -> t.kind() + " " + t.at()).toList()).containsExactly(
                    "MET " + SINCE, "BREACHED " + GAP_FROM, "MET " + GAP_TO);
            assertThat(monitor.report().obligations()).extracting(Obligation::id).doesNotContain(RGO + "@period");
        }
    }

    /**
     * Under event time (a replay) with the period given, the clock starts at the period's start, however small the
     * bound: a stretch that ends before the log's first event is reported too, as the audit reports it.
     */
    @Test
    @DisplayName("a replay with a period reports a stretch that ended before its first event")
    void aReplayWithAPeriodReportsAStretchBeforeItsFirstEvent() {
        List<Transition> heard = new CopyOnWriteArrayList<>();
        try (ComplianceMonitor monitor = ComplianceMonitor.builder(BY_CASE).clock(MonitorClock.eventTime())
                .offset(IndiaPack.IST).platform(SSMI).facts(gap()).since(SINCE).listener(heard::add).build()) {
            monitor.accept(new ComplaintReceived("c1-in", "C1", AS_OF, ComplaintCategory.GENERAL));
            monitor.endOfInput();
            assertThat(heard.stream().filter(t -> t.obligation() != null && t.obligation().id().equals(RGO))
                    .map(t -> t.kind() + " " + t.at()).toList()).containsExactly(
                    "MET " + SINCE, "BREACHED " + GAP_FROM, "MET " + GAP_TO);
        }
        Report audit = BY_CASE.evaluate(new Evidence(List.of(SSMI), List.copyOf(gap()),
                List.of(new ComplaintReceived("c1-in", "C1", AS_OF, ComplaintCategory.GENERAL)), SINCE), AS_OF);
        assertThat(byId(audit, RGO + "@period").status()).isEqualTo(Status.BREACHED);
    }

    @Test
    @DisplayName("evaluate by case and in one session, and the streaming audit in either order, agree")
    void everyWayOfRunningAgrees() throws IOException {
        Evidence evidence = new Evidence(List.of(SSMI), List.copyOf(gap()), List.of(), SINCE);
        Report byCase = BY_CASE.evaluate(evidence, AS_OF);
        Report oneSession = ONE_SESSION.evaluate(evidence, AS_OF);
        assertThat(overPeriod(byCase)).hasSize(1);
        assertThat(oneSession.obligations()).containsExactlyElementsOf(byCase.obligations());

        ObjectMapper json = ComplianceJson.mapper().disable(SerializationFeature.INDENT_OUTPUT);
        StringBuilder log = new StringBuilder(typed(json, "PlatformProfile", SSMI));
        for (OfficerAppointment appointment : gap()) {
            log.append(typed(json, "OfficerAppointment", appointment));
        }
        Path file = dir.resolve("gap.jsonl");
        Files.writeString(file, log, StandardCharsets.UTF_8);
        for (boolean unordered : new boolean[] {false, true}) {
            List<Obligation> delivered = new ArrayList<>();
            CaseLogAudit.Builder builder = CaseLogAudit.builder(BY_CASE).workDirectory(dir).since(SINCE).asOf(AS_OF);
            (unordered ? builder.unordered() : builder).build().run(List.of(file), new CaseLogAudit.Sink() {
                @Override
                public void obligation(Obligation obligation) {
                    delivered.add(obligation);
                }

                @Override
                public void finding(Finding finding) {
                }

                @Override
                public void rejected(InputException error) {
                    throw new AssertionError(error.getMessage());
                }
            });
            assertThat(delivered).as(unordered ? "in any order" : "in report order")
                    .containsExactlyInAnyOrderElementsOf(byCase.obligations());
        }
    }

    private static String typed(ObjectMapper json, String type, Object value) {
        ObjectNode line = json.createObjectNode().put("type", type);
        line.setAll((ObjectNode) json.valueToTree(value));
        return line + "\n";
    }
}
