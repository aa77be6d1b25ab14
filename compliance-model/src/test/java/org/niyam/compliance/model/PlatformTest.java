package org.niyam.compliance.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The law-neutral platform records and standing facts: one history per record type, and the registry's kinds. */
class PlatformTest {

    private static final OffsetDateTime T = OffsetDateTime.parse("2026-02-20T00:00:00+05:30");

    /** A platform record of one law. */
    record Here(String name, long users, OffsetDateTime from, OffsetDateTime until) implements Platform {
        @Override
        public Here during(OffsetDateTime from, OffsetDateTime until) {
            return new Here(name, users, from, until);
        }
    }

    /** A platform record of another law. */
    record There(String name, boolean large, OffsetDateTime from, OffsetDateTime until) implements Platform {
        @Override
        public There during(OffsetDateTime from, OffsetDateTime until) {
            return new There(name, large, from, until);
        }

        @Override
        public String summary() {
            return name + (large ? ", large" : ", small");
        }
    }

    /** A standing fact. */
    record Registration(String id, OffsetDateTime from) implements StandingFact {
        @Override
        public List<OffsetDateTime> changesAt() {
            return List.of(from);
        }
    }

    /** A record of two kinds at once, which the registry refuses. */
    record Both(String id, String name, OffsetDateTime from, OffsetDateTime until) implements Platform, StandingFact {
        @Override
        public Platform during(OffsetDateTime from, OffsetDateTime until) {
            return new Both(id, name, from, until);
        }
    }

    @Test
    void eachRecordTypeHasAHistoryOfItsOwnAndTwoTypesNeverClash() {
        Here small = new Here("X", 10, null, null);
        Here large = new Here("X", 99, T, null);
        There there = new There("X", true, null, null);
        There thereLater = new There("X", false, T, null);

        List<Platform> history = Platform.history(List.of(large, thereLater, small, there, small));

        // Ordered by class name, then by 'from'; each 'until' filled from the next record of its own class.
        assertThat(history).containsExactly(new Here("X", 10, null, T), large, new There("X", true, null, T),
                thereLater);
        assertThat(Platform.inForce(history, T.minusDays(1))).isEqualTo(new Here("X", 10, null, T));
        assertThatThrownBy(() -> Platform.history(List.of(small, new Here("X", 11, null, null))))
                .hasMessageContaining("two different Heres hold from the start of the evidence");
    }

    @Test
    void joiningReplacesOnlyRecordsOfItsOwnType() {
        Here here = new Here("X", 10, null, null);
        There there = new There("X", true, null, null);
        List<Platform> given = Platform.joined(Platform.joined(List.<Platform>of(), here), there);

        assertThat(given).containsExactly(here, there);
        Here again = new Here("X", 20, null, null);
        assertThat(Platform.joined(given, again)).as("one without 'from' replaces its type's records only")
                .containsExactly(again, there);
        Here later = new Here("X", 30, T, null);
        assertThat(Platform.joined(given, later)).containsExactly(here, later, there);
    }

    @Test
    void theSummaryIsTheNameUnlessTheRecordSaysMoreAndHeldAtReadsTheBounds() {
        assertThat(new Here("X", 1, null, null).summary()).isEqualTo("X");
        assertThat(new There("X", true, null, null).summary()).isEqualTo("X, large");
        Here bounded = new Here("X", 1, T, T.plusDays(1));
        assertThat(bounded.heldAt(T.minusNanos(1))).isFalse();
        assertThat(bounded.heldAt(T)).isTrue();
        assertThat(bounded.heldAt(T.plusDays(1))).isFalse();
        assertThat(bounded.heldDuring(T.minusDays(1), T)).isFalse();
        assertThat(bounded.heldDuring(T.minusDays(1), T.plusNanos(1))).isTrue();
    }

    @Test
    void theRegistryKnowsEachTypeByItsKind() {
        EventTypes types = EventTypes.standard().with(Here.class, "pack here").with(Registration.class, "pack here");

        assertThat(types.platformType("Here")).isEqualTo(Here.class);
        assertThat(types.factType("Registration")).isEqualTo(Registration.class);
        assertThat(types.type("Here")).as("not an event").isNull();
        assertThat(types.asMap()).containsOnlyKeys("CustomEvent");
        assertThat(types.names()).containsExactly("CustomEvent", "Here", "Registration");
        assertThat(types.nameOf(Registration.class)).isEqualTo("Registration");
        assertThatThrownBy(() -> types.with(Both.class, "pack both"))
                .hasMessageContaining("implements " + Platform.class.getName() + " and " + StandingFact.class.getName());
        assertThatThrownBy(() -> types.with("Here", There.class, "pack there"))
                .hasMessageContaining("'Here' is given to");
    }

    @Test
    void evidenceKeepsEveryTypesHistoryAndItsStandingFacts() {
        Registration registration = new Registration("r1", T);
        Evidence evidence = new Evidence(List.of(new There("X", true, null, null), new Here("X", 1, null, null)),
                List.of(registration), List.of(), null);

        assertThat(evidence.profiles()).extracting(p -> p.getClass().getSimpleName()).containsExactly("Here", "There");
        assertThat(evidence.facts()).containsExactly(registration);
        assertThat(registration.changesAt()).containsExactly(T);
        assertThatThrownBy(() -> new Evidence(new Here("X", 1, null, null), java.util.Arrays.asList(registration, null),
                List.of())).isInstanceOf(IllegalArgumentException.class).hasMessage("Evidence.facts[1] must not be null");
    }
}
