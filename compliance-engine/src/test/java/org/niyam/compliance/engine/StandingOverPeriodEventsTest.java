package org.niyam.compliance.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.niyam.compliance.india.IndiaEvents;
import org.niyam.compliance.india.UsersInformed;
import org.niyam.compliance.model.CaseEvent;
import org.niyam.compliance.model.Evidence;
import org.niyam.compliance.model.Obligation;
import org.niyam.compliance.model.Report;
import org.niyam.compliance.model.Status;
import org.niyam.compliance.pack.RulePack;

/**
 * A standing duty a pack judges from events (docs/writing-rules.md): an audit judges it over the period at each event
 * the platform's rules read as well, up to 256 of them; past that, at the instants the facts and the law name only.
 */
class StandingOverPeriodEventsTest {

    /** A standing duty met once any notice was given: global rules, reading every notice. */
    private static final String POLICY = """
            package org.niyam.test.standing;

            import java.util.List;
            import org.niyam.compliance.india.*;
            import org.niyam.compliance.model.*;

            rule "p.policy.breached"
                @citation("s. 1")
            when
                LawInForce()
                not UsersInformed()
            then
                insert(new Assessment("p.policy", "Publish the policy", Status.BREACHED, "None published.", List.of()));
            end

            rule "p.policy.met"
                @citation("s. 1")
            when
                LawInForce()
                exists UsersInformed()
            then
                insert(new Assessment("p.policy", "Publish the policy", Status.MET, "Published.", List.of()));
            end
            """;

    private static final ComplianceEngine ENGINE = ComplianceEngine.builder().eventTypes(IndiaEvents.TYPES)
            .rulePack(RulePack.drl("policy", POLICY).unrestricted()).build();
    private static final OffsetDateTime SINCE = OffsetDateTime.parse("2026-01-01T00:00:00+05:30");
    private static final OffsetDateTime FIRST = OffsetDateTime.parse("2026-01-20T09:15:00.250+05:30");
    private static final OffsetDateTime AS_OF = OffsetDateTime.parse("2026-04-01T00:00:00+05:30");

    private static Report audit(int notices) {
        List<CaseEvent> events = new ArrayList<>();
        for (int i = 0; i < notices; i++) {
            events.add(new UsersInformed("n-" + i, "notices", FIRST.plusHours(i), null));
        }
        return ENGINE.evaluate(new Evidence(List.of(), List.of(), events, SINCE), AS_OF);
    }

    private static Obligation byId(Report report, String id) {
        List<Obligation> found = report.obligations().stream().filter(o -> o.id().equals(id)).toList();
        assertThat(found).as("%s in %s", id, report.obligations()).hasSize(1);
        return found.get(0);
    }

    @Test
    void judgedAtEachEventThePlatformsRulesReadUpTo256() {
        for (int notices : new int[] {1, 256}) {
            Report report = audit(notices);

            assertThat(byId(report, "p.policy").status()).isEqualTo(Status.MET);
            Obligation over = byId(report, "p.policy@period");
            assertThat(over.status()).isEqualTo(Status.BREACHED);
            assertThat(over.explanation()).as("%d notices", notices).contains("breached from 2026-01-01T00:00+05:30 "
                    + "to 2026-01-20T09:15:00.250+05:30 (19 days 9 h 15 min 250 ms). At 2026-04-01T00:00+05:30: met.");
        }
    }

    @Test
    void pastThatAtTheInstantsTheFactsAndTheLawNameOnly() {
        Report report = audit(257);

        // This pack names no instant: judged at the period's start and at "as of", so the stretch runs to the end.
        assertThat(byId(report, "p.policy@period").explanation()).contains("breached from 2026-01-01T00:00+05:30 to "
                + "2026-04-01T00:00+05:30 (");
    }
}
