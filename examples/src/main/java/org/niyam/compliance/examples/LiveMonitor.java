package org.niyam.compliance.examples;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.niyam.compliance.engine.ComplianceEngine;
import org.niyam.compliance.engine.ComplianceMonitor;
import org.niyam.compliance.engine.MonitorClock;
import org.niyam.compliance.india.ContentRemoved;
import org.niyam.compliance.india.Issuer;
import org.niyam.compliance.india.IssuerKind;
import org.niyam.compliance.india.RemovalOrderReceived;
import org.niyam.compliance.india.TakedownAction;
import org.niyam.compliance.model.Obligation;
import org.niyam.compliance.india.PlatformProfile;
import org.niyam.compliance.pack.RulePack;

/** The live monitor example of docs/monitoring.md, kept compiling and kept true by {@code MonitoringDocTest}. */
public final class LiveMonitor {

    private LiveMonitor() {
    }

    public static void main(String[] args) {
        // DOC:start
        ComplianceEngine engine = ComplianceEngine.builder()
                .rulePack(RulePack.classpath("org/niyam/compliance/rules/india"))
                .build();
        OffsetDateTime received = OffsetDateTime.parse("2026-03-02T10:00+05:30");
        MonitorClock.Manual clock = MonitorClock.manual(received); // MonitorClock.wall() in production

        try (ComplianceMonitor monitor = ComplianceMonitor.builder(engine)
                .clock(clock)
                .offset(ZoneOffset.ofHoursMinutes(5, 30))
                .platform(new PlatformProfile("Example", 1_000_000, false))
                .listener(t -> {
                    if (t.obligation() != null && "case-1".equals(t.obligation().caseId())) {
                        System.out.println(t.at() + " " + t.kind() + " " + t.id());
                    }
                })
                .build()) {
            monitor.accept(new RemovalOrderReceived("order-1", "case-1", received,
                    new Issuer(IssuerKind.COURT, "High Court", null), null));
            clock.set(received.plusHours(2));   // at risk from 12:15, the last quarter of the 3 h
            clock.set(received.plusHours(3));   // still within the 3 h allowed
            clock.set(received.plusHours(3).plusNanos(1_000_000));
            clock.set(received.plusHours(4));
            monitor.accept(new ContentRemoved("removal-1", "case-1", received.plusHours(4), TakedownAction.REMOVED));
            for (Obligation o : monitor.dueNext(5)) {
                System.out.println("due next: " + o.id() + " at " + o.dueAt() + " (" + o.citation().clause() + ")");
            }
        }
        // DOC:end
    }
}
