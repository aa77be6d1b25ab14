package org.niyam.compliance.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.niyam.compliance.engine.CaseLogAudit;
import org.niyam.compliance.engine.ComplianceEngine;
import org.niyam.compliance.io.CaseLogReader;
import org.niyam.compliance.model.Evidence;
import org.niyam.compliance.model.Finding;
import org.niyam.compliance.model.InputException;
import org.niyam.compliance.model.Obligation;
import org.niyam.compliance.model.Report;
import org.niyam.compliance.pack.EvaluationListener;
import org.niyam.compliance.pack.RulePack;

/**
 * A law applies only to cases in its scope: the India pack (IN) and the NetzDG example (DE) over one log of Indian
 * and German complaints judge each its own cases, in an evaluation and in an audit; and docs/writing-rules.md's
 * section on jurisdictions is the code of {@link TwoCountries} and prints what it shows.
 */
class JurisdictionsTest {

    private static final String INDIA = "org/niyam/compliance/rules/india";
    private static final String NETZDG = "org/niyam/compliance/examples/netzdg";
    private static final String INDIA_INSTRUMENT = "Information Technology (Intermediary Guidelines";
    private static final String NETZDG_INSTRUMENT = "Netzwerkdurchsetzungsgesetz";
    private static final ComplianceEngine BOTH = ComplianceEngine.builder().rulePack(RulePack.classpath(INDIA))
            .rulePack(RulePack.classpath(NETZDG)).build();
    /** Reads both laws' events: those the engine's packs bring. */
    private static final CaseLogReader STRICT = CaseLogReader.strict().withEventTypes(BOTH.eventTypes());

    /**
     * One log: an Indian complaint, a German one (the jurisdiction on the complaint only, each law's events its own
     * pack's), and a case that says nothing, with a complaint under each law.
     */
    private static final String LOG = """
            {"type":"PlatformProfile","name":"Example","registeredUsersInIndia":80000000,"messagingService":false}
            {"type":"ComplaintReceived","id":"c-in","caseId":"post-in","at":"2026-03-02T10:00:00+05:30","category":"INTIMATE_IMAGERY","jurisdiction":"IN"}
            {"type":"ContentRemoved","id":"r-in","caseId":"post-in","at":"2026-03-02T11:00:00+05:30","basis":"COMPLAINT"}
            {"type":"NetzDgComplaintReceived","id":"c-de","caseId":"post-de","at":"2026-03-02T06:00:00+01:00","jurisdiction":"DE"}
            {"type":"NetzDgAssessment","id":"a-de","caseId":"post-de","at":"2026-03-02T08:00:00+01:00","verdict":"MANIFESTLY_UNLAWFUL"}
            {"type":"NetzDgContentRemoved","id":"r-de","caseId":"post-de","at":"2026-03-02T09:00:00+01:00","blocked":false}
            {"type":"ComplaintReceived","id":"c-any","caseId":"post-any","at":"2026-03-02T10:00:00+05:30","category":"GENERAL"}
            {"type":"NetzDgComplaintReceived","id":"n-any","caseId":"post-any","at":"2026-03-02T10:00:00+05:30"}
            """;
    private static final OffsetDateTime AS_OF = OffsetDateTime.parse("2026-03-05T00:00:00+05:30");

    @TempDir
    Path dir;

    @Test
    void each_law_judges_only_the_cases_that_arose_where_it_applies() {
        Report report = BOTH.evaluate(STRICT.read("log", new StringReader(LOG)).evidence(), AS_OF);

        assertOnlyItsOwnLaw(report.obligations(), report.findings());
    }

    @Test
    void an_audit_of_the_log_judges_as_the_evaluation_does() throws IOException {
        Path file = dir.resolve("two-countries.jsonl");
        Files.writeString(file, LOG, StandardCharsets.UTF_8);
        List<Obligation> obligations = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        CaseLogAudit.builder(BOTH).asOf(AS_OF).eventsPerBucket(1).workDirectory(dir).build()
                .run(List.of(file), new CaseLogAudit.Sink() {
                    @Override
                    public void obligation(Obligation obligation) {
                        obligations.add(obligation);
                    }

                    @Override
                    public void finding(Finding finding) {
                        findings.add(finding);
                    }
                });

        assertOnlyItsOwnLaw(obligations, findings);
        Report evaluated = BOTH.evaluate(STRICT.read(file).evidence(), AS_OF);
        assertThat(obligations).containsExactlyInAnyOrderElementsOf(evaluated.obligations());
        assertThat(findings).containsExactlyInAnyOrderElementsOf(evaluated.findings());
    }

