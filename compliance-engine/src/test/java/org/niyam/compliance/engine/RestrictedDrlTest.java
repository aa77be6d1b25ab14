package org.niyam.compliance.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.niyam.compliance.pack.Problem;
import org.niyam.compliance.pack.RulePack;
import org.niyam.compliance.pack.RuleExecutionException;
import org.niyam.compliance.pack.RulePackException;

/**
 * Restricted mode: every way into the system seen in a review of the former word list is refused at build, naming
 * the rule (or function, or declared type), the DRL file, the line, and what was used.
 */
@DisplayName("Restricted mode: DRL from outside Niyam is compiled and checked against an allowlist")
class RestrictedDrlTest {

    /** The consequence is on line 11; imports on line 4. */
    static final String TEMPLATE = """
            package org.example.policy;
            import org.niyam.compliance.india.*;
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

    /** A function that throws any throwable without declaring it, as a generic method can. */
    static final String SNEAK = "function void sneak(Throwable t) { class S { <T extends Throwable> void t(Throwable e)"
            + " throws T { throw (T) e; } } new S().<RuntimeException>t(t); }";

    static RulePackException refused(String drl) {
        RulePackException e = catchThrowableOfType(RulePackException.class, () -> ComplianceEngine.builder()
                .rulePack(RulePack.drl("policy.drl", drl)).build());
        assertThat(e).as("the engine refuses:\n%s", drl).isNotNull();
        return e;
    }

    static void assertRefused(String drl, int line, String who, String used) {
        RulePackException e = refused(drl);
        assertThat(e.problems()).as(e.getMessage()).anySatisfy(p -> {
            assertThat(p.source()).isEqualTo("policy.drl");
            assertThat(p.line()).isEqualTo(line);
            assertThat(p.message()).contains(who, used, "unrestricted()");
        });
    }

    @Nested
    @DisplayName("calls into the system, in a consequence")
    class Consequences {

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "System.exit(1);                                                | java.lang.System.exit()",
            "String home = System.getenv(\"HOME\");                         | java.lang.System.getenv()",
            "Object home = java.lang.System.getProperties();                  | java.lang.System.getProperties()",
            "new java.io.File(\"/etc/passwd\").delete();                     | java.io.File",
            "java.nio.file.Files.writeString(null, \"\");                    | java.nio.file.Files.writeString()",
            "Runtime.getRuntime().exec(\"rm\");                              | java.lang.Runtime.getRuntime()",
            "new ProcessBuilder(\"sh\").start();                             | java.lang.ProcessBuilder",
            "Object o = ProcessHandle.current().pid();                        | java.lang.ProcessHandle.current()",
            "new Thread(() -> {}).start();                                   | java.lang.Thread",
            "new java.net.Socket(\"example.org\", 80);                       | java.net.Socket",
            "Object o = new java.net.URL(\"http://example.org\").openStream(); | java.net.URL",
            "Object o = javax.naming.InitialContext.doLookup(\"x\");          | javax.naming.InitialContext.doLookup()",
            // formatters, logging, preferences, RMI, jar and zip files, management beans, system properties
            "new java.util.Formatter(\"/tmp/out\").format(\"x\").close();       | java.util.Formatter",
            "java.util.logging.Logger.getLogger(\"x\").info(\"leak\");         | java.util.logging.Logger.getLogger()",
            "org.slf4j.LoggerFactory.getLogger(\"x\").info(\"leak\");          | org.slf4j.LoggerFactory.getLogger()",
            "java.util.prefs.Preferences.userRoot().put(\"k\", \"v\");         | java.util.prefs.Preferences.userRoot()",
            "Object o = java.rmi.Naming.lookup(\"rmi://example.org/x\");      | java.rmi.Naming.lookup()",
            "new java.util.jar.JarFile(\"/tmp/x.jar\").close();               | java.util.jar.JarFile",
            "new java.util.zip.ZipFile(\"/tmp/x.zip\").close();               | java.util.zip.ZipFile",
            "Object o = java.lang.management.ManagementFactory.getRuntimeMXBean(); | java.lang.management.ManagementFactory.getRuntimeMXBean()",
            "Integer port = Integer.getInteger(\"port\");                    | java.lang.Integer.getInteger()",
            "Long l = Long.getLong(\"x\");                                   | java.lang.Long.getLong()",
            "boolean b = Boolean.getBoolean(\"x\");                          | java.lang.Boolean.getBoolean()",
            // an application's enum that no event of the engine's registry holds
            "Object o = org.slf4j.event.Level.ERROR;                        | org.slf4j.event.Level",
            // class loading and reflection, from a fact's class
            "Object o = $c.getClass().getClassLoader();                     | java.lang.Object.getClass()",
            "Object o = ComplaintReceived.class.getDeclaredFields();        | java.lang.Class.getDeclaredFields()",
            "Object o = Class.forName(\"java.lang.Runtime\");                | java.lang.Class.forName()",
            "Object o = java.lang.invoke.MethodHandles.lookup();            | java.lang.invoke.MethodHandles.lookup()",
            // class loading through the model: the registry of event types runs a ServiceLoader
            "Object types = EventTypes.onClasspath();                         | org.niyam.compliance.model.EventTypes",
            // executors
            "java.util.concurrent.Executors.newSingleThreadExecutor().submit(() -> {});  | java.util.concurrent.Executors.newSingleThreadExecutor()",
            "java.util.concurrent.CompletableFuture.runAsync(() -> {});     | java.util.concurrent.CompletableFuture.runAsync()",
            "java.util.concurrent.ForkJoinPool.commonPool().execute(() -> {}); | java.util.concurrent.ForkJoinPool.commonPool()",
            // the rule context beyond insert, modify and delete
            "drools.getKieRuntime().halt();                                 | getKieRuntime",
            "kcontext.getKieRuntime().getKieBase();                         | getKieRuntime",
            "Object o = drools.getRule();                                   | getRule",
            "drools.halt();                                                 | org.drools.model.Drools.halt()",
            // a method reference
            "java.util.function.Supplier<String> s = System::lineSeparator; s.get(); | java.lang.System.lineSeparator()",
            // the wall clock, randomness and logging: the same evidence must give the same report
            "Object now = java.time.OffsetDateTime.now();                   | java.time.OffsetDateTime.now()",
            "Object now = java.time.Instant.now();                          | java.time.Instant.now()",
            "Object today = java.time.LocalDate.now(java.time.ZoneOffset.UTC); | java.time.LocalDate.now()",
            "Object clock = java.time.Clock.systemUTC();                    | java.time.Clock",
            "long t = System.currentTimeMillis();                           | java.lang.System.currentTimeMillis()",
            "long t = System.nanoTime();                                    | java.lang.System.nanoTime()",
            "double r = Math.random();                                      | java.lang.Math.random()",
            "Object id = java.util.UUID.randomUUID();                       | java.util.UUID",
            "int r = new java.util.Random(1).nextInt();                     | java.util.Random",
            "int r = java.util.concurrent.ThreadLocalRandom.current().nextInt(); | java.util.concurrent.ThreadLocalRandom",
            "Object zone = java.time.ZoneId.systemDefault();                | java.time.ZoneId.systemDefault()",
            "System.out.println(\"x\");                                     | java.lang.System.out",
            "String s = String.format(\"%,d\", 1000);                       | java.lang.String.format()",
            "String s = \"i\".toUpperCase();                                 | java.lang.String.toUpperCase()",
            // bytes decoded with the default charset (file.encoding)
            "String s = new String(new byte[] {(byte) 0xe9});               | java.lang.String.<init>()",
            "String s = new String(new byte[] {(byte) 0xe9}, 0, 1);         | java.lang.String.<init>()",
            // a charset looked up by name: an unknown name loads every CharsetProvider on the class path, and the
            // names known depend on the runtime
            "try { byte[] b = \"x\".getBytes(\"x-IBM1047\"); } catch (Exception e) { } | java.lang.String.getBytes()",
            "try { String s = new String(new byte[] {65}, \"x-\" + $c.id()); } catch (Exception e) { } | java.lang.String.<init>()",
            "try { String s = new String(new byte[] {65}, 0, 1, \"UTF-8\"); } catch (Exception e) { } | java.lang.String.<init>()",
            // state outside the evaluation: the pool of interned strings tells what earlier cases interned
            "boolean first = $c.id().intern() == $c.id();                     | java.lang.String.intern()",
            "Object f = new java.time.format.DateTimeFormatterBuilder().appendPattern(\"EEEE\").toFormatter(); | java.time.format.DateTimeFormatterBuilder.toFormatter()",
            // a lock other evaluations share: the class object, an interned literal
            "synchronized (String.class) { String s = $c.id(); }              | synchronized",
            "synchronized (\"lock\") { String s = $c.id(); }                 | synchronized",
        })
        void refused(String consequence, String used) {
            assertRefused(TEMPLATE.formatted("", consequence), 11, "rule 'x.rule'", used);
        }

        @Test
        void importsAloneAreNotUses() {
            assertThatCode(() -> ComplianceEngine.builder().rulePack(RulePack.drl("policy.drl", TEMPLATE.formatted(
                    "import java.io.File;", "insert(new Finding(\"x\", null, \"m\", java.util.List.of()));"))).build())
                    .doesNotThrowAnyException();
        }
    }

    @Nested
    @DisplayName("what a word list missed")
    class Evasions {

        @Test
        void aUnicodeEscapeClosesAStringLiteral() {
            // The compiler reads \\u0022 as a quote before it parses: the string ends and the call is code.
            String consequence = "String s = \"\\u0022 + System.getenv(\\u0022HOME\\u0022) + \\u0022\";";
            assertRefused(TEMPLATE.formatted("", consequence), 11, "rule 'x.rule'", "java.lang.System.getenv()");
        }

        @Test
        void aUnicodeEscapeEndsALineComment() {
            // \\u000a is a line break to the compiler: what follows it in the comment is code.
            String consequence = "// harmless \\u000a System.exit(1);";
            assertRefused(TEMPLATE.formatted("", consequence), 11, "rule 'x.rule'", "java.lang.System.exit()");
        }

        @Test
        void aUnicodeEscapeSpellsAName() {
            String consequence = "String home = \\u0053ystem.getenv(\"HOME\");";
            assertRefused(TEMPLATE.formatted("", consequence), 11, "rule 'x.rule'", "java.lang.System.getenv()");
        }

        @Test
        void aCallSplitOverLines() {
            String consequence = "String home = java.lang.\n        System\n        .\n        getenv(\"HOME\");";
            assertRefused(TEMPLATE.formatted("", consequence), 14, "rule 'x.rule'", "java.lang.System.getenv()");
        }

        @Test
        void aStatementOnALaterLineIsNamedByItsLine() {
            String consequence = "insert(new Finding(\"x\", null, \"m\", java.util.List.of()));\n"
                    + "    String home = System.getenv(\"HOME\");";
            assertRefused(TEMPLATE.formatted("", consequence), 12, "rule 'x.rule'", "java.lang.System.getenv()");
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
    }

    @Nested
    @DisplayName("every place DRL holds code")
    class Places {

        @Test
        void aFunction() {
            String drl = """
                    package org.example.policy;

