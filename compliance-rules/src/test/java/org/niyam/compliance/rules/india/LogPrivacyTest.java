package org.niyam.compliance.rules.india;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.niyam.compliance.rules.india.IndiaPack.ist;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.read.ListAppender;
import java.io.StringReader;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.niyam.compliance.engine.ComplianceEngine;
import org.niyam.compliance.india.ComplaintCategory;
import org.niyam.compliance.india.ComplaintReceived;
import org.niyam.compliance.india.ContentRemoved;
import org.niyam.compliance.india.Intimation;
import org.niyam.compliance.india.Issuer;
import org.niyam.compliance.india.IssuerKind;
import org.niyam.compliance.india.IssuerRank;
import org.niyam.compliance.india.RemovalBasis;
import org.niyam.compliance.india.RemovalOrderReceived;
import org.niyam.compliance.india.TakedownAction;
import org.niyam.compliance.india.UserNotified;
import org.niyam.compliance.io.CaseLogReader;
import org.niyam.compliance.model.CustomEvent;
import org.niyam.compliance.model.Evidence;
import org.niyam.compliance.india.OfficerAppointment;
import org.niyam.compliance.india.OfficerRole;
import org.niyam.compliance.india.PlatformProfile;
import org.niyam.compliance.model.Report;
import org.niyam.compliance.pack.RuleExecutionException;
import org.niyam.compliance.pack.RulePack;
import org.slf4j.LoggerFactory;

/**
 * Personal data (officers' names, case ids, what users and authorities wrote) goes through an evaluation, a failing
 * rule and the case-log reader with every logger listening, and never appears in a log event above DEBUG.
 */
class LogPrivacyTest {

    private static final String OFFICER = "Meera Krishnan";
    private static final String OTHER_OFFICER = "Arjun Menon";
    private static final String CASE = "case-ravi-9876543210";
    private static final String COMPLAINT_TEXT = "my neighbour Ramesh posted my photo";
    private static final String UNLAWFUL_ACT = "defamation of Priya Nair";
    private static final String GROUNDS = "posts naming Kavya Rao";
    private static final List<String> PERSONAL = List.of(OFFICER, OTHER_OFFICER, CASE, COMPLAINT_TEXT, UNLAWFUL_ACT,
            GROUNDS, "Ramesh", "Priya Nair");

    private static final OffsetDateTime T = ist("2026-03-02T10:00");

    /** A user's pack that copies complaint text into a finding, and a rule that throws with the text. */
    private static final String USER_PACK = """
            package org.example.privacy;

            import java.util.List;
            import org.niyam.compliance.model.CustomEvent;
            import org.niyam.compliance.model.Finding;

            rule "privacy.text-noted"
                @citation("Policy 1")
            when
                $e : CustomEvent(kind == "complaint.text")
            then
                insert(new Finding("complaint-text", $e.caseId(), "Complaint says: " + $e.attribute("text"),
                        List.of($e.id())));
            end

            rule "privacy.fails"
                @citation("Policy 2")
            when
                $e : CustomEvent(kind == "unreadable")
            then
                throw new IllegalStateException("cannot read " + $e.attribute("text") + " in " + $e.caseId());
            end
            """;

    private static final List<String> LOGGERS = List.of(Logger.ROOT_LOGGER_NAME, "org.niyam", "org.drools", "org.kie");

    private final Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
    private final ListAppender<ILoggingEvent> captured = new ListAppender<>();
    private final List<Appender<ILoggingEvent>> detached = new ArrayList<>();
    private final Map<String, Level> levels = new HashMap<>();

