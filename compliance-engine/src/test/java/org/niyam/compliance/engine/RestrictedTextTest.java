package org.niyam.compliance.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.niyam.compliance.engine.RestrictedDrlTest.TEMPLATE;
import static org.niyam.compliance.engine.RestrictedDrlTest.assertRefused;
import static org.niyam.compliance.engine.RestrictedDrlTest.refused;

import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.niyam.compliance.india.ComplaintReceived;
import org.niyam.compliance.model.Finding;
import org.niyam.compliance.pack.RulePack;
import org.niyam.compliance.pack.RulePackException;

/**
 * Restricted packs turn into text only values whose text is their own: {@code Object.toString} names an object's
 * identity hash code, which the JVM chooses afresh at each start, so a finding that quoted one differed from one run
 * to the next. The check follows each value's static type through the compiled code (docs/restricted-drl.md, 5.).
 */
class RestrictedTextTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "String s = \"\" + new Object();                                  | java.lang.Object turned into text (a string concatenation or String.valueOf)",
        "String s = \"seen \" + java.util.List.of($c.id());                | java.util.List turned into text (a string concatenation or String.valueOf)",
        "String s = String.valueOf(java.util.List.of($c.id()).iterator()); | java.util.Iterator turned into text (a string concatenation or String.valueOf)",
        "Object o = java.util.List.of(); StringBuilder b = new StringBuilder(); b.append(o); | java.util.List turned into text (StringBuilder.append)",
        "String s = java.util.Objects.toString(new int[0]);               | int[] turned into text",
        "String s = java.util.List.of($c.category()).toString();          | java.util.List turned into text (toString())",
        "String s = new Object() { }.toString();                          | turned into text (toString())",
        "class P { } String s = \"p\" + new P();                           | P turned into text (a string concatenation or String.valueOf)",
        "class P { public String toString() { return super.toString(); } } String s = \"p\" + new P(); | java.lang.Object turned into text (toString())",
        "CharSequence q = new CharSequence() { public int length() { return 1; } public char charAt(int i) { return 'q'; } public CharSequence subSequence(int a, int b) { return this; } public String toString() { return \"q\" + super.toString(); } }; String s = String.join(\",\", q); | java.lang.Object turned into text (toString())",
        "String s = \"\" + new Finding(\"x\", $c.caseId(), \"m\", java.util.List.of(), null); | org.niyam.compliance.model.Finding turned into text",
        "String s = String.format(java.util.Locale.ROOT, \"%s\", java.util.List.of()); | java.util.List turned into text (String.format)",
        "java.util.function.Function<Object, String> f = String::valueOf; | java.lang.Object turned into text (a string concatenation or String.valueOf)",
    })
    void aValueWhoseTextMayBeItsIdentityIsRefused(String consequence, String used) {
        assertRefused(TEMPLATE.formatted("", consequence), 11, "rule 'x.rule'", used);
        assertThat(refused(TEMPLATE.formatted("", consequence)).getMessage())
                .contains("identity hash code", "String.join");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "String s = String.format(java.util.Locale.ROOT, \"%h\", $c.category()); | %h in a format",
        "String s = String.format(java.util.Locale.ROOT, \"%S-%H\", $c.id(), $c.id()); | %H in a format",
        "String s = String.format(java.util.Locale.ROOT, \"%s%n\", $c.id());     | %n in a format",
        "String s = String.format(java.util.Locale.ROOT, \"%tF\", 0L);           | %t of a Long in a format",
        "String f = $c.id(); String s = String.format(java.util.Locale.ROOT, f, 1); | a format that is not a string constant",
        "Object[] a = { $c.id() }; java.util.Arrays.asList(a); String s = String.format(java.util.Locale.ROOT, \"%s\", a); | arguments not written in the call",
        "Object[] a = { $c.id() }; java.util.Arrays.asList((Object[]) (Object) a); String s = String.format(java.util.Locale.ROOT, \"%s\", a); | arguments not written in the call",
    })
    void aFormatThatReadsTheMachineOrAnIdentityIsRefused(String consequence, String used) {
        assertRefused(TEMPLATE.formatted("", consequence), 11, "rule 'x.rule'", used);
    }

    /** Ordinary code the allowlist refuses is told what to write instead. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "record R(String id) { } String s = new R($c.id()).id();               | declare a class with a toString of its own instead",
        "java.util.List.of($c.id()).forEach(x -> { String s = x; });         | write a for loop instead",
    })
    void aRefusalWithAWayAroundSaysIt(String consequence, String instead) {
        assertRefused(TEMPLATE.formatted("", consequence), 11, "rule 'x.rule'", instead);
    }

    /** The JVM's messages name class loaders by identity hash code, or are null under some flags. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "String s; try { s = \"\" + Integer.parseInt($c.id()); } catch (NumberFormatException e) { s = e.getMessage(); } | java.lang.Throwable.getMessage()",
        "String s; try { s = \"\" + Integer.parseInt($c.id()); } catch (NumberFormatException e) { s = \"bad: \" + e; } | java.lang.NumberFormatException turned into text",
    })
    void anExceptionsMessageIsRefused(String consequence, String used) {
        assertRefused(TEMPLATE.formatted("", consequence), 11, "rule 'x.rule'", used);
    }

    /** A list that came through code without generics holds what it holds: the rule that made it is named. */
    @Test
    void evidenceThatIsNotTextFailsInTheRuleThatGaveIt() {
        ComplianceEngine engine = ComplianceEngine.builder().rulePack(RulePack.drl("policy.drl", TEMPLATE.formatted("",
                "java.util.List raw = new java.util.ArrayList(); raw.add(Integer.valueOf(1)); "
                        + "insert(new Finding(\"x.raw\", $c.caseId(), \"m\", raw));"))).build();
        ComplaintReceived complaint = TestPacks.complaint("c-1", "K", OffsetDateTime.parse("2026-03-01T10:00+05:30"));
        assertThatThrownBy(() -> engine.evaluate(TestPacks.evidence(complaint), complaint.at()))
                .isInstanceOf(org.niyam.compliance.pack.RuleExecutionException.class)
                .hasMessageContaining("rule 'x.rule'")
                .hasMessageContaining("Finding.evidence[0] must be a string, not a java.lang.Integer");
    }

    @Test
    void aCharSequenceWithoutTextOfItsOwnIsRefused() {
        // String.join calls each element's toString: Object's, for a class that does not declare one.
        String consequence = "class Q implements CharSequence { public int length() { return 1; } "
                + "public char charAt(int i) { return 'q'; } "
                + "public CharSequence subSequence(int a, int b) { return this; } } "
                + "String s = String.join(\",\", new Q());";
        assertRefused(TEMPLATE.formatted("", consequence), 11, "rule 'x.rule'", "a CharSequence without text of its own");
    }

    @Test
    void aDeclaredTypeHoldingAnObjectIsRefusedAsTextButNotWhenDeclared() {
        String declared = """
                declare Holder
                    payload : Object
                end
                """;
        // Declaring it and using it otherwise is fine; its generated toString is refused only where it is asked for.
        assertThatCode(() -> ComplianceEngine.builder().rulePack(RulePack.drl("policy.drl",
                TEMPLATE.formatted(declared, "insert(new Holder($c.id()));"))).build()).doesNotThrowAnyException();
        RulePackException e = refused(TEMPLATE.formatted(declared, "String s = \"\" + new Holder($c.id());"));
        assertThat(e.getMessage()).contains("Holder turned into text (a string concatenation or String.valueOf)");
    }

    /** What has text of its own builds, and its findings quote it: the same in every run. */
    @Test
    void valuesWithTextOfTheirOwnBuildAndAreQuoted() {
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
                    class Named { public String toString() { return "named " + $c.id(); } }
                    String text = "" + $c.id() + " " + $c.category() + " " + $c.at() + " " + 1 + " " + 2L + " " + 'c'
                            + " " + true + " " + null + " " + new Seen($c.category(), $c.id()) + " " + new Named()
                            + " " + $c + " " + String.join("+", java.util.List.of($c.id(), "b"))
                            + String.format(java.util.Locale.ROOT, " %s %d %tF %.1f", $c.id(), 3, $c.at(), 1.5);
                    insert(new Finding("x.text", $c.caseId(), text, java.util.List.of()));
                end
                """;
        ComplianceEngine engine = ComplianceEngine.builder().rulePack(RulePack.drl("policy.drl", drl)).build();
        ComplaintReceived complaint = TestPacks.complaint("c-1", "K", OffsetDateTime.parse("2026-03-01T10:00+05:30"));
        List<Finding> findings = engine.evaluate(TestPacks.evidence(complaint), complaint.at()).findings().stream()
                .filter(f -> f.code().equals("x.text")).toList();
        assertThat(findings).singleElement().extracting(Finding::message).asString()
                .startsWith("c-1 " + complaint.category() + " 2026-03-01T10:00+05:30 1 2 c true null ")
                .contains("Seen( ", "named c-1", complaint.toString(), "c-1+b", " c-1 3 2026-03-01 1.5");
    }
}