                    function String home() {
                        return System.getProperty("user.home");
                    }
                    """;
            assertRefused(drl, 4, "function 'home'", "java.lang.System.getProperty()");
        }

        @Test
        void anEval() {
            String drl = TEMPLATE.formatted("", "").replace("$c : ComplaintReceived()",
                    "$c : ComplaintReceived()\n    eval(System.getenv(\"HOME\") != null)");
            assertRefused(drl, 10, "rule 'x.rule'", "java.lang.System.getenv()");
        }

        @Test
        void aConstraint() {
            String drl = TEMPLATE.formatted("", "").replace("$c : ComplaintReceived()",
                    "$c : ComplaintReceived(id == System.getProperty(\"user.name\"))");
            assertRefused(drl, 9, "rule 'x.rule'", "java.lang.System.getProperty()");
        }

        @Test
        void aFrom() {
            String drl = TEMPLATE.formatted("", "").replace("$c : ComplaintReceived()",
                    "$c : ComplaintReceived()\n    $k : String() from System.getenv().keySet()");
            assertRefused(drl, 10, "rule 'x.rule'", "java.lang.System.getenv()");
        }

        @Test
        void anAccumulateInit() {
            String drl = TEMPLATE.formatted("", "").replace("$c : ComplaintReceived()", """
                    $c : ComplaintReceived()
                        $n : Integer() from accumulate(ComplaintReceived($id : id),
                                init(int n = System.getenv().size();), action(n += $id.length();),
                            reverse(n -= $id.length();),
                                result(Integer.valueOf(n)))""");
            // The line of the pattern the accumulate feeds.
            assertRefused(drl, 10, "rule 'x.rule'", "java.lang.System.getenv()");
        }

        @Test
        void anAccumulateThatDroolsCompilesOnlyToClassicInvokersIsRefusedAsAWhole() {
            String drl = TEMPLATE.formatted("", "").replace("$c : ComplaintReceived()", """
                    $c : ComplaintReceived()
                        $n : Integer() from accumulate(ComplaintReceived($id : id),
                                init(int n = System.getenv().size();), action(n += 1;), reverse(n -= 1;),
                                result(Integer.valueOf(n)))""");
            RulePackException e = refused(drl);
            assertThat(e.problems()).singleElement().satisfies(p -> {
                assertThat(p.line()).isEqualTo(6);
                assertThat(p.message()).contains("rule 'x.rule'", "classic invokers", "java.lang.System.getenv()");
            });
        }

        @Test
        void aDeclaredFieldInitialiser() {
            String drl = """
                    package org.example.policy;

