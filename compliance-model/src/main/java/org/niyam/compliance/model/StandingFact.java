package org.niyam.compliance.model;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * A fact about the platform that belongs to no case: an officer's appointment, a registration, a policy. The model
 * names no law's facts: a pack brings its own as records implementing this interface and registers them as it
 * registers its events (its {@code pack.yaml} lists them under {@code events}; see {@link EventTypes}).
 *
 * <p>A fact has an id unique within its type. The engine keeps standing facts by type and id: the same fact given
 * twice counts once, and two different facts of one type with one id are bad input. Every evaluation holds every
 * standing fact. In JSON a fact is named by its {@code type} field; in an {@code Evidence} document, or a monitor's
 * snapshot, the field may be left out when the registry knows one standing-fact type only.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
public interface StandingFact {

    /** {@return the id of this fact, unique among the facts of its type} */
    String id();

    /**
     * {@return the instants at which this fact begins or ends to hold} A standing duty that reads the fact may change
     * then, without an event: a monitor assesses its standing duties again at each. Empty by default: a fact that
     * holds for ever.
     */
    default List<OffsetDateTime> changesAt() {
        return List.of();
    }
}
