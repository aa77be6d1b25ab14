package org.niyam.compliance.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.niyam.compliance.model.Status;

/** The baseline must be right before it is fast: its own instant reader, and the inputs it refuses. */
class BaselineCheckerTest {

    @Test
    void readsInstantsAsOffsetDateTimeDoes() {
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < 10_000; i++) {
            OffsetDateTime at = OffsetDateTime.ofInstant(
                    Instant.ofEpochSecond(random.nextLong(946_684_800L, 4_102_444_800L)),
                    ZoneOffset.ofTotalSeconds((random.nextInt(-18 * 4, 18 * 4 + 1)) * 15 * 60));
            String text = at.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
            assertThat(BaselineChecker.epochMilli(text)).as(text).isEqualTo(at.toInstant().toEpochMilli());
        }
        for (String other : new String[] {"2026-02-20T00:00Z", "2026-02-20T10:15:30.250+05:30", "2026-02-20T10:15+05:30"}) {
            assertThat(BaselineChecker.epochMilli(other)).as(other)
                    .isEqualTo(OffsetDateTime.parse(other).toInstant().toEpochMilli());
        }
    }

    @Test
    void refusesEventsItDoesNotCheckRatherThanClaimingAgreement() {
        String log = "{\"type\":\"UsersInformed\",\"id\":\"n-1\",\"caseId\":\"user-notices\",\"at\":\"2026-03-01T00:00:00+05:30\"}\n";

        assertThatThrownBy(() -> new BaselineChecker(Duration.ofDays(1), 0.25).check(new StringReader(log)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("UsersInformed");
    }

    @Test
    void refusesAnEventFurtherOutOfOrderThanItWasToldToExpect() throws IOException {
        String log = """
                {"type":"InformationRequestReceived","id":"a-in","caseId":"a","at":"2026-03-01T00:00:00+05:30"}
                {"type":"InformationRequestReceived","id":"b-in","caseId":"b","at":"2026-03-03T00:00:00+05:30"}
                {"type":"InformationRequestReceived","id":"c-in","caseId":"c","at":"2026-03-05T00:00:00+05:30"}
                {"type":"InformationProvided","id":"a-done","caseId":"a","at":"2026-03-01T12:00:00+05:30"}
                """;

        assertThatThrownBy(() -> new BaselineChecker(Duration.ofDays(1), 0.25).check(new StringReader(log)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("a-done");
        assertThat(new BaselineChecker(Duration.ofDays(4), 0.25).check(new StringReader(log)).results())
                .extracting(BaselineChecker.Result::obligationId)
                .containsExactlyInAnyOrder("information.request@a-in", "information.request@b-in", "information.request@c-in");
    }

    @Test
    void takesASignificantPlatformsResidentGrievanceOfficerForItsGrievanceOfficerAsThePackDoes() throws IOException {
        String log = """
                {"type":"PlatformProfile","name":"Charcha","registeredUsersInIndia":80000000,"messagingService":false,"addressInIndiaPublished":true}
                {"type":"OfficerAppointment","id":"rgo","role":"RESIDENT_GRIEVANCE_OFFICER","person":"R. Menon","residentInIndia":true,"employee":true,"contactPublished":true,"from":"2021-05-20T00:00:00+05:30"}
                {"type":"InformationRequestReceived","id":"a-in","caseId":"a","at":"2026-03-01T00:00:00+05:30"}
                """;

        assertThat(new BaselineChecker(Duration.ofDays(1), 0.25).check(new StringReader(log)).results())
                .filteredOn(r -> r.obligationId().equals("3(2)(a).grievance-officer"))
                .extracting(BaselineChecker.Result::status).containsExactly(Status.MET);
    }

    @Test
    void countsNoBlankTargetAsAUrlAsThePackDoes() throws IOException {
        String log = """
                {"type":"RemovalOrderReceived","id":"blank-in","caseId":"blank","at":"2026-03-02T10:00:00+05:30","issuer":{"kind":"GOVERNMENT","authority":"MHA","rank":"JOINT_SECRETARY"},"intimation":{"inWriting":true,"reasoned":true,"legalBasis":"s 79(3)(b)","unlawfulAct":"public order","targets":["   ",""]}}
                {"type":"RemovalOrderReceived","id":"url-in","caseId":"url","at":"2026-03-02T10:00:00+05:30","issuer":{"kind":"GOVERNMENT","authority":"MHA","rank":"JOINT_SECRETARY"},"intimation":{"inWriting":true,"reasoned":true,"legalBasis":"s 79(3)(b)","unlawfulAct":"public order","targets":["","https://example.net/p/1"]}}
                """;

        assertThat(new BaselineChecker(Duration.ofDays(1), 0.25).check(new StringReader(log)).results())
                .filteredOn(r -> r.duty().equals(BaselineChecker.REMOVAL_ON_ORDER))
                .extracting(BaselineChecker.Result::obligationId, BaselineChecker.Result::status)
                .containsExactlyInAnyOrder(tuple("removal.on-order@blank-in", Status.NOT_APPLICABLE),
                        tuple("removal.on-order@url-in", Status.OPEN));
    }
}