                    declare Leak
                        home : String = System.getenv("HOME")
                    end
                    """;
            assertRefused(drl, 3, "declared type 'Leak'", "java.lang.System.getenv()");
        }

        @Test
        void aClassDeclaredInAFunctionIsNamedByTheFunctionAndItsLine() {
            String drl = """
                    package org.example.policy;

                    function String home() {
                        Object o = new Object() {
                            public String toString() { return System.getProperty("user.home"); }
                        };
                        return o.toString();
                    }

                    rule "x.rule"
                        @citation("Policy 1")
                    when
                        String()
                    then
                        String h = home();
                    end
                    """;
            assertRefused(drl, 5, "function 'home'", "java.lang.System.getProperty()");
        }

        @Test
        void aRefusalIsPlacedOnItsOwnRuleNotOnAnEarlierRuleThatCallsAFunction() {
            // Drools puts the package's functions in the class that holds every rule: a consequence calling one
            // reached every rule, and a refusal in a later rule was placed on the earlier one.
            String drl = """
                    package org.example.policy;
                    import org.niyam.compliance.india.*;
                    import java.util.List;

                    function String label(String id) {
                        return "complaint " + id;
                    }

                    rule "x.first"
                        @citation("Policy 1")
                    when
                        $c : ComplaintReceived()
                    then
                        String l = label($c.id());
                    end

                    rule "x.second"
                        @citation("Policy 2")
                    when
                        $all : List() from collect(ComplaintReceived())
                    then
                        long n = $all.stream().count();
                    end
                    """;
            RulePackException e = refused(drl);
            assertThat(e.problems()).as(e.getMessage()).isNotEmpty().allSatisfy(p -> {
                assertThat(p.line()).isEqualTo(22);
                assertThat(p.message()).contains("rule 'x.second'", "java.util.").doesNotContain("x.first");
            });
        }

        @Test
        void aMethodCalledOnAnArrayElementInAConsequenceIsPlacedOnItsLineWithAWayAround() {
            // Drools' generator said only "This doesn't work on arrayAccessExpr ...", with no rule and no line.
            String drl = TEMPLATE.formatted("", "String[] parts = $c.id().split(\"-\"); int n = parts[0].length();");
            RulePackException e = refused(drl);
            assertThat(e.problems()).singleElement().satisfies(p -> {
                assertThat(p.source()).isEqualTo("policy.drl");
                assertThat(p.line()).isEqualTo(11);
                assertThat(p.message()).contains("rule 'x.rule'", "array", "parts[0].length()",
                        "String part = parts[0]; then part.length(...)");
            });
        }

        @Test
        void aSalienceExpression() {
            String drl = TEMPLATE.formatted("", "").replace("    @citation(\"Policy 1\")",
                    "    @citation(\"Policy 1\")\n    salience (Integer.getInteger(\"x\", 1))");
            assertRefused(drl, 8, "rule 'x.rule'", "java.lang.Integer.getInteger()");
        }
    }

    @Nested
    @DisplayName("code that would run outside the rule, and values from object identity")
    class OutsideTheRule {

        @Test
        void aFinalizer() {
            // The JVM runs it on a thread of its own when it collects the object, after and apart from the evaluation.
            assertRefused(TEMPLATE.formatted("", "insert(new Object() { protected void finalize() { } });"), 11,
                    "rule 'x.rule'", "the method finalize()");
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', value = {
            "throw new IllegalStateException() { public String getMessage() { throw new IllegalArgumentException(); } };",
            "class Failed extends RuntimeException { } throw new Failed();",
        })
        void aSubclassOfAnException(String consequence) {
            // Its getMessage, toString and getCause would run where the error is reported: one that throws made the
            // error "a rule condition failed", naming no rule.
            assertRefused(TEMPLATE.formatted("", consequence), 11, "rule 'x.rule'", "a subclass of java.lang.");
        }

        @Test
        void aThrowableOfItsOwn() {
            // Neither an exception nor an error: thrown without declaring it (a generic method can), it passed where
            // Drools catches exceptions, and the command line exited without a word.
            assertRefused(TEMPLATE.formatted(SNEAK, "sneak(new Throwable(\"raw\"));"), 11, "rule 'x.rule'",
                    "java.lang.Throwable.<init>()");
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', value = {
            "consequence | $c : ComplaintReceived()                   | sneak(new Throwable(\"raw\"));"
                    + " | in its consequence",
            "condition   | $c : ComplaintReceived(thrown(id))         | insert(new Object());"
                    + " | in a condition",
        })
        void aCheckedThrowableThrownUndeclaredByAPackOfOneOwnsFailsTheEvaluationNamingTheRule(String where,
                String pattern, String consequence, String said) {
            // Drools catches exceptions, not every throwable: the engine's boundary turns it into its error.
            String drl = TEMPLATE.formatted(SNEAK + "\nfunction boolean thrown(String id) { sneak(new Throwable(id));"
                    + " return true; }", consequence).replace("$c : ComplaintReceived()", pattern);
            ComplianceEngine engine = ComplianceEngine.builder()
                    .rulePack(RulePack.drl("policy.drl", drl).unrestricted()).build();
            OffsetDateTime at = TestPacks.at("2026-03-02T10:00:00+05:30");
            RuleExecutionException e = catchThrowableOfType(RuleExecutionException.class, () -> engine.evaluate(
                    TestPacks.evidence(TestPacks.complaint("c-1", "k-1", at)), at.plusDays(1)));
            assertThat(e).as(where).isNotNull();
            assertThat(e.ruleId()).isEqualTo("x.rule");
            assertThat(e).hasMessageContaining("rule 'x.rule'").hasMessageContaining("java.lang.Throwable")
                    .hasMessageContaining(said);
        }

        @Test
        void aConditionDroolsRunsAsItBuildsTheRuleBaseNamesTheRuleWhenItThrows() {
            // An eval without bindings runs as the rule base is built: it said only that a class of the model
            // "cannot be instantiated".
            String drl = TEMPLATE.formatted("function boolean fails() { throw new IllegalStateException(\"no\"); }",
                    "").replace("$c : ComplaintReceived()", "eval(fails())");
            RulePackException e = refused(drl);
            assertThat(e.problems()).as(e.getMessage()).singleElement().satisfies(p -> {
                assertThat(p.source()).isEqualTo("policy.drl");
                assertThat(p.line()).isEqualTo(6);
                assertThat(p.message()).contains("rule 'x.rule' threw java.lang.IllegalStateException: no, while "
                        + "Drools built the rule base");
            });
        }

        @Test
        void anExceptionOfTheAllowlistIsThrownAndNamesTheRule() {
            ComplianceEngine engine = ComplianceEngine.builder().rulePack(RulePack.drl("policy.drl",
                    TEMPLATE.formatted("", "throw new IllegalStateException(\"no \" + $c.id());"))).build();
            OffsetDateTime at = TestPacks.at("2026-03-02T10:00:00+05:30");
            assertThatThrownBy(() -> engine.evaluate(TestPacks.evidence(TestPacks.complaint("c-1", "k-1", at)),
                    at.plusDays(1)))
                    .hasMessageContaining("rule 'x.rule'").hasMessageContaining("no c-1");
        }

        /**
         * A hash code from object identity differs between runs, threads and sessions of one evaluation: a record of
         * the India pack holding an enum, quoted in a finding, gave one report case by case and another in one
         * session.
         */
        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', value = {
            "String h = \"\" + $c.hashCode();                          | org.niyam.compliance.india.ComplaintReceived.hashCode()",
            "String h = \"\" + $c.category().hashCode();               | java.lang.Enum.hashCode()",
            "String h = \"\" + java.util.Objects.hashCode($c.category()); | java.util.Objects.hashCode()",
            "String h = \"\" + java.util.Objects.hash($c.id(), $c.category()); | java.util.Objects.hash()",
            "String h = \"\" + new Object().hashCode();                | java.lang.Object.hashCode()",
            "String h = \"\" + java.util.List.of($c.category()).hashCode(); | java.util.List.hashCode()",
        })
        void aHashCodeThatMayComeFromIdentity(String consequence, String used) {
            assertRefused(TEMPLATE.formatted("", consequence), 11, "rule 'x.rule'", used);
        }

        @Test
        void aHashCodeOfAValueAndADeclaredTypesKeysBuild() {
            // String, boxed and java.time hash codes are fixed by the value; the hashCode Drools generates for a
            // declared type combines its keys' hash codes, an enum's too, and is not refused.
            String drl = """
                    package org.example.policy;
                    import org.niyam.compliance.india.*;
                    import org.niyam.compliance.model.*;
                    declare Seen
                        category : ComplaintCategory @key
                        id : String @key
                    end
                    rule "x.rule"
                        @citation("Policy 1")
                    when
                        $c : ComplaintReceived()
                    then
                        insert(new Seen($c.category(), $c.id()));
                        insert(new Finding("x.h", $c.caseId(), "" + $c.id().hashCode() + Integer.valueOf(7).hashCode()
                                + $c.at().hashCode(), java.util.List.of()));
                    end
                    """;
            assertThatCode(() -> ComplianceEngine.builder().rulePack(RulePack.drl("policy.drl", drl)).build())
                    .doesNotThrowAnyException();
        }
    }

    @Nested
    @DisplayName("state kept from one case and one evaluation to the next")
    class State {

        /** A local class, enum or interface in a function or consequence is loaded once for the rule base. */
        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "class C { static int n; } int seen = ++C.n;                                          | C.n",
            "class C { static final java.util.List<String> ids = new java.util.ArrayList<>(); } C.ids.add($c.id()); | C.ids",
            "class C { class D { static int n; } } int seen = ++C.D.n;                            | C.D.n",
            "Object o = new Object() { static int n; public String toString() { return \"\" + ++n; } }; | .n",
        })
        void aStaticFieldOfAClassDeclaredInAConsequence(String consequence, String field) {
            RulePackException e = refused(TEMPLATE.formatted("", consequence));
            assertThat(e.problems()).as(e.getMessage()).anySatisfy(p -> {
                assertThat(p.source()).isEqualTo("policy.drl");
                assertThat(p.line()).isEqualTo(11);
                assertThat(p.message()).contains("rule 'x.rule'", "the static field ", field,
                        "state kept from one evaluation to the next", "unrestricted()");
            });
        }

        /**
         * An enum the DRL declares is loaded once for the rule base, its constants one object each: a field of it that
         * can change in place would carry one evaluation's values into the next. Strings, numbers, java.time values
         * and other declared enums may be its fields.
         */
        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', value = {
            "items : java.util.List   | null | items of type java.util.List",
            "names : String[]         | null | names of type java.lang.String[]",
            "note : StringBuilder     | null | note of type java.lang.StringBuilder",
            "anything : Object        | null | anything of type java.lang.Object",
        })
        void aDeclaredEnumsFieldThatCanChange(String field, String value, String used) {
            String drl = """
                    package org.example.policy;

