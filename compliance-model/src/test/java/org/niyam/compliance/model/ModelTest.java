package org.niyam.compliance.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The model's own guarantees: checks that name the record and field, immutability, and small pieces of logic. */
class ModelTest {

    private static final OffsetDateTime T = OffsetDateTime.parse("2026-02-20T00:00:00+05:30");

    @Nested
    class Checks {

        @Test
        void aMissingFieldIsNamedWithItsRecord() {
            assertThatThrownBy(() -> new CustomEvent("e1", " ", T, "k", Map.of()))
                    .hasMessage("CustomEvent.caseId is required and must not be blank");
            assertThatThrownBy(() -> new CustomEvent("e1", "c1", T, null, Map.of()))
                    .hasMessageContaining("CustomEvent.kind is required");
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
            CaseEvent removal = new CustomEvent("r1", "case-1", T, "removed", Map.of());
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
        Map<String, String> attributes = new java.util.HashMap<>(Map.of("a", "1"));
        CustomEvent event = new CustomEvent("e", "c", T, "k", attributes);
        attributes.clear();

        assertThat(event.attributes()).containsExactly(Map.entry("a", "1"));
        assertThatThrownBy(() -> event.attributes().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
        assertThat(new CustomEvent("e", "c", T, "k", null).attributes()).isEqualTo(Map.of());
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
                new CustomEvent("e2", "c", T.plusDays(2), "k", Map.of()),
                new CustomEvent("e1", "c", T.plusDays(1), "k", Map.of())));

        assertThat(evidence.periodStart(T.plusDays(5))).isEqualTo(T.plusDays(1));
        assertThat(new Evidence(List.of(), List.of(), List.of(), T).periodStart(T.plusDays(5))).isEqualTo(T);
        assertThat(new Evidence(null, List.of(), List.of()).periodStart(T.plusDays(5))).isEqualTo(T.plusDays(5));
    }

    @Test
    void evidenceTakesAListOfOneEventTypeAsItIsTyped() {
        List<CustomEvent> complaints = List.of(new CustomEvent("e1", "c", T, "k", Map.of()));

        assertThat(new Evidence(null, List.of(), complaints).events()).containsExactlyElementsOf(complaints);
        assertThat(new Evidence(null, List.of(), complaints, T).events()).containsExactlyElementsOf(complaints);
    }
}
