package com.example.moderation;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.niyam.compliance.engine.ComplianceEngine;
import org.niyam.compliance.io.CaseLogReader.CaseLog;
import org.niyam.compliance.io.CaseLogReader;
import org.niyam.compliance.report.HtmlReport;
import org.niyam.compliance.model.CaseEvent;
import org.niyam.compliance.model.Obligation;
import org.niyam.compliance.model.Report;
import org.niyam.compliance.model.Status;
import org.niyam.compliance.pack.RulePack;

/**
 * A moderation service's daily compliance check: read the export of the case log, evaluate it against the India IT
 * Rules and the service's own stricter policy, print what someone must act on today, most urgent first, and write the
 * HTML report for the auditors.
 *
 * <pre>
 * java com.example.moderation.Main CASE-LOG.jsonl [REPORT.html]
 * </pre>
 */
public final class Main {

    /** What someone must act on, most urgent first. Open obligations are not yet due and are left to the queue. */
    static final List<Status> ACT_ON = List.of(Status.BREACHED, Status.AT_RISK, Status.INDETERMINATE, Status.MET_LATE);

    private final ComplianceEngine engine;

    /** Build one engine at start-up and share it: building loads the rules; evaluating is thread-safe. */
    public Main() {
        this.engine = rules().build();
    }

    /**
     * The law's pack and our own policy pack, with our settings. Our pack's compiled model is made when the
     * application is built ({@link ShipCompiledModel}) and found on the class path, so that even the first start of
     * a fresh container loads it instead of compiling its DRL.
     */
    static ComplianceEngine.Builder rules() {
        return ComplianceEngine.builder()
                .rulePack(RulePack.classpath("org/niyam/compliance/rules/india"))
                .rulePack(RulePack.classpath("com/example/moderation/policy"))
                // The Rules fix no time for complying with a Grievance Appellate Committee order: we set our own.
                .setting("gac.compliance", "P3D");
    }

    public static void main(String[] args) throws IOException {
        System.exit(run(args, System.out, System.err));
    }

    /** The check, printing on {@code out} and {@code err}; returns the exit code: 1 when something needs action. */
    static int run(String[] args, PrintStream out, PrintStream err) throws IOException {
        if (args.length == 0) {
            err.println("usage: Main CASE-LOG.jsonl [REPORT.html]");
            return 2;
        }
        Main check = new Main();
        CaseLog log = CaseLogReader.lenient().read(Path.of(args[0]));
        log.rejected().forEach(e -> err.println("rejected: " + e.getMessage()));

        Report report = check.evaluate(log);
        List<Obligation> toActOn = actOn(report);
        out.println(toActOn.size() + " of " + report.obligations().size() + " obligations need action as of "
                + report.asOf() + "; " + report.findings().size() + " findings.");
        for (Obligation o : toActOn) {
            out.println(o.status() + "  " + o.id() + (o.caseId() == null ? "" : " (case " + o.caseId() + ")"));
            out.println("    " + o.explanation());
            out.println("    " + o.citation());
        }
        report.findings().forEach(f -> out.println("FINDING  " + f.code() + " (case " + f.caseId() + "): "
                + f.message()));

        if (args.length > 1) {
            Files.writeString(Path.of(args[1]), HtmlReport.builder().title("Daily compliance check").report(report)
                    .detail("Case log", args[0]).rejected(log.rejected()).render());
            out.println("Wrote " + args[1]);
        }
        return log.rejected().isEmpty() && toActOn.isEmpty() && report.findings().isEmpty() ? 0 : 1;
    }

    /** Evaluates the log as of its latest event, so that the same export always gives the same answer. */
    Report evaluate(CaseLog log) {
        OffsetDateTime asOf = log.evidence().events().stream().map(CaseEvent::at)
                .max(Comparator.comparing(OffsetDateTime::toInstant))
                .orElseThrow(() -> new IllegalArgumentException("the case log holds no event"));
        return engine.evaluate(log.evidence(), asOf);
    }

    /** The obligations someone must act on, most urgent first, in report order within a status. */
    static List<Obligation> actOn(Report report) {
        Set<Status> wanted = Set.copyOf(ACT_ON);
        return report.obligations().stream().filter(o -> wanted.contains(o.status()))
                .sorted(Comparator.comparing(o -> ACT_ON.indexOf(o.status()))).toList();
    }
}