                    declare enum Holder
                        ONE(%s);

                        %s
                    end
                    """.formatted(value, field);
            assertRefused(drl, 3, "declared type 'Holder'", "the field org.example.policy.Holder." + used);
        }

        @Test
        void aDeclaredEnumOfValuesBuilds() {
            String drl = """
                    package org.example.policy;
                    import org.niyam.compliance.india.*;
                    import org.niyam.compliance.model.*;

                    declare enum Level
                        LOW(1, "low", java.time.Duration.ofHours(1)), HIGH(2, "high", java.time.Duration.ofHours(2));

                        rank : int
                        label : String
                        within : java.time.Duration
                    end

                    declare enum Graded
                        ONE(Level.LOW);

                        level : Level
                    end

                    rule "x.rule"
                        @citation("Policy 1")
                    when
                        $c : ComplaintReceived()
                    then
                        insert(new Finding("policy.level", $c.caseId(), Graded.ONE.getLevel().getLabel(), java.util.List.of()));
                    end
                    """;
            assertThatCode(() -> ComplianceEngine.builder().rulePack(RulePack.drl("policy.drl", drl)).build())
                    .doesNotThrowAnyException();
        }

        @Test
        void aStaticFieldOfALocalClassInAFunction() {
            String drl = """
                    package org.example.policy;

                    function int counter() {
                        class C {
                            static int n;
                        }
                        return ++C.n;
                    }
                    """;
            assertRefused(drl, 5, "function 'counter'", "the static field org.example.policy.");
        }

        @Test
        void aConstantOfALocalInterfaceThatHoldsAnArray() {
            String drl = """
                    package org.example.policy;

                    function int counter() {
                        interface I {
                            int[] N = new int[1];
                        }
                        return ++I.N[0];
                    }
                    """;
            assertRefused(drl, 5, "function 'counter'", "the static field org.example.policy.");
        }

        @Test
        void aLocalEnumIsAProblemOfThePackNotAnInternalError() {
            // Drools' parser of consequences fails on it with an AssertionError ("Invalid token kind 26").
            String drl = """
                    package org.example.policy;

