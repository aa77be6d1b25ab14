package org.niyam.compliance.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.niyam.compliance.engine.TestPacks.AMENDMENT;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
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
import org.niyam.compliance.model.CaseEvent;
import org.niyam.compliance.model.Evidence;
import org.niyam.compliance.model.Finding;
import org.niyam.compliance.model.Obligation;
import org.niyam.compliance.india.OfficerAppointment;
import org.niyam.compliance.model.StandingFact;
import org.niyam.compliance.india.OfficerRole;
import org.niyam.compliance.india.PlatformProfile;
import org.niyam.compliance.model.Report;
import org.niyam.compliance.model.Status;
import org.niyam.compliance.pack.RulePack;

/**
 * Properties over generated evidence. Each case prints its seed; to replay a failure, put the seed in the
 * {@code @ValueSource} (or call {@link #generate} with it) and run again.
 */
class DeterminismTest {

    private static final ComplianceEngine ENGINE = TestPacks.clockEngine();

    /** Generated instants fall in the four days around the amendment, so both clock lengths and spans occur. */
    private static final OffsetDateTime START = AMENDMENT.minusDays(2);
    private static final long WINDOW_MS = Duration.ofDays(4).toMillis();

    private static final List<ZoneOffset> OFFSETS = List.of(ZoneOffset.UTC, ZoneOffset.ofHoursMinutes(5, 30),
            ZoneOffset.ofHours(-4), ZoneOffset.ofHours(9));

    private static final Duration MS = Duration.ofMillis(1);

