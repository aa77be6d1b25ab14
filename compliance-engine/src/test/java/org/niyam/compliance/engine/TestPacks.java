package org.niyam.compliance.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.function.Supplier;
import org.niyam.compliance.india.ComplaintAcknowledged;
import org.niyam.compliance.india.ComplaintCategory;
import org.niyam.compliance.india.ComplaintReceived;
import org.niyam.compliance.india.ComplaintResolved;
import org.niyam.compliance.india.ContentRemoved;
import org.niyam.compliance.india.InformationProvided;
import org.niyam.compliance.india.InformationRequestReceived;
import org.niyam.compliance.india.Issuer;
import org.niyam.compliance.india.IssuerKind;
import org.niyam.compliance.india.RemovalOrderReceived;
import org.niyam.compliance.india.TakedownAction;
import org.niyam.compliance.model.CaseEvent;
import org.niyam.compliance.model.Evidence;
import org.niyam.compliance.model.Report;
import org.niyam.compliance.india.OfficerAppointment;
import org.niyam.compliance.india.OfficerRole;
import org.niyam.compliance.india.PlatformProfile;
import org.niyam.compliance.pack.RulePack;

/**
 * The test pack {@code packs/clock} and small factories for evidence. The pack's clock {@code test.clock} is 10 h
 * for clocks started before {@link #AMENDMENT} and 2 h from then on; {@code test.inform} is 72 h throughout.
 */
final class TestPacks {

    static final String CLOCK_PACK = "packs/clock";

    /**
     * The one-session report of the engine, after checking that each configuration ({threads, events per session})
     * gives it too.
     */
    static Report assertSameAsOneSession(Supplier<ComplianceEngine.Builder> engine, int[][] configurations,
                                         Evidence evidence, OffsetDateTime asOf) {
        Report expected = engine.get().oneSession().build().evaluate(evidence, asOf);
        for (int[] configuration : configurations) {
            assertThat(engine.get().threads(configuration[0]).eventsPerSession(configuration[1]).build()
                    .evaluate(evidence, asOf))
                    .as("%d threads, %d events per session", configuration[0], configuration[1])
                    .isEqualTo(expected);
        }
        return expected;
    }
    static final String INSTRUMENT = "Test Act, 2020";
    static final String AS_MADE = "Test Act as made";
    static final String AMENDED = "as amended in 2026";

    /** When the 2026 amendment takes effect, shortening {@code test.clock} from 10 h to 2 h. */
    static final OffsetDateTime AMENDMENT = OffsetDateTime.parse("2026-02-20T00:00:00+05:30");
    /** When the pack's instrument, and its clocks, first take effect. */
    static final OffsetDateTime IN_FORCE = OffsetDateTime.parse("2020-01-01T00:00:00+05:30");

    static final PlatformProfile PLATFORM = new PlatformProfile("Example", 1_000, false);

    private static ComplianceEngine clockEngine;

    private TestPacks() {
    }

    /** The engine of the clock pack with default settings, built once for all test classes of this JVM. */
    static synchronized ComplianceEngine clockEngine() {
        if (clockEngine == null) {
            clockEngine = ComplianceEngine.builder().rulePack(RulePack.classpath(CLOCK_PACK)).build();
        }
        return clockEngine;
    }

    static OffsetDateTime at(String instant) {
        return OffsetDateTime.parse(instant);
    }

    static Evidence evidence(CaseEvent... events) {
        return new Evidence(PLATFORM, List.of(grievanceOfficer()), List.of(events));
    }

    static OfficerAppointment grievanceOfficer() {
        return new OfficerAppointment("a1", OfficerRole.GRIEVANCE_OFFICER, "A. Officer", true, true, true,
                IN_FORCE, null);
    }

    static ComplaintReceived complaint(String id, String caseId, OffsetDateTime at) {
        return new ComplaintReceived(id, caseId, at, ComplaintCategory.GENERAL);
    }

    static ComplaintReceived complaint(String id, String caseId, OffsetDateTime at, ComplaintCategory category) {
        return new ComplaintReceived(id, caseId, at, category);
    }

    static ComplaintResolved resolved(String id, String caseId, OffsetDateTime at) {
        return new ComplaintResolved(id, caseId, at);
    }

    static ComplaintAcknowledged acknowledged(String id, String caseId, OffsetDateTime at) {
        return new ComplaintAcknowledged(id, caseId, at);
    }

    static RemovalOrderReceived order(String id, String caseId, OffsetDateTime at) {
        return new RemovalOrderReceived(id, caseId, at, new Issuer(IssuerKind.COURT, "High Court", null), "WP 1/2026");
    }

    static ContentRemoved removed(String id, String caseId, OffsetDateTime at) {
        return new ContentRemoved(id, caseId, at, TakedownAction.REMOVED);
    }

    static InformationRequestReceived request(String id, String caseId, OffsetDateTime at) {
        return new InformationRequestReceived(id, caseId, at, "CERT-In");
    }

    static InformationProvided provided(String id, String caseId, OffsetDateTime at) {
        return new InformationProvided(id, caseId, at);
    }
}