                    function int counter() {
                        enum E { A; int n; }
                        return ++E.A.n;
                    }
                    """;
            assertThat(refused(drl).problems()).as("problems").isNotEmpty()
                    .allSatisfy(p -> assertThat(p.source()).isEqualTo("policy.drl"));
        }

        /**
         * Drools computes a from whose expression uses no binding once, when it builds the rule base: one
         * StringBuilder for every case and evaluation, which held "c-1," in the second case's finding, and the first
         * evaluation's ids in the next evaluation's.
         */
        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', value = {
            "$b : StringBuilder() from new StringBuilder()",
            "$b : StringBuilder() from List.of(new StringBuilder())",
            "$s : String() from List.of(\"a\", \"b\")",
        })
        void aFromOfAConstant(String from) {
            String drl = TEMPLATE.formatted("import java.util.List;", "").replace("$c : ComplaintReceived()",
                    "$c : ComplaintReceived()\n    " + from);
            RulePackException e = refused(drl);
            assertThat(e.problems()).as(e.getMessage()).anySatisfy(p -> {
                assertThat(p.source()).isEqualTo("policy.drl");
                assertThat(p.message()).contains("rule 'x.rule' uses a 'from' whose expression uses no binding of "
                        + "the rule, which Drools computes once, when it builds the rule base: every case, thread "
                        + "and evaluation then gets the same object", "unrestricted()");
            });
        }

        @Test
        void aFromOfABindingBuilds() {
            String drl = TEMPLATE.formatted("import java.util.List;",
                    "insert(new Finding(\"x.f\", $c.caseId(), $s, List.of()));").replace("$c : ComplaintReceived()",
                    "$c : ComplaintReceived()\n    $s : String() from List.of($c.id(), $c.caseId())");
            assertThatCode(() -> ComplianceEngine.builder().rulePack(RulePack.drl("policy.drl", drl)).build())
                    .doesNotThrowAnyException();
        }

        @Test
        void aLocalClassWithoutStaticStateBuilds() {
            assertThatCode(() -> ComplianceEngine.builder().rulePack(RulePack.drl("policy.drl", TEMPLATE.formatted("",
                    "class C { static final int ONE = 1; final String id; C(String id) { this.id = id; } }\n"
                            + "insert(new Finding(\"x\", $c.caseId(), new C($c.id()).id + C.ONE, java.util.List.of()));")))
                    .build()).doesNotThrowAnyException();
        }
    }

    @Nested
    @DisplayName("what Drools would interpret, refused on the parsed DRL before anything is compiled")
    class Interpreted {

        /**
         * Only a session in stream mode expires events: in the engine's sessions an {@code @expires} made every
         * evaluation fail with Drools' internal error, naming nothing. Refused at build, in any pack.
         */
        @ParameterizedTest(name = "restricted: {0}")
        @CsvSource({"true", "false"})
        void anExpiryOfADeclaredEvent(boolean restricted) {
            String drl = TEMPLATE.formatted("""
                    declare Tick
                        @role(event)
                        @timestamp(at)
                        @expires(1ms)
                        id : String
                        at : long
                    end""", "insert(new Tick($c.id(), 0L));");
            RulePack given = RulePack.drl("policy.drl", drl);
            RulePack pack = restricted ? given : given.unrestricted();
            RulePackException e = catchThrowableOfType(RulePackException.class,
                    () -> ComplianceEngine.builder().rulePack(pack).build());
            assertThat(e).isNotNull();
            assertThat(e.problems()).as(e.getMessage()).singleElement().satisfies(p -> {
                assertThat(p.source()).isEqualTo("policy.drl");
                assertThat(p.line()).isEqualTo(7);
                assertThat(p.message()).contains("declared type 'Tick' has @expires, which only a session in stream "
                        + "mode runs");
            });
        }

        @Test
        void thePackageDialectMvel() {
            String drl = TEMPLATE.formatted("dialect \"mvel\"", "insert(new Finding(\"x\", null, \"m\", java.util.List.of()));");
            assertRefused(drl, 4, "package org.example.policy", "dialect \"mvel\"");
        }

        @Test
        void aRuleDialectMvel() {
            String drl = TEMPLATE.formatted("", "").replace("    @citation(\"Policy 1\")",
                    "    @citation(\"Policy 1\")\n    dialect \"mvel\"");
            assertRefused(drl, 8, "rule 'x.rule'", "dialect \"mvel\"");
        }

        @Test
        void metadataThatIsAnExpression() {
            String drl = TEMPLATE.formatted("", "").replace("    @citation(\"Policy 1\")",
                    "    @citation(\"Policy 1\")\n    @note(System.getenv(\"HOME\"))");
            assertRefused(drl, 6, "rule 'x.rule'", "@note");
        }

        @Test
        void metadataThatIsAPropertyPathFromANumber() {
            String drl = TEMPLATE.formatted("", "").replace("    @citation(\"Policy 1\")",
                    "    @citation(\"Policy 1\")\n    @note(0.class.classLoader.parent)");
            // Accepted as a number before: a dot is allowed only between digits.
            assertRefused(drl, 8, "rule 'x.rule'", "@note");
        }

        @Test
        void metadataWithAUnicodeEscape() {
            String drl = TEMPLATE.formatted("", "").replace("@citation(\"Policy 1\")",
                    "@citation(\"\\u0022 + System.getenv(\\u0022HOME\\u0022) + \\u0022\")");
            assertRefused(drl, 6, "rule 'x.rule'", "@citation");
        }

        @Test
        void aTimestampThatIsAnExpression() {
            String drl = """
                    package org.example.policy;

                    declare Stamp
                        @role(event)
                        @timestamp(System.currentTimeMillis())
                        at : long
                    end
                    """;
            assertRefused(drl, 3, "declared type 'Stamp'", "@timestamp");
        }

        /**
         * Drools' compiler of restricted packs reads a function named as an operator ({@code before}, {@code matches})
         * as that operator where a condition calls it, and failed with "Cannot find a left leaf", naming no rule or
         * line; the trusted build, another compiler, accepts it. Refused at the function, with the name to give it,
         * under which the pack works restricted as it does trusted.
         */
        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "before  | eval(before($a, $b))",
            "matches | ComplaintReceived(this == $b, matches($a, this))",
        })
        void aFunctionNamedAsAnOperatorIsRefusedAtItsLineWithTheNameToGiveIt(String name, String condition) {
            String drl = """
                    package org.example.policy;
                    import org.niyam.compliance.india.*;
                    import org.niyam.compliance.model.*;

                    function boolean %1$s(ComplaintReceived a, ComplaintReceived b) {
                        return a.at().isBefore(b.at());
                    }

                    rule "x.rule"
                        @citation("Policy 1")
                    when
                        $a : ComplaintReceived()
                        $b : ComplaintReceived(caseId == $a.caseId())
                        %2$s
                    then
                        insert(new Finding("x", $a.caseId(), "ordered", java.util.List.of($a.id(), $b.id())));
                    end
                    """;
            String named = drl.formatted(name, condition);
            RulePackException e = refused(named);
            assertThat(e.problems()).as(e.getMessage()).singleElement().satisfies(p -> {
                assertThat(p.source()).isEqualTo("policy.drl");
                assertThat(p.line()).isEqualTo(5);
                assertThat(p.message()).contains("function '" + name + "'", "DRL operator",
                        "Rename the function and its calls (is", "unrestricted()");
            });

            String renamed = "is" + Character.toUpperCase(name.charAt(0)) + name.substring(1);
            OffsetDateTime at = TestPacks.at("2026-03-02T10:00:00+05:30");
            org.niyam.compliance.model.Evidence evidence = TestPacks.evidence(TestPacks.complaint("c-1", "k-1", at),
                    TestPacks.complaint("c-2", "k-1", at.plusHours(1)));
            List<org.niyam.compliance.model.Finding> trusted = ComplianceEngine.builder()
                    .rulePack(RulePack.drl("policy.drl", named).unrestricted()).build()
                    .evaluate(evidence, at.plusDays(1)).findings();
            List<org.niyam.compliance.model.Finding> restricted = ComplianceEngine.builder()
                    .rulePack(RulePack.drl("policy.drl", drl.formatted(renamed, condition.replace(name + "(",
                            renamed + "(")))).build()
                    .evaluate(evidence, at.plusDays(1)).findings();
            assertThat(trusted).extracting(org.niyam.compliance.model.Finding::message).containsExactly("ordered");
            assertThat(restricted).isEqualTo(trusted);
        }

        @Test
        void aQueryIsNamedByItsNameAndLine() {
            String drl = """
                    package org.example.policy;
                    import org.niyam.compliance.model.*;