    private static void assertOnlyItsOwnLaw(List<Obligation> obligations, List<Finding> findings) {
        assertThat(instruments(obligations, findings, "post-in")).as("the Indian case")
                .isNotEmpty().allMatch(i -> i.startsWith(INDIA_INSTRUMENT));
        assertThat(obligations).as("the Indian case's 3(2)(b) and 3(1)(g) duties")
                .extracting(Obligation::id).contains("complaint.intimate-imagery@c-in", "3(1)(g).preserve@r-in");
        assertThat(instruments(obligations, findings, "post-de")).as("the German case")
                .isNotEmpty().allMatch(i -> i.startsWith(NETZDG_INSTRUMENT));
        assertThat(obligations).as("the German case's removal, judged under the NetzDG only")
                .extracting(Obligation::id).contains("netzdg.remove-manifestly-unlawful@c-de")
                .doesNotContain("complaint.intimate-imagery@c-de", "3(1)(g).preserve@r-de");
        assertThat(instruments(obligations, findings, "post-any")).as("a case that states none: every law")
                .anyMatch(i -> i.startsWith(INDIA_INSTRUMENT)).anyMatch(i -> i.startsWith(NETZDG_INSTRUMENT));
    }

    private static List<String> instruments(List<Obligation> obligations, List<Finding> findings, String caseId) {
        List<String> instruments = new ArrayList<>();
        obligations.stream().filter(o -> caseId.equals(o.caseId())).forEach(o -> instruments.add(o.citation().instrument()));
        findings.stream().filter(f -> caseId.equals(f.caseId())).forEach(f -> instruments.add(f.citation().instrument()));
        return instruments;
    }

    @Test
    void a_case_whose_event_the_platforms_rules_read_states_nothing_is_judged_as_in_one_session() {
        // The notice is read by the platform's rules (their session holds it, not the complaint that says DE).
        String log = LOG + """
                {"type":"UsersInformed","id":"notice-de","caseId":"post-de","at":"2026-03-02T07:00:00+01:00"}
                """;
        Evidence evidence = STRICT.read("log", new StringReader(log)).evidence();
        List<String> reasons = new ArrayList<>();
        Report byCase = BOTH.evaluate(evidence, AS_OF, new EvaluationListener() {
            @Override
            public void oneSession(String reason) {
                reasons.add(reason);
            }
        });
        Report oneSession = ComplianceEngine.builder().rulePack(RulePack.classpath(INDIA))
                .rulePack(RulePack.classpath(NETZDG)).oneSession().build().evaluate(evidence, AS_OF);

        assertThat(reasons).singleElement().asString().contains("case 'post-de' arose in DE");
        assertThat(byCase).isEqualTo(oneSession);
        assertOnlyItsOwnLaw(byCase.obligations(), byCase.findings());
    }

    @Test
    void a_default_jurisdiction_places_the_cases_that_state_none() {
        ComplianceEngine indianByDefault = ComplianceEngine.builder().rulePack(RulePack.classpath(INDIA))
                .rulePack(RulePack.classpath(NETZDG)).defaultJurisdiction("IN").build();
        Report report = indianByDefault.evaluate(STRICT.read("log", new StringReader(LOG)).evidence(),
                AS_OF);

        assertThat(instruments(report.obligations(), report.findings(), "post-any")).isNotEmpty()
                .allMatch(i -> i.startsWith(INDIA_INSTRUMENT));
        assertThat(instruments(report.obligations(), report.findings(), "post-de")).isNotEmpty()
                .allMatch(i -> i.startsWith(NETZDG_INSTRUMENT));
    }

