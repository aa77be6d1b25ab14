package org.niyam.compliance.engine;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.niyam.compliance.model.Finding;
import org.niyam.compliance.model.InputException;
import org.niyam.compliance.model.Obligation;
import org.niyam.compliance.model.Report;

/** Keeps what an audit delivers, in the order delivered; a rejected line fails the test (the logs are generated). */
class CollectingSink implements CaseLogAudit.Sink {

    final List<Obligation> obligations = new ArrayList<>();
    final List<Finding> findings = new ArrayList<>();

    @Override
    public void obligation(Obligation obligation) {
        obligations.add(obligation);
    }

    @Override
    public void finding(Finding finding) {
        findings.add(finding);
    }

    @Override
    public void rejected(InputException error) {
        throw new AssertionError("the log has a bad line: " + error.getMessage(), error);
    }

    /** What was delivered, as a report of {@code asOf}. */
    Report report(OffsetDateTime asOf) {
        return new Report(asOf, obligations, findings);
    }
}
