package org.niyam.compliance.examples;

import java.time.OffsetDateTime;
import java.util.List;
import org.niyam.compliance.engine.ComplianceEngine;
import org.niyam.compliance.examples.netzdg.NetzDgAssessment;
import org.niyam.compliance.examples.netzdg.NetzDgComplaintReceived;
import org.niyam.compliance.examples.netzdg.NetzDgPlatform;
import org.niyam.compliance.examples.netzdg.NetzDgVerdict;
import org.niyam.compliance.india.ComplaintCategory;
import org.niyam.compliance.india.ComplaintReceived;
import org.niyam.compliance.model.Evidence;
import org.niyam.compliance.model.Finding;
import org.niyam.compliance.model.Obligation;
import org.niyam.compliance.india.PlatformProfile;
import org.niyam.compliance.model.Report;
import org.niyam.compliance.pack.RulePack;

/** The example of docs/writing-rules.md, "Where a pack applies", kept compiling and true by {@code JurisdictionsTest}. */
public final class TwoCountries {

    private TwoCountries() {
    }

    public static void main(String[] args) {
        // DOC:start
        ComplianceEngine engine = ComplianceEngine.builder()
                .rulePack(RulePack.classpath("org/niyam/compliance/rules/india"))       // jurisdictions: [IN]
                .rulePack(RulePack.classpath("org/niyam/compliance/examples/netzdg"))   // jurisdictions: [DE]
                .build();

        OffsetDateTime received = OffsetDateTime.parse("2026-03-02T10:00+05:30");
        // Each pack describes the platform in its own record: registered users in India, and in Germany.
        Evidence evidence = new Evidence(List.of(new PlatformProfile("Example", 80_000_000, false),
                new NetzDgPlatform("Example", 3_000_000)), List.of(), List.of(
                new ComplaintReceived("complaint-1", "post-in", received, ComplaintCategory.GENERAL, "IN"),
                // The NetzDG pack's own events (its pack.yaml lists them).
                new NetzDgComplaintReceived("complaint-2", "post-de", received, "DE"),
                // No jurisdiction of its own: the event is of case post-de, which arose in Germany.
                new NetzDgAssessment("assessment-2", "post-de", received.plusHours(1),
                        NetzDgVerdict.MANIFESTLY_UNLAWFUL)), null);

        Report report = engine.evaluate(evidence, received.plusDays(2));
        for (String post : List.of("post-in", "post-de")) {
            for (Obligation o : report.forCase(post)) {
                System.out.println(post + " " + o.status() + " " + o.id() + " [" + o.citation().clause() + "]");
            }
            for (Finding f : report.findings()) {
                if (post.equals(f.caseId())) {
                    System.out.println(post + " finding " + f.code() + " [" + f.citation().clause() + "]");
                }
            }
        }
        // DOC:end
    }
}