                    query duties(String $case)
                        Duty(caseId == $case)
                    end
                    """;
            assertRefused(drl, 4, "query 'duties'", "may not declare queries");
        }

        @Test
        void aGlobal() {
            assertRefused(TEMPLATE.formatted("global java.util.List results;", "results.add($c);"), 4,
                    "global 'results'", "globals");
        }

        @Test
        void anAttributeThatReadsTheClock() {
            String drl = TEMPLATE.formatted("", "").replace("    @citation(\"Policy 1\")",
                    "    @citation(\"Policy 1\")\n    date-effective \"01-Jan-2020\"");
            assertRefused(drl, 8, "rule 'x.rule'", "date-effective");
        }

        /** A package's attributes are its rules': a timer there made every rule fire on the wall clock. */
        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', value = {
            "timer (int: 0s 1s)  | timer",
            "calendars \"days\"  | calendars",
            "duration 1000       | duration",
        })
        void anAttributeOfThePackageThatReadsTheClock(String attribute, String name) {
            // Line 4 of the template holds what is given for imports.
            RulePackException e = refused(TEMPLATE.formatted(attribute, "insert(new Finding(\"x\", $c.caseId(), "
                    + "\"m\", java.util.List.of()));"));
            assertThat(e.problems()).as(e.getMessage()).anySatisfy(p -> {
                assertThat(p.source()).isEqualTo("policy.drl");
                assertThat(p.line()).isEqualTo(4);
                assertThat(p.message()).contains("package org.example.policy", "'" + name + "'", "the session's clock",
                        "unrestricted()");
            });
        }
    }

    @Nested
    @DisplayName("trust comes from where a pack was loaded")
    class Trust {

        @Test
        void anUnrestrictedPackMayUseAnyJava() {
            RulePack pack = RulePack.drl("policy.drl", TEMPLATE.formatted("", "String home = System.getProperty(\"user.home\");"));

            assertThat(pack.restricted()).isTrue();
            assertThat(pack.unrestricted().restricted()).isFalse();
            assertThatCode(() -> ComplianceEngine.builder().rulePack(pack.unrestricted()).build())
                    .doesNotThrowAnyException();
        }

        @Test
        void packsFromAFolderOrAFileAreRestrictedAndEveryUseIsNamed(@TempDir Path folder) throws IOException {
            Path drl = Files.writeString(folder.resolve("policy.drl"), TEMPLATE.formatted("",
                    "String home = System.getenv(\"HOME\");\n    new ProcessBuilder(\"sh\").start();"));

            for (RulePack pack : List.of(RulePack.directory(folder), RulePack.file(drl))) {
                assertThat(pack.restricted()).as(pack.origin()).isTrue();
                RulePackException e = catchThrowableOfType(RulePackException.class,
                        () -> ComplianceEngine.builder().rulePack(pack).build());
                assertThat(e).as(pack.origin()).isNotNull();
                assertThat(e.problems()).extracting(Problem::source).containsOnly(drl.toString());
                assertThat(e.problems()).extracting(Problem::line).contains(11, 12);
            }
        }

        @Test
        void aUsersClasspathPackIsRestricted() {
            assertThat(RulePack.classpath("packs/clock").restricted()).as("a user's classpath pack").isTrue();
        }

        @Test
        void aPackUnderNiyamsOwnFolderNameButNotInNiyamsJarIsRestricted() {
            // The test classes hold org/niyam/compliance/rules/impostor; Niyam's India pack is not on this class
            // path, and where it is, a pack in another jar or folder is still not Niyam's.
            RulePack impostor = RulePack.classpath("org/niyam/compliance/rules/impostor");

            assertThat(impostor.restricted()).isTrue();
            RulePackException e = catchThrowableOfType(RulePackException.class,
                    () -> ComplianceEngine.builder().rulePack(impostor).build());
            assertThat(e.problems()).anySatisfy(p -> {
                assertThat(p.source()).isEqualTo("classpath:org/niyam/compliance/rules/impostor/impostor.drl");
                assertThat(p.line()).isEqualTo(10);
                assertThat(p.message()).contains("rule 'impostor.rule'", "java.lang.System.getenv()");
            });
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource({"org/niyam/compliance/rules/../../../../packs/clock", "org/niyam/compliance/rules/./india/..",
                    "org/niyam/compliance/rules//india", "org\\niyam\\compliance\\rules\\india"})
        void aLocationWithDotSegmentsIsRefused(String location) {
            assertThatThrownBy(() -> RulePack.classpath(location))
                    .isInstanceOfSatisfying(RulePackException.class, e -> assertThat(e.problems()).singleElement()
                            .satisfies(p -> assertThat(p.message()).contains("is not a classpath folder")));
        }
    }

    @Nested
    @DisplayName("another pack's declared types and functions")
    class OtherPacks {

        /** A pack that declares a fact type, inserts one for each complaint, and has a function. */
        static final String FLAGS = """
                package org.example.flags;
                import org.niyam.compliance.india.*;
                import org.niyam.compliance.model.*;

                declare Flag
                    id : String
                    raised : boolean
                end

                function String flagName(String id) {
                    return "flag " + id;
                }

                rule "flags.flag"
                    @citation("Flags 1")
                when
                    $c : ComplaintReceived()
                then
                    insert(new Flag($c.id(), false));
                end
                """;

        /** The consequence is on line 11, as in {@link #TEMPLATE}. */
        static final String USES = """
                package org.example.policy;
                import org.niyam.compliance.india.*;
                import org.niyam.compliance.model.*;
                import org.example.flags.Flag;

