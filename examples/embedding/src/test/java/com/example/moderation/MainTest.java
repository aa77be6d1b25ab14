package com.example.moderation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.niyam.compliance.io.CaseLogReader.CaseLog;
import org.niyam.compliance.io.CaseLogReader;
import org.niyam.compliance.model.Obligation;
import org.niyam.compliance.model.Report;
import org.niyam.compliance.model.Status;

class MainTest {

    @Test
    void theRequestAboutToRunOutComesBeforeTheOneAnsweredLate() {
        CaseLog log = CaseLogReader.strict().read(Path.of("src/test/resources/cases.jsonl"));

        Report report = new Main().evaluate(log);

        assertThat(report.asOf()).hasToString("2026-04-09T10:00+05:30");
        assertThat(Main.actOn(report)).extracting(Obligation::id, Obligation::status).containsExactly(
                tuple("information.request@lea-08-in", Status.AT_RISK),
                tuple("information.request@lea-07-in", Status.MET_LATE));
        // Our own three-day service level for Grievance Appellate Committee orders gives the order a due instant.
        assertThat(report.forCase("GAC-2026-3")).singleElement().satisfies(o -> {
            assertThat(o.status()).isEqualTo(Status.OPEN);
            assertThat(o.dueAt()).hasToString("2026-04-11T12:00+05:30");
        });
    }
}
