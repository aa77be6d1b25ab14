package org.niyam.compliance.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

/** The registry of event types: what it accepts, and errors that name the class and what brought it. */
class EventTypesTest {

    record Noticed(String id, String caseId, OffsetDateTime at, String jurisdiction) implements CaseEvent {
    }

    record Other(String id, String caseId, OffsetDateTime at, String jurisdiction) implements CaseEvent {
    }

    record NotAnEvent(String id) {
    }

    static final class NotARecord implements CaseEvent {
        public String id() {
            return "";
        }

        public String caseId() {
            return "";
        }

        public OffsetDateTime at() {
            return null;
        }

        public String jurisdiction() {
            return null;
        }
    }

    @Test
    void customEventIsAlwaysKnownAndATypeIsNamedByItsSimpleNameUnlessGiven() {
        EventTypes types = EventTypes.standard().with(Noticed.class, "pack a").with("Seen", Other.class, "pack a");

        assertThat(types.names()).containsExactly("CustomEvent", "Noticed", "Seen");
        assertThat(types.type("Seen")).isEqualTo(Other.class);
        assertThat(types.nameOf(Noticed.class)).isEqualTo("Noticed");
        assertThat(types.type("Unknown")).isNull();
        assertThat(types.sourceOf("Seen")).isEqualTo("pack a");
        assertThat(types.namesInWords()).isEqualTo("CustomEvent, Noticed or Seen");
        assertThat(EventTypes.standard().names()).containsExactly("CustomEvent");
    }

    @Test
    void registeringIsImmutableAndTheSameTypeTwiceIsOne() {
        EventTypes one = EventTypes.standard().with(Noticed.class, "pack a");
        EventTypes both = one.union(EventTypes.standard().with(Noticed.class, "pack b"));

        assertThat(both).isEqualTo(one);
        assertThat(EventTypes.standard().names()).containsExactly("CustomEvent");
        assertThatThrownBy(() -> both.asMap().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void badTypesAreRefusedNamingTheClassAndItsSource() {
        EventTypes types = EventTypes.standard().with(Noticed.class, "pack a");

        assertThatThrownBy(() -> types.with(NotAnEvent.class, "pack b"))
                .hasMessage("pack b: event type " + NotAnEvent.class.getName() + " does not implement "
                        + CaseEvent.class.getName() + " (nor " + Platform.class.getName() + ", nor "
                        + StandingFact.class.getName() + ")");
        assertThatThrownBy(() -> types.with(NotARecord.class, "pack b"))
                .hasMessageStartingWith("pack b: event type " + NotARecord.class.getName() + " is not a record");
        assertThatThrownBy(() -> types.with("Noticed", Other.class, "pack b"))
                .hasMessage("pack b: event type name 'Noticed' is given to " + Other.class.getName()
                        + ", but pack a already gives it to " + Noticed.class.getName()
                        + "; give one of them another name");
        assertThatThrownBy(() -> types.with("Again", Noticed.class, "pack b"))
                .hasMessageContaining("is named 'Again', but pack a already names it 'Noticed'");
        assertThatThrownBy(() -> types.with("1st", Other.class, "pack b"))
                .hasMessageContaining("event type name '1st' of " + Other.class.getName() + " is not a name");
    }
}
