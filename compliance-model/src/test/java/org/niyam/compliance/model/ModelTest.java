package org.niyam.compliance.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.niyam.compliance.india.ComplaintCategory;
import org.niyam.compliance.india.ComplaintReceived;
import org.niyam.compliance.india.ContentRemoved;
import org.niyam.compliance.india.Intimation;
import org.niyam.compliance.india.IssuerRank;
import org.niyam.compliance.india.RecordsDeleted;
import org.niyam.compliance.india.TakedownAction;

/** The model's own guarantees: checks that name the record and field, immutability, and small pieces of logic. */
class ModelTest {

    private static final OffsetDateTime T = OffsetDateTime.parse("2026-02-20T00:00:00+05:30");

    @Nested
    class Checks {

        @Test
        void aMissingFieldIsNamedWithItsRecord() {
            assertThatThrownBy(() -> new ComplaintReceived("e1", " ", T, ComplaintCategory.GENERAL))
                    .hasMessage("ComplaintReceived.caseId is required and must not be blank");
            assertThatThrownBy(() -> new ComplaintReceived("e1", "c1", T, null))
                    .hasMessage("ComplaintReceived.category is required");
            assertThatThrownBy(() -> new RecordsDeleted("e1", "c1", T, null, false))
                    .hasMessage("RecordsDeleted.records is required");
        }

        @Test
        void impossibleValuesAreRejected() {
            assertThatThrownBy(() -> new PlatformProfile("X", -1, false))
                    .hasMessage("PlatformProfile.registeredUsersInIndia cannot be negative: -1");
            assertThatThrownBy(() -> new OfficerAppointment("a1", OfficerRole.GRIEVANCE_OFFICER, "P", true, true, true,
                    T, T)).hasMessageContaining("'to'").hasMessageContaining("must be after 'from'");
        }

        @Test
        void aStandingDutyCannotBeOpenButACaseDutyWithoutDeadlineCan() {
            assertThatThrownBy(() -> new Assessment("k", "w", Status.OPEN, "e", List.of()))
                    .hasMessageContaining("not OPEN");
            assertThat(new Assessment("k", "w", Status.OPEN, "e", List.of(), "case-1").obligationId())
                    .isEqualTo("k@case-1");
        }

        @Test
        void aVerdictOnOneMatterHasTheIdItsDutyWouldHave() {
            CaseEvent removal = new ContentRemoved("r1", "case-1", T, TakedownAction.REMOVED);
            Assessment verdict = Assessment.about(removal, "k", "w", Status.NOT_APPLICABLE, "e", List.of());

            assertThat(verdict.obligationId()).isEqualTo("k@r1").isEqualTo(Duty.obligationId("k", "r1"));
            assertThat(verdict.withEvidence(List.of("x")).obligationId()).isEqualTo("k@r1");
            assertThatThrownBy(() -> new Assessment("k", "w", Status.MET, "e", List.of(), "case-1", "r1", null))
                    .hasMessageContaining("triggerEventId and triggeredAt must be given together");
            assertThatThrownBy(() -> new Assessment("k", "w", Status.MET, "e", List.of(), null, "r1", T))
                    .hasMessageContaining("caseId");
        }
    }

    @Test
    void listsAndMapsAreCopied() {
        List<String> targets = new ArrayList<>(List.of("https://example.org/1"));
        Intimation intimation = new Intimation(true, true, "s. 79", "act", targets);
        targets.clear();

        assertThat(intimation.targets()).containsExactly("https://example.org/1");
        assertThatThrownBy(() -> intimation.targets().add("x")).isInstanceOf(UnsupportedOperationException.class);
        assertThat(new CustomEvent("e", "c", T, "k", null).attributes()).isEqualTo(Map.of());
    }

    @Test
    void anAppointmentHoldsFromItsStartUntilJustBeforeItsEnd() {
        OfficerAppointment a = new OfficerAppointment("a1", OfficerRole.GRIEVANCE_OFFICER, "P", true, true, true,
                T, T.plusDays(10));

        assertThat(a.heldAt(T.minusNanos(1_000_000))).isFalse();
        assertThat(a.heldAt(T)).isTrue();
        assertThat(a.heldAt(T.plusDays(10).minusNanos(1_000_000))).isTrue();
        assertThat(a.heldAt(T.plusDays(10))).isFalse();
    }

    @Test
    void ranksCompareWithinTheirService() {
        assertThat(IssuerRank.SECRETARY.atLeast(IssuerRank.JOINT_SECRETARY)).isTrue();
        assertThat(IssuerRank.DIRECTOR.atLeast(IssuerRank.JOINT_SECRETARY)).isFalse();
        assertThat(IssuerRank.INSPECTOR_GENERAL_OF_POLICE.atLeast(IssuerRank.DEPUTY_INSPECTOR_GENERAL_OF_POLICE)).isTrue();
        assertThat(IssuerRank.DIRECTOR_GENERAL_OF_POLICE.atLeast(IssuerRank.JOINT_SECRETARY))
                .as("a police rank is not a civil-service rank").isFalse();
    }

    @Test
    void lawInForceReadsTheValueOfTheInstantAndNamesWhatIsMissing() {
        LawInForce law = new LawInForce(T, Map.of("clock", List.of(
                new DatedValue(T.minusYears(1), java.time.Duration.ofHours(36), "old"),
                new DatedValue(T, java.time.Duration.ofHours(3), "new"))));

        assertThat(law.duration("clock")).isEqualTo(java.time.Duration.ofHours(3));
        assertThat(law.durationAt("clock", T.minusNanos(1))).isEqualTo(java.time.Duration.ofHours(36));
        assertThat(law.definedAt("clock", T.minusYears(2))).isFalse();
        assertThatThrownBy(() -> law.durationAt("clock", T.minusYears(2)))
                .hasMessageContaining("'clock' has no value in force at");
        assertThatThrownBy(() -> law.flag("clock")).hasMessageContaining("is a Duration, not a Boolean");
        assertThatThrownBy(() -> law.number("nothing")).hasMessageContaining("'nothing' is not defined");
    }

    @Test
    void theEvidencePeriodStartsAtTheEarliestEventUnlessGiven() {
        Evidence evidence = new Evidence(null, List.of(), List.of(
                new ComplaintReceived("e2", "c", T.plusDays(2), ComplaintCategory.GENERAL),
                new ComplaintReceived("e1", "c", T.plusDays(1), ComplaintCategory.GENERAL)));

        assertThat(evidence.periodStart(T.plusDays(5))).isEqualTo(T.plusDays(1));
        assertThat(new Evidence(List.of(), List.of(), List.of(), T).periodStart(T.plusDays(5))).isEqualTo(T);
        assertThat(new Evidence(null, List.of(), List.of()).periodStart(T.plusDays(5))).isEqualTo(T.plusDays(5));
    }
}
