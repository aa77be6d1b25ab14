package org.niyam.compliance.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Restricted mode: DRL from outside Niyam may not reach the system")
class RestrictedDrlTest {

    private static final String TEMPLATE = """
            package org.example.policy;

            import org.niyam.compliance.model.*;
            %s

            rule "x.rule"
                @citation("Policy 1")
            when
                $c : ComplaintReceived()
            then
                %s
            end
            """;

    private static RulePackException refused(String imports, String consequence) {
        RulePackException e = catchThrowableOfType(RulePackException.class, () -> ComplianceEngine.builder()
                .rulePack(RulePack.drl("policy.drl", TEMPLATE.formatted(imports, consequence))).build());
        assertThat(e).as("the engine refuses %s / %s", imports, consequence).isNotNull();
        return e;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "System.exit(1);                                                  | System",
        "String home = System.getenv(\"HOME\");                           | System",
        "new java.io.File(\"/etc/passwd\").delete();                       | file",
        "java.nio.file.Files.writeString(null, \"\");                      | file",
        "Runtime.getRuntime().exec(\"rm\");                                | processes",
        "new ProcessBuilder(\"sh\").start();                               | processes",
        "Object o = Class.forName(\"x\");                                  | reflection",
        "Object o = $c.getClass().getDeclaredFields();                     | reflection",
        "new Thread(() -> {}).start();                                     | threads",
        "new java.net.Socket(\"example.org\", 80);                         | network",
        "Object o = javax.naming.InitialContext.doLookup(\"x\");            | platform-internal",
    })
    void refusedConsequences(String consequence, String what) {
        RulePackException e = refused("", consequence);

        assertThat(e.problems()).anySatisfy(p -> {
            assertThat(p.source()).isEqualTo("policy.drl");
            assertThat(p.line()).as("the consequence's line").isEqualTo(11);
            assertThat(p.message()).contains(what).contains("unrestricted()");
        });
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"import java.io.File;", "import java.net.URL;", "import java.lang.reflect.Method;",
                "import static java.lang.System.exit;"})
    void refusedImports(String imports) {
        RulePackException e = refused(imports, "insert(new Finding(\"x\", null, \"m\", java.util.List.of()));");

        assertThat(e.problems()).anySatisfy(p -> {
            assertThat(p.line()).isEqualTo(4);
            assertThat(p.message()).contains("import");
        });
    }

    @Test
    void wordsInCommentsAndStringsAreNotCode() {
        String consequence = "// System.exit would be refused here\n"
                + "    insert(new Finding(\"note\", null, \"System.exit and java.io.File are only words here\", "
                + "java.util.List.of()));";

        assertThatCode(() -> ComplianceEngine.builder()
                .rulePack(RulePack.drl("policy.drl", TEMPLATE.formatted("", consequence))).build())
                .doesNotThrowAnyException();
    }

    @Test
    void anUnrestrictedPackMayUseAnyJava() {
        RulePack pack = RulePack.drl("policy.drl", TEMPLATE.formatted("", "String home = System.getProperty(\"user.home\");"));

        assertThat(pack.restricted()).isTrue();
        assertThat(pack.unrestricted().restricted()).isFalse();
        assertThatCode(() -> ComplianceEngine.builder().rulePack(pack.unrestricted()).build())
                .doesNotThrowAnyException();
    }

    @Test
    void packsFromAFolderOrAFileAreRestrictedByDefaultAndEveryUseIsNamed(@TempDir Path folder) throws IOException {
        Path drl = Files.writeString(folder.resolve("policy.drl"), TEMPLATE.formatted("import java.io.File;",
                "String home = System.getenv(\"HOME\");\n    new ProcessBuilder(\"sh\").start();"));

        for (RulePack pack : List.of(RulePack.directory(folder), RulePack.file(drl))) {
            assertThat(pack.restricted()).as(pack.origin()).isTrue();
            RulePackException e = catchThrowableOfType(RulePackException.class,
                    () -> ComplianceEngine.builder().rulePack(pack).build());
            assertThat(e).as(pack.origin()).isNotNull();
            assertThat(e.problems()).extracting(Problem::source, Problem::line).containsExactly(
                    tuple(drl.toString(), 4), tuple(drl.toString(), 11), tuple(drl.toString(), 12));
        }
    }

    @Test
    void aRefusedPackIsRefusedBeforeAnyOfItsRulesCanRun() {
        // A static initialiser or a function would run at build time; restricted mode refuses the text first.
        String drl = """
                package org.example.policy;

                function String home() {
                    return System.getProperty("user.home");
                }
                """;

        RulePackException e = catchThrowableOfType(RulePackException.class,
                () -> ComplianceEngine.builder().rulePack(RulePack.drl("policy.drl", drl)).build());

        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(4);
            assertThat(p.message()).contains("System");
        });
    }

    @Test
    void aUsersClasspathPackIsRestricted() {
        assertThat(RulePack.classpath("packs/clock").restricted()).as("a user's classpath pack").isTrue();
    }
}