    /** Evidence and an "as of" instant, generated from a seed. */
    record Scenario(Evidence evidence, OffsetDateTime asOf) {
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1L, 42L, 2026L, 31337L, 8_675_309L, -7L})
    void the_order_of_events_does_not_change_the_report(long seed) {
        System.out.println("DeterminismTest.the_order_of_events_does_not_change_the_report seed=" + seed);
        Random random = new Random(seed);
        Scenario scenario = generate(random, 40);
        Report expected = ENGINE.evaluate(scenario.evidence(), scenario.asOf());

        assertThat(expected.obligations()).isNotEmpty();
        assertThat(expected.obligations()).allSatisfy(o -> assertThat(o.citation()).isNotNull());
        assertThat(expected.findings()).allSatisfy(f -> assertThat(f.citation()).isNotNull());
        for (int round = 0; round < 6; round++) {
            List<CaseEvent> shuffled = new ArrayList<>(scenario.evidence().events());
            Collections.shuffle(shuffled, random);
            List<StandingFact> appointments = new ArrayList<>(scenario.evidence().facts());
            Collections.shuffle(appointments, random);
            Evidence reordered = new Evidence(scenario.evidence().platform(), appointments, shuffled);

            Report actual = ENGINE.evaluate(reordered, scenario.asOf());

            assertSameReport(actual, expected, "seed " + seed + ", shuffle " + round);
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {3L, 77L, 1234L, 99_991L, -2026L})
    void acting_earlier_never_creates_a_breach(long seed) {
        System.out.println("DeterminismTest.acting_earlier_never_creates_a_breach seed=" + seed);
        Random random = new Random(seed);
        Scenario scenario = generate(random, 40);
        Report before = ENGINE.evaluate(scenario.evidence(), scenario.asOf());

        for (int round = 0; round < 4; round++) {
            // Each moved event moves by one amount, so that an event delivered twice stays one event.
            Map<String, Duration> moves = new HashMap<>();
            List<CaseEvent> earlier = new ArrayList<>();
            for (CaseEvent event : scenario.evidence().events()) {
                boolean discharging = event instanceof ComplaintResolved || event instanceof ContentRemoved
                        || event instanceof InformationProvided;
                // Only events known at "as of" move, so each stays known, just earlier.
                if (discharging && !event.at().isAfter(scenario.asOf())) {
                    Duration move = moves.computeIfAbsent(event.id(), id -> random.nextBoolean() ? Duration.ZERO
                            : Duration.ofMillis(1 + random.nextLong(Duration.ofHours(12).toMillis())));
                    earlier.add(withAt(event, event.at().minus(move)));
                } else {
                    earlier.add(event);
                }
            }
            Report after = ENGINE.evaluate(new Evidence(scenario.evidence().platform(),
                    scenario.evidence().facts(), earlier), scenario.asOf());

            Map<String, Obligation> now = after.obligations().stream()
                    .collect(Collectors.toMap(Obligation::id, Function.identity()));
            assertThat(now.keySet()).as("seed %d, round %d", seed, round)
                    .containsExactlyInAnyOrderElementsOf(before.obligations().stream().map(Obligation::id).toList());
            for (Obligation was : before.obligations()) {
                Status is = now.get(was.id()).status();
                String where = "seed " + seed + ", round " + round + ", " + was.id() + " was " + was.status();
                if (was.status() == Status.MET) {
                    assertThat(is).as(where).isEqualTo(Status.MET);
                } else if (was.status() == Status.MET_LATE) {
                    assertThat(is).as(where).isIn(Status.MET, Status.MET_LATE);
                }
                if (is == Status.BREACHED) {
                    assertThat(was.status()).as(where).isEqualTo(Status.BREACHED);
                }
            }
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {5L, 500L, 50_000L})
    void exactly_at_the_deadline_is_met_and_one_millisecond_later_is_late(long seed) {
        System.out.println("DeterminismTest.exactly_at_the_deadline_is_met_and_one_millisecond_later_is_late seed=" + seed);
        Random random = new Random(seed);
        for (int i = 0; i < 20; i++) {
            OffsetDateTime trigger = instant(random);
            Duration length = trigger.isBefore(AMENDMENT) ? Duration.ofHours(10) : Duration.ofHours(2);
            OffsetDateTime due = trigger.plus(length).withOffsetSameInstant(offset(random));
            String where = "seed " + seed + ", trigger " + trigger;

            Obligation atDue = answer(trigger, due);
            Obligation late = answer(trigger, due.plus(MS));

            assertThat(atDue.dueAt().toInstant()).as(where).isEqualTo(due.toInstant());
            assertThat(atDue.status()).as(where).isEqualTo(Status.MET);
            assertThat(late.status()).as(where).isEqualTo(Status.MET_LATE);
            assertThat(late.lateness()).as(where).isEqualTo(MS);
        }
    }

    @Test
    void findings_that_differ_only_in_their_evidence_come_in_a_fixed_order() {
        OffsetDateTime t = AMENDMENT.plusDays(1);
        List<CaseEvent> complaints = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            complaints.add(new ComplaintReceived("c" + i, "case-1", t.plusMinutes(i), ComplaintCategory.INTIMATE_IMAGERY));
        }
        List<Finding> expected = ENGINE.evaluate(TestPacks.evidence(complaints.toArray(CaseEvent[]::new)),
                t.plusHours(1)).findings();
        assertThat(expected).hasSize(4);

        Random random = new Random(11);
        for (int round = 0; round < 8; round++) {
            List<CaseEvent> shuffled = new ArrayList<>(complaints);
            Collections.shuffle(shuffled, random);

            List<Finding> actual = ENGINE.evaluate(TestPacks.evidence(shuffled.toArray(CaseEvent[]::new)),
                    t.plusHours(1)).findings();

            assertThat(actual).as("findings of one case, code and message, from events in the order %s",
                    shuffled.stream().map(CaseEvent::id).toList()).isEqualTo(expected);
        }
    }

    @Test
    void assessments_of_one_duty_merged_from_several_facts_do_not_depend_on_their_order() {
        // A rule whose explanation names the appointment: two appointments give two assessments of one duty
        // with one status, which the engine merges into one obligation.
        ComplianceEngine engine = ComplianceEngine.builder().rulePack(RulePack.drl("officers.drl", """
                package org.niyam.test.officers;

                import java.util.List;
                import org.niyam.compliance.model.Assessment;
                import org.niyam.compliance.model.LawInForce;
                import org.niyam.compliance.india.OfficerAppointment;
                import org.niyam.compliance.model.Status;

                rule "o.officer-appointed"
                    @citation("Section 7")
                when
                    $law : LawInForce()
                    $a : OfficerAppointment(heldAt($law.asOf))
                then
                    insert(new Assessment("o.officer", "Appoint an officer", Status.MET,
                            "Officer " + $a.person() + " holds the post.", List.of($a.id())));
                end
                """)).build();
        OffsetDateTime asOf = AMENDMENT.plusDays(1);
        List<OfficerAppointment> appointments = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            appointments.add(new OfficerAppointment("a" + i, OfficerRole.GRIEVANCE_OFFICER, "Person " + i,
                    true, true, true, TestPacks.IN_FORCE, null));
        }
        Report expected = engine.evaluate(new Evidence(TestPacks.PLATFORM, appointments, List.of()), asOf);
        assertThat(expected.obligations()).singleElement()
                .satisfies(o -> assertThat(o.explanation()).endsWith("Evidence: a0, a1, a2, a3, a4."));

        Random random = new Random(7);
        for (int round = 0; round < 8; round++) {
            List<OfficerAppointment> shuffled = new ArrayList<>(appointments);
            Collections.shuffle(shuffled, random);

            Report actual = engine.evaluate(new Evidence(TestPacks.PLATFORM, shuffled, List.of()), asOf);

            assertThat(actual).as("appointments in the order %s", shuffled.stream().map(OfficerAppointment::id).toList())
                    .isEqualTo(expected);
        }
    }

    /** Equal reports; on a difference, names the first obligation or finding that differs rather than all. */
    private static void assertSameReport(Report actual, Report expected, String where) {
        assertThat(actual.obligations()).as(where + ": number of obligations").hasSameSizeAs(expected.obligations());
        for (int i = 0; i < expected.obligations().size(); i++) {
            assertThat(actual.obligations().get(i)).as(where + ": obligations[" + i + "]")
                    .isEqualTo(expected.obligations().get(i));
        }
        assertThat(actual.findings()).as(where + ": number of findings").hasSameSizeAs(expected.findings());
        for (int i = 0; i < expected.findings().size(); i++) {
            assertThat(actual.findings().get(i)).as(where + ": findings[" + i + "]")
                    .isEqualTo(expected.findings().get(i));
        }
        assertThat(actual).as(where).isEqualTo(expected);
    }

    private static Obligation answer(OffsetDateTime trigger, OffsetDateTime done) {
        Report report = ENGINE.evaluate(TestPacks.evidence(new ComplaintReceived("c1", "case-1", trigger,
                ComplaintCategory.GENERAL), new ComplaintResolved("r1", "case-1", done)), done.plusDays(1));
        return report.forCase("case-1").get(0);
    }

    /** Generates cases of every kind, with actions before, within and after their clocks, and some duplicates. */
    static Scenario generate(Random random, int cases) {
        List<CaseEvent> events = new ArrayList<>();
        int next = 0;
        for (int c = 0; c < cases; c++) {
            String caseId = "case-" + c;
            int triggers = 1 + random.nextInt(2);
            for (int t = 0; t < triggers; t++) {
                OffsetDateTime at = instant(random);
                String id = "e" + next++;
                events.add(switch (random.nextInt(3)) {
                    case 0 -> new ComplaintReceived(id, caseId, at,
                            ComplaintCategory.values()[random.nextInt(ComplaintCategory.values().length)]);
                    case 1 -> new RemovalOrderReceived(id, caseId, at,
                            new Issuer(IssuerKind.values()[random.nextInt(IssuerKind.values().length)], "Authority", null),
                            random.nextBoolean() ? "ref-" + id : null);
                    default -> new InformationRequestReceived(id, caseId, at, random.nextBoolean() ? "CERT-In" : null);
                });
                int actions = random.nextInt(4);
                for (int a = 0; a < actions; a++) {
                    OffsetDateTime done = at.plus(Duration.ofMillis(random.nextLong(Duration.ofHours(14).toMillis())
                            - Duration.ofHours(2).toMillis())).withOffsetSameInstant(offset(random));
                    // Sometimes two actions at one instant, so that ties are broken by id.
                    if (a > 0 && random.nextInt(5) == 0) {
                        done = events.get(events.size() - 1).at();
                    }
                    String actionId = "e" + next++;
                    events.add(switch (random.nextInt(4)) {
                        case 0 -> new ComplaintResolved(actionId, caseId, done);
                        case 1 -> new ComplaintAcknowledged(actionId, caseId, done);
                        case 2 -> new ContentRemoved(actionId, caseId, done,
                                random.nextBoolean() ? TakedownAction.REMOVED : TakedownAction.DISABLED);
                        default -> new InformationProvided(actionId, caseId, done);
                    });
                }
            }
        }
        // The same event delivered twice counts once.
        int duplicates = random.nextInt(5);
        for (int d = 0; d < duplicates; d++) {
            events.add(events.get(random.nextInt(events.size())));
        }
        List<OfficerAppointment> appointments = new ArrayList<>();
        int officers = random.nextInt(4);
        for (int o = 0; o < officers; o++) {
            OffsetDateTime from = instant(random).minusDays(2);
            OffsetDateTime to = random.nextBoolean() ? null : from.plusHours(1 + random.nextInt(96));
            appointments.add(new OfficerAppointment("a" + o, OfficerRole.values()[random.nextInt(OfficerRole.values().length)],
                    "Officer " + o, random.nextBoolean(), random.nextBoolean(), random.nextBoolean(), from, to));
        }
        PlatformProfile platform = random.nextInt(4) == 0 ? null
                : new PlatformProfile("Platform", random.nextInt(10_000_000), false);
        return new Scenario(new Evidence(platform, appointments, events), instant(random).plusHours(12));
    }

    private static OffsetDateTime instant(Random random) {
        return START.plus(Duration.ofMillis(random.nextLong(WINDOW_MS))).withOffsetSameInstant(offset(random));
    }

    private static ZoneOffset offset(Random random) {
        return OFFSETS.get(random.nextInt(OFFSETS.size()));
    }

    private static CaseEvent withAt(CaseEvent event, OffsetDateTime at) {
        if (event instanceof ComplaintResolved e) {
            return new ComplaintResolved(e.id(), e.caseId(), at);
        }
        if (event instanceof ContentRemoved e) {
            return new ContentRemoved(e.id(), e.caseId(), at, e.action());
        }
        if (event instanceof InformationProvided e) {
            return new InformationProvided(e.id(), e.caseId(), at);
        }
        throw new IllegalArgumentException("not a discharging event: " + event);
    }
}
