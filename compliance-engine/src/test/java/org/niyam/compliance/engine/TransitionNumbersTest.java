package org.niyam.compliance.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.niyam.compliance.io.ComplianceJson;
import org.niyam.compliance.model.Citation;
import org.niyam.compliance.model.Finding;
import org.niyam.compliance.model.Obligation;
import org.niyam.compliance.model.Status;
import org.niyam.compliance.model.Transition;

/**
 * A transition's id is never used twice for one case: an obligation or finding that is withdrawn and comes back
 * numbers its transitions after the highest number the case no longer holds (before, it started at 1 again, and a
 * consumer that drops an id it has seen dropped the new transition). What is kept of earlier is part of the state's
 * JSON, and a state written before it existed reads as it did.
 */
class TransitionNumbersTest {

    private static final OffsetDateTime AT = OffsetDateTime.of(2026, 3, 2, 10, 0, 0, 0, ZoneOffset.UTC);
    private static final Citation CITATION = new Citation("Act", "s. 1", "v1", "rule-1");

    private static Obligation open(String id) {
        return new Obligation(id, "duty", "Do it", "case-1", AT, AT.plusHours(3), Status.OPEN, CITATION, "e1", null,
                null, "Open.");
    }

    private static final Finding FINDING = new Finding("code", "case-1", "A finding.", List.of("e1"), CITATION);

    @Test
    void an_obligation_or_finding_that_comes_back_numbers_its_transitions_after_those_it_had() {
        Map<String, CaseTracker.Held> held = new LinkedHashMap<>();
        Map<String, Finding> found = new LinkedHashMap<>();
        List<Transition> out = new ArrayList<>();
        CaseTracker.Earlier earlier = CaseTracker.diff(held, found, List.of(open("d@e1"), open("d@e2")),
                List.of(FINDING), AT, CaseTracker.Earlier.NONE, out, (a, b) -> { });
        assertThat(earlier).isEqualTo(CaseTracker.Earlier.NONE);
        earlier = CaseTracker.diff(held, found, List.of(open("d@e2")), List.of(), AT.plusHours(1), earlier, out,
                (a, b) -> { });
        String finding = CaseTracker.findingId(FINDING);
        assertThat(earlier.withdrawn()).as("d@e1 withdrawn at #2, the finding at #2")
                .isEqualTo(Map.of("d@e1", 2, finding, 2));
        earlier = CaseTracker.diff(held, found, List.of(open("d@e1"), open("d@e2"), open("d@e3")), List.of(FINDING),
                AT.plusHours(2), earlier, out, (a, b) -> { });
        earlier = CaseTracker.diff(held, found, List.of(open("d@e1"), open("d@e2"), open("d@e3")), List.of(),
                AT.plusHours(2), earlier, out, (a, b) -> { });
        assertThat(out).extracting(Transition::id).containsExactly(
                "d@e1#1:OPENED", "d@e2#1:OPENED", finding + "#1:FINDING",
                "d@e1#2:WITHDRAWN", finding + "#2:WITHDRAWN",
                "d@e1#3:OPENED", "d@e3#1:OPENED", finding + "#3:FINDING",
                finding + "#4:WITHDRAWN");
        assertThat(out).extracting(Transition::id).doesNotHaveDuplicates();
        assertThat(earlier.withdrawn()).isEqualTo(Map.of("d@e1", 2, finding, 4));
    }

    /** A case that left and comes back numbers every transition after the highest number it used before. */
    @Test
    void a_case_that_comes_back_numbers_after_everything_it_had() {
        Map<String, CaseTracker.Held> held = new LinkedHashMap<>();
        Map<String, Finding> found = new LinkedHashMap<>();
        List<Transition> out = new ArrayList<>();
        CaseTracker.Earlier earlier = CaseTracker.diff(held, found, List.of(open("d@e1")), List.of(FINDING), AT,
                new CaseTracker.Earlier(5, null, Map.of("d@e9", 7)), out, (a, b) -> { });
        assertThat(out).extracting(Transition::id).containsExactly("d@e1#6:OPENED",
                CaseTracker.findingId(FINDING) + "#6:FINDING");
        assertThat(earlier.after("d@e9")).isEqualTo(7);
        assertThat(earlier.after("d@other")).isEqualTo(5);
    }

    @Test
    void what_is_kept_of_earlier_is_written_with_the_state_and_old_states_read_as_before() throws Exception {
        ObjectMapper json = ComplianceJson.mapper();
        byte[] digests = new byte[32];
        digests[5] = 7;
        CaseTracker.State state = new CaseTracker.State("case-1", List.of(), List.of(), List.of(),
                new CaseTracker.Earlier(3, digests));
        String text = json.writeValueAsString(state);
        assertThat(json.readValue(text, CaseTracker.State.class)).isEqualTo(state);
        assertThat(state.earlier().size()).isEqualTo(2);

        CaseTracker.State plain = CaseTracker.State.empty("case-1");
        assertThat(json.writeValueAsString(plain)).doesNotContain("earlier");
        assertThat(json.readValue("{\"caseId\":\"case-1\",\"events\":[],\"obligations\":[],\"findings\":[]}",
                CaseTracker.State.class)).isEqualTo(plain);
        assertThat(new CaseTracker.State("case-1", null, null, null, CaseTracker.Earlier.NONE)).isEqualTo(plain);

        assertThatThrownBy(() -> new CaseTracker.Earlier(1, new byte[15])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("16 bytes");
        assertThatThrownBy(() -> new CaseTracker.Earlier(-1, null)).isInstanceOf(IllegalArgumentException.class);
    }
}
