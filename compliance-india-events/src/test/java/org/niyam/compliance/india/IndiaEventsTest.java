package org.niyam.compliance.india;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.niyam.compliance.model.CustomEvent;
import org.niyam.compliance.model.EventTypes;

/** The India events' own guarantees: checks that name the record and field, copies, ranks, and their registry. */
class IndiaEventsTest {

    private static final OffsetDateTime T = OffsetDateTime.parse("2026-02-20T00:00:00+05:30");

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
    void listsAreCopied() {
        List<String> targets = new ArrayList<>(List.of("https://example.org/1"));
        Intimation intimation = new Intimation(true, true, "s. 79", "act", targets);
        targets.clear();

        assertThat(intimation.targets()).containsExactly("https://example.org/1");
        assertThatThrownBy(() -> intimation.targets().add("x")).isInstanceOf(UnsupportedOperationException.class);
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
    void everyEventIsRegisteredByItsSimpleNameAndAnnouncedOnTheClasspath() {
        assertThat(IndiaEvents.TYPES.names()).hasSize(IndiaEvents.CLASSES.size() + IndiaEvents.FACTS.size() + 1)
                .contains("CustomEvent");
        assertThat(IndiaEvents.TYPES.asMap()).hasSize(IndiaEvents.CLASSES.size() + 1);
        assertThat(IndiaEvents.TYPES.type("GacOrderReceived")).isEqualTo(GacOrderReceived.class);
        assertThat(EventTypes.onClasspath()).isEqualTo(IndiaEvents.TYPES);
        assertThat(EventTypes.onClasspath().type("CustomEvent")).isEqualTo(CustomEvent.class);
    }

    @Test
    void theProfileAndTheAppointmentsAreThePacksPlatformRecordAndStandingFactUnderTheirOldNames() {
        assertThat(IndiaEvents.TYPES.platformType("PlatformProfile")).isEqualTo(PlatformProfile.class);
        assertThat(IndiaEvents.TYPES.factType("OfficerAppointment")).isEqualTo(OfficerAppointment.class);
        assertThat(IndiaEvents.TYPES.type("PlatformProfile")).as("not an event").isNull();
    }

    @Test
    void impossibleProfilesAndAppointmentsAreRejected() {
        assertThatThrownBy(() -> new PlatformProfile("X", -1, false))
                .hasMessage("PlatformProfile.registeredUsersInIndia cannot be negative: -1");
        assertThatThrownBy(() -> new OfficerAppointment("a1", OfficerRole.GRIEVANCE_OFFICER, "P", true, true, true,
                T, T)).hasMessageContaining("'to'").hasMessageContaining("must be after 'from'");
    }

    @Test
    void anAppointmentHoldsFromItsStartUntilJustBeforeItsEndAndNamesBothInstants() {
        OfficerAppointment a = new OfficerAppointment("a1", OfficerRole.GRIEVANCE_OFFICER, "P", true, true, true,
                T, T.plusDays(10));

        assertThat(a.heldAt(T.minusNanos(1_000_000))).isFalse();
        assertThat(a.heldAt(T)).isTrue();
        assertThat(a.heldAt(T.plusDays(10).minusNanos(1_000_000))).isTrue();
        assertThat(a.heldAt(T.plusDays(10))).isFalse();
        assertThat(a.changesAt()).containsExactly(T, T.plusDays(10));
        assertThat(new OfficerAppointment("a2", OfficerRole.GRIEVANCE_OFFICER, "P", true, true, true, T, null)
                .changesAt()).containsExactly(T);
    }

    @Test
    void theProfilesSummaryIsWhatReportHeadersPrint() {
        assertThat(new PlatformProfile("Samvad", 12_000_000, true).summary())
                .isEqualTo("Samvad, 12,000,000 registered users in India, a messaging service");
        assertThat(new PlatformProfile("Samvad", 1, false).summary()).isEqualTo("Samvad, 1 registered users in India");
        PlatformProfile bounded = new PlatformProfile("S", 1, false, null, T, null);
        assertThat(bounded.during(null, T.plusDays(1))).isEqualTo(new PlatformProfile("S", 1, false, null, null,
                T.plusDays(1)));
        assertThat(bounded.from(T.minusDays(1)).from()).isEqualTo(T.minusDays(1));
    }
}