    @Test
    void a_pack_without_jurisdictions_applies_everywhere_and_one_can_be_given_them() {
        assertThat(RulePack.classpath(INDIA).jurisdictions()).containsExactly("IN");
        assertThat(RulePack.classpath(NETZDG).jurisdictions()).containsExactly("DE");
        RulePack everywhere = RulePack.classpath(NETZDG).applyingIn();
        assertThat(everywhere.jurisdictions()).isEmpty();
        assertThat(everywhere.appliesTo("IN")).isTrue();
        assertThat(RulePack.drl("p", "package p;").appliesTo("DE")).as("a pack without jurisdictions").isTrue();
        assertThat(everywhere.applyingIn("US").appliesTo("US-CA")).isTrue();
        assertThat(everywhere.applyingIn("US").appliesTo("USA")).isFalse();
        assertThatThrownBy(() -> everywhere.applyingIn("Germany")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ISO 3166", "Germany");
    }

    @Test
    void two_events_of_one_case_that_disagree_are_refused_naming_both() {
        String clash = LOG.replace("\"blocked\":false}", "\"blocked\":false,\"jurisdiction\":\"IN\"}");
        assertThat(clash).isNotEqualTo(LOG);

        assertThatThrownBy(() -> BOTH.evaluate(STRICT.read("log", new StringReader(clash)).evidence(),
                AS_OF)).isInstanceOf(InputException.class)
                .hasMessageContaining("case 'post-de'", "'r-de'", "'c-de'", "one jurisdiction");
    }

    @Test
    void a_bad_code_is_refused_where_it_is_read() {
        CaseLogReader.CaseLog log = CaseLogReader.lenient().withEventTypes(BOTH.eventTypes())
                .read("log", new StringReader(
                LOG.replace("\"jurisdiction\":\"DE\"", "\"jurisdiction\":\"Germany\"")));

        assertThat(log.rejected()).singleElement().satisfies(e -> {
            assertThat(e.line()).isEqualTo(4);
            assertThat(e.getMessage()).contains("jurisdiction", "ISO 3166", "Germany");
        });
    }

    /** EU has the shape of a code but is no country: a pack declaring it would judge no case, silently. */
    @Test
    void a_code_of_no_country_is_refused_in_a_pack_an_event_and_the_engine() throws IOException {
        Path pack = Files.createDirectories(dir.resolve("eu-pack"));
        Files.writeString(pack.resolve("pack.yaml"), "id: eu-pack\ninstrument: Test Act\njurisdictions: [DE, EU]\n"
                + "rules: [rules.drl]\n");
        Files.writeString(pack.resolve("rules.drl"), "package org.niyam.test.eu;\n");
        assertThatThrownBy(() -> RulePack.directory(pack))
                .isInstanceOf(org.niyam.compliance.pack.RulePackException.class)
                .hasMessageContaining("pack.yaml:3: 'jurisdictions' has 'EU': give ISO 3166 codes such as IN, DE or "
                        + "US-CA (EU is no ISO 3166-1 country; a law of several countries lists each one's code)");
        assertThatThrownBy(() -> RulePack.classpath(NETZDG).applyingIn("XX-1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'XX-1' (XX is no ISO 3166-1 country");
        assertThatThrownBy(() -> ComplianceEngine.builder().defaultJurisdiction("EU"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("EU is no ISO 3166-1 country");

        CaseLogReader.CaseLog log = CaseLogReader.lenient().withEventTypes(BOTH.eventTypes())
                .read("log", new StringReader(LOG.replace("\"jurisdiction\":\"DE\"", "\"jurisdiction\":\"EU\"")));
        assertThat(log.rejected()).singleElement().satisfies(e -> {
            assertThat(e.line()).isEqualTo(4);
            assertThat(e.getMessage()).contains("jurisdiction", "'EU' (EU is no ISO 3166-1 country");
        });
        assertThat(RulePack.classpath(NETZDG).applyingIn("GB", "US-CA").jurisdictions()).containsExactly("GB", "US-CA");
    }

    // ---- docs/writing-rules.md ----

    private static final Path DOC = Path.of("..", "docs", "writing-rules.md");
    private static final Path CODE =
            Path.of("src", "main", "java", "org", "niyam", "compliance", "examples", "TwoCountries.java");

    @Test
    void the_pages_example_is_the_code_of_TwoCountries_and_prints_what_it_shows() throws IOException {
        String section = section();
        Matcher code = Pattern.compile("// DOC:start\\n(.*?)\\n\\s*// DOC:end", Pattern.DOTALL)
                .matcher(Files.readString(CODE));
        assertThat(code.find()).isTrue();
        assertThat(fence(section, "java")).isEqualTo(code.group(1).stripIndent().strip());

        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            TwoCountries.main(new String[0]);
        } finally {
            System.setOut(original);
        }
        assertThat(captured.toString(StandardCharsets.UTF_8).strip()).isEqualTo(fence(section, "text"));
    }

    private static String section() throws IOException {
        String doc = Files.readString(DOC);
        int start = doc.indexOf("## Where a pack applies: jurisdictions");
        assertThat(start).as("the section in writing-rules.md").isNotNegative();
        int end = doc.indexOf("\n## ", start + 3);
        return doc.substring(start, end < 0 ? doc.length() : end);
    }

    private static String fence(String markdown, String language) {
        Matcher m = Pattern.compile("```" + language + "\\n(.*?)\\n```", Pattern.DOTALL).matcher(markdown);
        assertThat(m.find()).as("a ```%s block", language).isTrue();
        return m.group(1).strip();
    }
}
