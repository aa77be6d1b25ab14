package org.example.appeals;

import java.time.OffsetDateTime;
import java.util.List;
import org.niyam.compliance.model.StandingFact;

/** A pack's own standing fact: a panel that hears appeals from an instant on. */
public record AppealsPanel(String id, String chair, OffsetDateTime from) implements StandingFact {

    @Override
    public List<OffsetDateTime> changesAt() {
        return List.of(from);
    }
}