    @BeforeEach
    void listen() {
        for (String name : LOGGERS) {
            levels.put(name, ((Logger) LoggerFactory.getLogger(name)).getLevel());
        }
        // Console output is set aside so that DEBUG runs stay quiet; everything goes to the list instead.
        for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext(); ) {
            detached.add(it.next());
        }
        detached.forEach(root::detachAppender);
        captured.start();
        root.addAppender(captured);
    }

    @AfterEach
    void restore() {
        root.detachAppender(captured);
        captured.stop();
        detached.forEach(root::addAppender);
        levels.forEach((name, level) -> ((Logger) LoggerFactory.getLogger(name)).setLevel(level));
    }

    /** Every logger at {@code level}, Drools and Kie included, so that nothing above it is filtered out. */
    private static void logAt(Level level) {
        LOGGERS.forEach(name -> ((Logger) LoggerFactory.getLogger(name)).setLevel(level));
    }

    private static ComplianceEngine engine() {
        return IndiaPack.builder().rulePack(RulePack.drl("privacy.drl", USER_PACK)).build();
    }

    private static Evidence evidence() {
        return new Evidence(new PlatformProfile("ExampleNet", 80_000_000, false), List.of(
                new OfficerAppointment("appt-1", OfficerRole.GRIEVANCE_OFFICER, OFFICER, true, true, true,
                        ist("2024-01-01T00:00"), null),
                new OfficerAppointment("appt-2", OfficerRole.CHIEF_COMPLIANCE_OFFICER, OTHER_OFFICER, true, true, false,
                        ist("2024-01-01T00:00"), ist("2026-03-01T00:00"), Boolean.FALSE)), List.of(
                new ComplaintReceived("e1", CASE, T, ComplaintCategory.INTIMATE_IMAGERY),
                new CustomEvent("e2", CASE, T, "complaint.text", Map.of("text", COMPLAINT_TEXT)),
                new RemovalOrderReceived("e3", CASE, T.plusHours(1), new Issuer(IssuerKind.GOVERNMENT,
                        "Ministry of Electronics and Information Technology", IssuerRank.JOINT_SECRETARY, null, null),
                        "No. 9(14)/2026", new Intimation(true, true, "Section 79(3)(b)", UNLAWFUL_ACT,
                                List.of("https://example.net/p/1"))),
                new ContentRemoved("e4", CASE, T.plusHours(2), TakedownAction.REMOVED, RemovalBasis.OWN_INITIATIVE),
                new UserNotified("e5", CASE, T.plusHours(3), GROUNDS)));
    }

    private List<ILoggingEvent> above(Level level) {
        return captured.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(level)).toList();
    }

    /** What a log event would show: its message with arguments, and the messages of its exception chain. */
    private static String shown(ILoggingEvent event) {
        StringBuilder text = new StringBuilder(event.getLoggerName()).append(' ').append(event.getFormattedMessage());
        for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
            text.append(' ').append(t.getClassName()).append(": ").append(t.getMessage());
        }
        event.getMDCPropertyMap().forEach((k, v) -> text.append(' ').append(k).append('=').append(v));
        return text.toString();
    }

    private void assertNoPersonalDataAboveDebug(String when) {
        for (ILoggingEvent event : above(Level.INFO)) {
            String shown = shown(event);
            for (String personal : PERSONAL) {
                assertThat(shown).as("%s: %s event of %s", when, event.getLevel(), event.getLoggerName())
                        .doesNotContain(personal);
            }
        }
    }

    @Test
    void an_evaluation_at_debug_logs_personal_data_only_at_debug() {
        logAt(Level.DEBUG);
        ComplianceEngine engine = engine();
        captured.list.clear();

        Report report = engine.evaluate(evidence(), T.plusDays(1));

        assertThat(report.findings()).as("the text reached the rules")
                .anySatisfy(f -> assertThat(f.message()).contains(COMPLAINT_TEXT));
        assertThat(captured.list).as("fired rules are logged at DEBUG, with the facts they matched")
                .anySatisfy(e -> {
                    assertThat(e.getLevel()).isEqualTo(Level.DEBUG);
                    assertThat(e.getFormattedMessage()).contains(CASE);
                });
        assertNoPersonalDataAboveDebug("evaluating at DEBUG");
    }

    /**
     * At DEBUG the fired rules' facts are logged; a class a pack compiled is logged by its type only, without running
     * its toString, which is the pack's code (one that throws failed the evaluation at DEBUG and not at INFO).
     */
    @Test
    void a_packs_own_class_is_logged_at_debug_without_running_its_code() {
        logAt(Level.DEBUG);
        String drl = """
                package org.example.tostring;

                import org.niyam.compliance.model.CustomEvent;

                rule "tostring.make"
                    @citation("Policy 3")
                when
                    $e : CustomEvent(kind == "complaint.text")
                then
                    insert(new Object() {
                        public String toString() {
                            throw new IllegalStateException("toString ran");
                        }
                    });
                end

                rule "tostring.any"
                    @citation("Policy 4")
                when
                    $o : Object()
                then
                end
                """;
        ComplianceEngine engine = IndiaPack.builder().rulePack(RulePack.drl("tostring.drl", drl).unrestricted())
                .build();
        captured.list.clear();

        engine.evaluate(evidence(), T.plusDays(1));

        assertThat(captured.list).anySatisfy(e -> assertThat(e.getFormattedMessage())
                .startsWith("fired tostring.any").contains("(a class of a rule pack)"));
    }

    @Test
    void an_evaluation_at_info_logs_nothing() {
        logAt(Level.INFO);
        ComplianceEngine engine = engine();
        captured.list.clear();

        engine.evaluate(evidence(), T.plusDays(1));

        assertThat(captured.list).as("an evaluation logs nothing above DEBUG").isEmpty();
    }

    @Test
    void building_an_engine_logs_one_info_line_without_personal_data() {
        logAt(Level.DEBUG);

        engine();

        List<ILoggingEvent> niyam = above(Level.INFO).stream()
                .filter(e -> e.getLoggerName().startsWith("org.niyam")).toList();
        assertThat(niyam).singleElement().satisfies(e -> assertThat(e.getFormattedMessage())
                .contains("india-it-rules", "privacy.drl", "rules"));
        assertThat(above(Level.WARN)).as("a clean build warns about nothing").isEmpty();
        assertNoPersonalDataAboveDebug("building");
    }

    @Test
    void a_rule_that_fails_on_personal_data_is_reported_to_the_caller_not_logged() {
        logAt(Level.DEBUG);
        ComplianceEngine engine = engine();
        captured.list.clear();
        Evidence evidence = new Evidence(null, List.of(), List.of(
                new CustomEvent("e9", CASE, T, "unreadable", Map.of("text", COMPLAINT_TEXT))));

        RuleExecutionException e = catchThrowableOfType(RuleExecutionException.class,
                () -> engine.evaluate(evidence, T.plusDays(1)));

        assertThat(e).isNotNull();
        assertThat(e.ruleId()).isEqualTo("privacy.fails");
        assertThat(e.getMessage()).contains("Policy 2");
        assertThat(above(Level.WARN)).as("the failure is thrown, not logged").isEmpty();
        assertNoPersonalDataAboveDebug("a failing rule");
    }

    @Test
    void rejected_lines_of_a_case_log_are_returned_not_logged() {
        logAt(Level.DEBUG);
        String log = """
                {"type": "CustomEvent", "id": "e1", "caseId": "%s", "at": "2026-03-02T10:00:00", "kind": "complaint.text", "attributes": {"text": "%s"}}
                {"type": "OfficerAppointment", "id": "a1", "role": "GRIEVANCE_OFFICER", "person": "%s", "residentInIndia": "perhaps"}
                {"type": "ComplaintReceived", "id": "e2", "caseId": "%s", "at": "2026-03-02T10:00:00+05:30", "category": "GENERAL"}
                """.formatted(CASE, COMPLAINT_TEXT, OFFICER, CASE);

        CaseLogReader.CaseLog read = CaseLogReader.lenient().read("cases.jsonl", new StringReader(log));

        assertThat(read.rejected()).hasSize(2);
        assertThat(above(Level.INFO)).isEmpty();
    }
}
