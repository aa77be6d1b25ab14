package org.niyam.compliance.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line shows the engine's error messages as they are: what is wrong, and the name likely meant. */
class ErrorMessagesTest {

    @Test
    void aMisspeltFactFieldIsNamedWithTheFieldMeantAtItsLine() {
        Cli.Result result = Cli.run("check", Cli.RESOURCES + "rules/misspelt-field.drl");

        assertThat(result.exit()).isEqualTo(Exit.BAD_INPUT);
        assertThat(result.out()).startsWith("PROBLEM  " + Cli.RESOURCES + "rules/misspelt-field.drl:9: no field "
                + "'categroy' in ComplaintReceived; did you mean 'category'?\n").doesNotContain("strict-mode");
    }

    /**
     * The executable model does not resolve a binding inside a concatenation in an {@code eval}: the compile error
     * was blamed on the built-in pack's removal.drl, with no line, and with the built-in rules left out it had no line.
     */
    @Test
    void aCompileErrorInAnEvalIsPlacedInThePackThatWroteItAtItsLine(@TempDir Path folder) throws IOException {
        Path drl = folder.resolve("res2.drl");
        Files.writeString(drl, """
                package att.res2;
                import org.niyam.compliance.india.*;
                import org.niyam.compliance.model.*;
                function boolean f(Object o) { return true; }
                rule "res2.eval-new-with-binding"
                    @citation("P 1")
                when
                    $c : ComplaintReceived()
                    eval(f("x" + $c.id()))
                then
                end
                """);
        for (boolean builtIn : new boolean[] {true, false}) {
            Cli.Result result = builtIn ? Cli.run("check", drl.toString())
                    : Cli.run("check", "--no-builtin-rules", drl.toString());

            assertThat(result.exit()).isEqualTo(Exit.BAD_INPUT);
            assertThat(result.out()).as("built-in rules: %s", builtIn).contains("PROBLEM  " + drl + ":9: rule "
                    + "'res2.eval-new-with-binding': $c cannot be resolved").doesNotContain("removal.drl");
        }
    }

    /** A copy of a pack under another id is another pack (the same pack given twice is used once). */
    @Test
    void aDuplicateRuleIdIsOneProblemPerRule(@TempDir Path copy) throws IOException {
        Path fastAck = Path.of(Cli.RESOURCES + "rules/fast-ack");
        Files.copy(fastAck.resolve("acknowledgement.drl"), copy.resolve("acknowledgement.drl"));
        Files.writeString(copy.resolve("pack.yaml"), Files.readString(fastAck.resolve("pack.yaml"))
                .replace("id: test-policy", "id: test-policy-copy"));
        Cli.Result result = Cli.run("check", fastAck.toString(), copy.toString());

        assertThat(result.out()).contains("rule id 'test.ack-opens' is already used at")
                .doesNotContain("Duplicate rule name", "is already defined");
    }

    @Test
    void aMisspeltSettingGetsTheSettingMeant() {
        Cli.Result result = Cli.run("audit", Cli.log("compliant.jsonl"), "--rules", Cli.RESOURCES + "rules/fast-ack",
                "--setting", "test.acknowlege=PT3H");

        assertThat(result.exit()).isEqualTo(Exit.BAD_INPUT);
        assertThat(result.err()).contains("setting 'test.acknowlege': no pack defines that parameter; did you mean "
                + "'test.acknowledge'?");
    }

    @Test
    void aMisspeltKeyAndAnUnknownTypeAreNamedWithTheOnesMeant(@TempDir Path folder) throws IOException {
        Path log = folder.resolve("cases.jsonl");
        Files.writeString(log, """
                {"type":"ComplaintReceived","id":"c1","caseid":"C-1","at":"2026-03-02T10:00:00+05:30","category":"GENERAL"}
                {"type":"ComplaintRecieved","id":"c2","caseId":"C-2","at":"2026-03-02T10:00:00+05:30","category":"GENERAL"}
                {"type":"ComplaintReceived","id":"c3","caseId":"C-3","at":"2026-03-02T10:00:00+05:30","category":"GENERAL"
                """);

        Cli.Result result = Cli.run("audit", log.toString());

        assertThat(result.err()).contains(
                log + ":1: caseid: unknown key 'caseid' in ComplaintReceived; did you mean 'caseId'?\n",
                log + ":2: type: unknown type 'ComplaintRecieved'; did you mean 'ComplaintReceived'? The known types are ",
                log + ":3: the text ends before the object is closed: a '}' is missing\n");
    }
}