                rule "x.rule"
                    @citation("Policy 1")
                when
                    $f : Flag()
                then
                    %s
                end
                """;

        static RulePackException refusedBeside(RulePack flags, String consequence) {
            RulePack policy = RulePack.drl("policy.drl", USES.formatted(consequence));
            RulePackException e = catchThrowableOfType(RulePackException.class, () -> ComplianceEngine.builder()
                    .rulePack(flags).rulePack(policy).build());
            assertThat(e).as("the engine refuses:\n%s", consequence).isNotNull();
            return e;
        }

        static void assertRefusedBeside(RulePack flags, String consequence, String used, String why) {
            RulePackException e = refusedBeside(flags, consequence);
            assertThat(e.problems()).as(e.getMessage()).anySatisfy(p -> {
                assertThat(p.source()).isEqualTo("policy.drl");
                assertThat(p.line()).isEqualTo(11);
                assertThat(p.message()).contains("rule 'x.rule' uses " + used + ", " + why, "unrestricted()");
            });
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', value = {
            "$f.setRaised(true);                               | org.example.flags.Flag.setRaised()",
            "$f.setId(\"forged\");                             | org.example.flags.Flag.setId()",
            "insert(new Flag(\"forged\", true));                | new org.example.flags.Flag",
            "insert(new org.example.flags.Flag(\"x\", true));   | new org.example.flags.Flag",
        })
        void aRestrictedPackMayNotCreateOrChangeAnotherPacksDeclaredFacts(String consequence, String used) {
            for (RulePack flags : List.of(RulePack.drl("flags.drl", FLAGS), RulePack.drl("flags.drl", FLAGS)
                    .unrestricted())) {
                assertRefusedBeside(flags, consequence, used, "of a type that pack 'flags.drl' declares: a "
                        + "restricted pack may read another pack's facts, not create them or change them");
            }
        }

        /**
         * Drools compiles a package's functions to static methods of its class {@code Rules<hash of the package>}: a
         * pack can name another's, and an unrestricted pack's functions are not checked.
         */
        @Test
        void aRestrictedPackMayNotCallAnotherPacksFunction() {
            String rules = "org.example.flags.RulesB0357949F573A26D8A570F678FB75D34";
            RulePack flags = RulePack.drl("flags.drl", FLAGS).unrestricted();
            RulePackException e = refusedBeside(flags, "String name = " + rules + ".flagName($f.getId());");

            assertThat(e.problems()).as(e.getMessage()).anySatisfy(p -> {
                assertThat(p.source()).isEqualTo("policy.drl");
                assertThat(p.line()).isEqualTo(11);
                assertThat(p.message()).contains("rule 'x.rule' uses " + rules + ".flagName(), of pack 'flags.drl': a "
                        + "restricted pack may not call another pack's functions");
            });
        }

        @Test
        void aRestrictedPackMayReadAnotherPacksDeclaredFacts() {
            RulePack flags = RulePack.drl("flags.drl", FLAGS);
            RulePack policy = RulePack.drl("policy.drl", """
                    package org.example.policy;
                    import java.util.List;
                    import org.niyam.compliance.model.*;
                    import org.example.flags.Flag;

                    rule "x.rule"
                        @citation("Policy 1")
                    when
                        $f : Flag(!raised, id != null)
                    then
                        insert(new Finding("policy.unraised", null, "Not raised: " + $f.getId() + " " + $f.getRaised()
                                + " " + $f.equals($f) + " " + $f, List.of($f.getId())));
                    end
                    """);

            assertThatCode(() -> ComplianceEngine.builder().rulePack(flags).rulePack(policy).build())
                    .doesNotThrowAnyException();
        }

        /** A pack whose declared type holds a list, an array and a StringBuilder, each of which can be changed. */
        static final String BASKETS = """
                package org.example.baskets;
                import org.niyam.compliance.india.*;

                declare Basket
                    id : String
                    items : java.util.List
                    names : String[]
                    note : StringBuilder
                    anything : Object
                end

                rule "baskets.basket"
                    @citation("Baskets 1")
                when
                    $c : ComplaintReceived()
                then
                    insert(new Basket($c.id(), new java.util.ArrayList(), new String[] {"a"}, new StringBuilder(),
                            new java.util.ArrayList()));
                end
                """;

        /**
         * Reading another pack's declared fact must not hand over something that changes it: a getter that returns a
         * list, an array, a StringBuilder or an Object (which a cast makes a list) is refused, since changing what it
         * returns changes the other pack's fact without the engine seeing it.
         */
        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', value = {
            "$b.getItems().add(\"forged\");                       | getItems() | java.util.List",
            "$b.getNames()[0] = \"forged\";                       | getNames() | java.lang.String[]",
            "$b.getNote().append(\"forged\");                     | getNote()  | java.lang.StringBuilder",
            "((java.util.List) $b.getAnything()).add(\"forged\"); | getAnything() | java.lang.Object",
        })
        void aRestrictedPackMayNotChangeAnotherPacksFactThroughWhatItsGettersReturn(String consequence, String getter,
                                                                                   String returned) {
            for (RulePack baskets : List.of(RulePack.drl("baskets.drl", BASKETS), RulePack.drl("baskets.drl", BASKETS)
                    .unrestricted())) {
                RulePack policy = RulePack.drl("policy.drl", """
                        package org.example.policy;
                        import org.example.baskets.Basket;

                        rule "x.rule"
                            @citation("Policy 1")
                        when
                            $b : Basket()
                        then
                            %s
                        end
                        """.formatted(consequence));

                RulePackException e = catchThrowableOfType(RulePackException.class, () -> ComplianceEngine.builder()
                        .rulePack(baskets).rulePack(policy).build());

                assertThat(e).as("refused: %s", consequence).isNotNull();
                assertThat(e.problems()).as(e.getMessage()).anySatisfy(p -> {
                    assertThat(p.source()).isEqualTo("policy.drl");
                    assertThat(p.line()).isEqualTo(9);
                    assertThat(p.message()).contains("rule 'x.rule' uses org.example.baskets.Basket." + getter
                            + ", of a type that pack 'baskets.drl' declares, which returns a " + returned
                            + ": a restricted pack may read another pack's facts, not change them", "unrestricted()");
                });
            }
        }

        /**
         * The first rule of an activation group to fire cancels the others': a restricted rule in another pack's group,
         * with a higher salience, would suppress that pack's conclusions. A group of the pack's own is its business.
         */
        @ParameterizedTest(name = "{0}")
        @CsvSource({"activation-group", "agenda-group", "ruleflow-group"})
        void aRestrictedPackMayNotShareAnotherPacksRuleGroup(String attribute) {
            String victim = """
                    package org.example.victim;
                    import org.niyam.compliance.india.*;
                    import org.niyam.compliance.model.*;

                    rule "victim.finds"
                        @citation("Victim 1")
                        %s "g"
                    when
                        $c : ComplaintReceived()
                    then
                        insert(new Finding("victim.code", $c.caseId(), "m", java.util.List.of()));
                    end
                    """.formatted(attribute);
            String policy = """
                    package org.example.policy;
                    import org.niyam.compliance.india.*;

