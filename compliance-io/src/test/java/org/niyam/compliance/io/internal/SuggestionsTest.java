package org.niyam.compliance.io.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SuggestionsTest {

    private static final List<String> FIELDS = List.of("id", "caseId", "at", "category");

    @Test
    void two_letters_swapped_are_one_edit() {
        assertThat(Suggestions.distance("categroy", "category")).isEqualTo(1);
        assertThat(Suggestions.closest("categroy", FIELDS)).isEqualTo("category");
    }

    @Test
    void case_is_ignored_and_a_name_far_from_all_gets_no_suggestion() {
        assertThat(Suggestions.closest("caseid", FIELDS)).isEqualTo("caseId");
        assertThat(Suggestions.closest("colour", FIELDS)).isNull();
        assertThat(Suggestions.didYouMean("colour", FIELDS)).isEmpty();
    }

    @Test
    void names_are_listed_in_words() {
        assertThat(Suggestions.inWords(FIELDS)).isEqualTo("id, caseId, at and category");
        assertThat(Suggestions.inWords(List.of("a", "b"))).isEqualTo("a and b");
        assertThat(Suggestions.inWords(List.of("a"))).isEqualTo("a");
    }
}
