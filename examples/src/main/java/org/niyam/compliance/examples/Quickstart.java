package org.niyam.compliance.examples;

import java.time.OffsetDateTime;
import java.util.List;
import org.niyam.compliance.engine.ComplianceEngine;
import org.niyam.compliance.india.ContentRemoved;
import org.niyam.compliance.india.Issuer;
import org.niyam.compliance.india.IssuerKind;
import org.niyam.compliance.india.RemovalBasis;
import org.niyam.compliance.india.RemovalOrderReceived;
import org.niyam.compliance.india.TakedownAction;
import org.niyam.compliance.model.Evidence;
import org.niyam.compliance.model.Obligation;
import org.niyam.compliance.india.PlatformProfile;
import org.niyam.compliance.model.Report;
import org.niyam.compliance.pack.RulePack;

/** The README's quickstart, kept compiling and kept true by {@code ReadmeTest}. */
public final class Quickstart {

    private Quickstart() {
    }

    public static void main(String[] args) {
        // README:start
        ComplianceEngine engine = ComplianceEngine.builder()
                .rulePack(RulePack.classpath("org/niyam/compliance/rules/india"))
                .build();

        OffsetDateTime received = OffsetDateTime.parse("2026-03-02T10:00+05:30");
        Evidence evidence = new Evidence(new PlatformProfile("Example", 80_000_000, false), List.of(), List.of(
                new RemovalOrderReceived("order-1", "case-1", received, new Issuer(IssuerKind.COURT, "High Court", null), null),
                new ContentRemoved("removal-1", "case-1", received.plusHours(4), TakedownAction.REMOVED,
                        RemovalBasis.ORDER)));

        Report report = engine.evaluate(evidence, received.plusDays(1));
        for (Obligation o : report.forCase("case-1")) {
            System.out.println(o.status() + " " + o.id() + (o.dueAt() == null ? "" : ", due " + o.dueAt()) + ": "
                    + o.explanation());
            System.out.println("  " + o.citation());
        }
        // README:end
    }
}