                    rule "x.rule"
                        @citation("Policy 1")
                        salience 100
                        %s "%s"
                    when
                        $c : ComplaintReceived()
                    then
                    end
                    """;
            for (RulePack other : List.of(RulePack.drl("victim.drl", victim), RulePack.drl("victim.drl", victim)
                    .unrestricted())) {
                RulePackException e = catchThrowableOfType(RulePackException.class, () -> ComplianceEngine.builder()
                        .rulePack(other).rulePack(RulePack.drl("policy.drl", policy.formatted(attribute, "g")))
                        .build());

                assertThat(e).as("refused beside %s", other).isNotNull();
                assertThat(e.problems()).as(e.getMessage()).anySatisfy(p -> {
                    assertThat(p.source()).isEqualTo("policy.drl");
                    assertThat(p.line()).isEqualTo(7);
                    assertThat(p.message()).contains("rule 'x.rule' is in " + attribute + " 'g', which rules of pack "
                            + "'victim.drl' are in: a restricted pack's rules may not share", "unrestricted()");
                });
                assertThatCode(() -> ComplianceEngine.builder().rulePack(other)
                        .rulePack(RulePack.drl("policy.drl", policy.formatted(attribute, "policy-own"))).build())
                        .as("a group of its own").doesNotThrowAnyException();
            }
        }

        @Test
        void aRestrictedPackMayNotShareAnotherPacksPackage() {
            RulePack flags = RulePack.drl("flags.drl", FLAGS).unrestricted();
            RulePack policy = RulePack.drl("policy.drl", """
                    package org.example.flags;
                    import org.niyam.compliance.model.*;

                    rule "x.rule"
                        @citation("Policy 1")
                    when
                        $f : Flag()
                    then
                        $f.setRaised(true);
                    end
                    """);

            RulePackException e = catchThrowableOfType(RulePackException.class, () -> ComplianceEngine.builder()
                    .rulePack(flags).rulePack(policy).build());

            assertThat(e).isNotNull();
            assertThat(e.problems()).as(e.getMessage()).anySatisfy(p -> {
                assertThat(p.source()).isEqualTo("policy.drl");
                assertThat(p.message()).contains("package 'org.example.flags' is also the package of pack "
                        + "'flags.drl': a restricted pack's DRL must be in a package of its own", "unrestricted()");
            });
        }
    }

    @Test
    void aRefusedPackIsRefusedBeforeAnyOfItsCodeRuns() {
        // Salience and from expressions that are constants run when the rule base is built; none may run.
        String drl = TEMPLATE.formatted("", "").replace("    @citation(\"Policy 1\")",
                "    @citation(\"Policy 1\")\n    salience (Integer.valueOf(System.setProperty(\"niyam.test.ran\", \"1\") == null ? 1 : 2))");

        refused(drl);

        assertThat(System.getProperty("niyam.test.ran")).as("the salience expression never ran").isNull();
    }

    @Test
    void aDeclaredEnumsConstantWhoseArgumentIsNotALiteralIsRefusedBeforeItRuns() {
        // Drools loads a declared enum while it compiles the declared types, before any class is checked, and so ran
        // its constants' arguments (and said only "cannot be compiled ...: null" when one threw).
        String drl = TEMPLATE.formatted("""
                declare enum Level
                    LOW(1),
                    HIGH(System.setProperty("niyam.test.enum", "ran").length());
                    weight : int
                end""", "Level l = Level.LOW;");

        RulePackException e = refused(drl);

        assertThat(System.getProperty("niyam.test.enum")).as("the constant's argument never ran").isNull();
        assertThat(e.problems()).as(e.getMessage()).singleElement().satisfies(p -> {
            assertThat(p.source()).isEqualTo("policy.drl");
            assertThat(p.line()).isEqualTo(6);
            assertThat(p.message()).contains("declared enum 'Level', constant HIGH",
                    "System.setProperty(\"niyam.test.enum\", \"ran\").length() is not a literal", "unrestricted()");
        });
    }

    /**
     * The Java compiler's errors in the class Drools generates for a declared type named line 7 or 10 of that class,
     * as "rules:7", and no DRL file.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "declare Sub extends ComplaintReceived  | x : String | 4 | declared type 'Sub': The record ComplaintReceived "
                + "cannot be the superclass of Sub",
        "declare S                              | @Propagation(IMMEDIATE) | 5 | declared type 'S': IMMEDIATE cannot "
                + "be resolved",
    })
    void aDeclaredTypeWhoseGeneratedJavaDoesNotCompileIsPlacedInTheDrl(String declaration, String body, int line,
                                                                      String message) {
        String drl = TEMPLATE.formatted(declaration + "\n    " + body + "\n    id : String\nend", "");
        RulePackException e = refused(drl);
        assertThat(e.problems()).as(e.getMessage()).singleElement().satisfies(p -> {
            assertThat(p.source()).isEqualTo("policy.drl");
            assertThat(p.line()).isEqualTo(line);
            assertThat(p.message()).contains(message, "Drools copies a declared type's superclass, annotations and "
                    + "fields, as written, into a Java class");
        });
    }

    @Test
    void aDeclaredEnumWhoseConstantThrowsAsDroolsLoadsItIsPlacedAtItsDeclaration() {
        // Drools loads the enum while it compiles; the error it gave had no message: "cannot be compiled ...: null".
        String drl = TEMPLATE.formatted("""
                declare enum Level
                    LOW(1 / 0);
                    weight : int
                end""", "Level l = Level.LOW;");

        RulePackException e = refused(drl);

        assertThat(e.problems()).as(e.getMessage()).singleElement().satisfies(p -> {
            assertThat(p.source()).isEqualTo("policy.drl");
            assertThat(p.line()).isEqualTo(4);
            assertThat(p.message()).contains("declared enum 'Level' threw java.lang.ArithmeticException: / by zero "
                    + "as Drools loaded it");
        });
    }

    @Test
    void aDeclaredEnumWithLiteralArgumentsBuilds() {
        String drl = TEMPLATE.formatted("""
                import java.time.*;
                import java.time.temporal.ChronoUnit;
                declare enum Level
                    LOW(1, "low", Duration.ofDays(2), ChronoUnit.DAYS), HIGH(-2, "hi" + "gh", null, ChronoUnit.HOURS);
                    weight : int
                    label : String
                    within : Duration
                    unit : ChronoUnit
                end
                declare enum Graded
                    ONE(Level.LOW, (3 * 4));
                    level : Level
                    points : int
                end""", "Level l = Graded.ONE.getLevel();");

        assertThatCode(() -> ComplianceEngine.builder().rulePack(RulePack.drl("policy.drl", drl)).build())
                .doesNotThrowAnyException();
    }

    @Test
    void theDocsShowTheProblemTheEngineGives() throws IOException {
        String docs = Files.readString(Path.of("..", "docs", "restricted-drl.md"));
        String shown = docs.substring(docs.indexOf("```text") + "```text".length(), docs.indexOf("```", docs.indexOf("```text") + 7))
                .strip();

        RulePackException e = refused(TEMPLATE.formatted("", "String home = System.getenv(\"HOME\");"));

        assertThat(e.problems()).extracting(Problem::toString).containsExactly(shown);
    }
}
