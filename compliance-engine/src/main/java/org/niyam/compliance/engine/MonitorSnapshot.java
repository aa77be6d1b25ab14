package org.niyam.compliance.engine;

import com.fasterxml.jackson.annotation.JsonAlias;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.niyam.compliance.model.CaseEvent;
import org.niyam.compliance.model.Finding;
import org.niyam.compliance.model.Platform;
import org.niyam.compliance.model.StandingFact;

/**
 * A live monitor's state, as written by its snapshot (JSON): the events of every case it holds, what it last reported
 * of each obligation and finding, and the platform's facts. Conclusions of the rules are not kept: they are
 * concluded again from the events. The standing facts were written as {@code appointments} before, which is read too;
 * a platform record or a fact without {@code type} (as snapshots wrote them before) is read as the engine's only type
 * of its kind. {@code contextChanged}: the platform's rules are due again at the next evaluation (false when absent,
 * as snapshots wrote it before). {@code left}: what is kept of each case that left and when it left, by the hash of its
 * id; snapshots
 * wrote only the hashes before, as {@code retired}, which is still read (such a case is known to have left, nothing
 * more). A case's {@code earlier}: what it no longer holds, when anything (the instant it left, its obligations'
 * verdicts and the events that came back since are absent from snapshots written before they were kept: the instant
 * is then the {@code Left} record's; for a case that had come back when such a snapshot was taken, held with its
 * {@code earlier} but no {@code Left} record, it is not known, and a further event of it is not said until the case
 * leaves again: see docs/monitoring.md, Limits). {@code rules}: the fingerprint of the packs of the engine it was
 * taken with; a monitor of other packs refuses it (absent from snapshots written before, which any engine reads).
 */
record MonitorSnapshot(int format, OffsetDateTime now, OffsetDateTime latestSeen, OffsetDateTime earliest,
                              List<Platform> profiles, @JsonAlias("appointments") List<StandingFact> facts, List<CaseEvent> pending,
                              List<CaseEvent> shared, Case platformState, List<Case> cases,
                              List<CaseTracker.Leftover> retiredLeftovers, Set<Long> retired,
                              Map<Long, Left> left, OffsetDateTime lastGlobalCheck,
                              String oneSession, Boolean contextChanged, String rules) {

    /** The version of this layout; a snapshot of another is refused. */
    static final int FORMAT = 2;

    public MonitorSnapshot {
        profiles = profiles == null ? List.of() : profiles;
        facts = facts == null ? List.of() : facts;
        pending = pending == null ? List.of() : pending;
        shared = shared == null ? List.of() : shared;
        cases = cases == null ? List.of() : cases;
        retiredLeftovers = retiredLeftovers == null ? List.of() : retiredLeftovers;
        retired = retired == null ? Set.of() : retired;
        left = left == null ? Map.of() : left;
        contextChanged = Boolean.TRUE.equals(contextChanged);
    }

    /** One case (or the platform): its events, and what was last reported. */
    public record Case(String caseId, List<CaseEvent> events, List<CaseTracker.Held> obligations, List<Finding> findings,
                       List<CaseTracker.Leftover> leftovers, OffsetDateTime retireAt, CaseTracker.Earlier earlier) {
        public Case {
            events = events == null ? List.of() : events;
            obligations = obligations == null ? List.of() : obligations;
            findings = findings == null ? List.of() : findings;
            leftovers = leftovers == null ? List.of() : leftovers;
        }
    }

    /** A case that left: when, and what is kept of it. */
    public record Left(OffsetDateTime at, CaseTracker.Earlier earlier) {
    }
}
