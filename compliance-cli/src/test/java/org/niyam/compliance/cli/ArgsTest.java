package org.niyam.compliance.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ArgsTest {

    private static Args parse(String... args) {
        return Args.parse(args, CommandSpecs.spec("test", List.of(CommandOption.flag("--strict", "strict"),
                CommandOption.value("--as-of", "INSTANT", "as of"), CommandOption.repeatable("--rules", "PATH", "rules"))));
    }

    @Test
    void flagsOptionsAndPositionalsInAnyOrder() {
        Args args = parse("a.jsonl", "--strict", "--as-of", "2026-03-01T00:00Z", "--rules=x", "b.jsonl", "--rules", "y");

        assertThat(args.flag("--strict")).isTrue();
        assertThat(args.value("--as-of", null)).isEqualTo("2026-03-01T00:00Z");
        assertThat(args.values("--rules")).containsExactly("x", "y");
        assertThat(args.positionals()).containsExactly("a.jsonl", "b.jsonl");
        assertThat(args.value("--format", "text")).isEqualTo("text");
    }

    @Test
    void doubleDashEndsOptionsAndDashIsPositional() {
        Args args = parse("--", "--strict", "-");

        assertThat(args.flag("--strict")).isFalse();
        assertThat(args.positionals()).containsExactly("--strict", "-");
    }

    @Test
    void helpIsAlwaysKnown() {
        assertThat(parse("-h").flag("--help")).isTrue();
        assertThat(parse("--help").flag("--help")).isTrue();
    }

    @Test
    void mistakesAreUsageErrorsThatSayWhat() {
        assertThatThrownBy(() -> parse("--frobnicate")).isInstanceOf(UsageException.class)
                .hasMessage("unknown option --frobnicate");
        assertThatThrownBy(() -> parse("--as-of")).hasMessage("--as-of needs a value");
        assertThatThrownBy(() -> parse("--as-of", "x", "--as-of", "y")).hasMessage("--as-of given twice");
        assertThatThrownBy(() -> parse("--strict=yes")).hasMessage("--strict takes no value");
    }

    @Test
    void aMisspeltOptionGetsWhatWasMeant() {
        assertThatThrownBy(() -> parse("--strcit")).isInstanceOf(UsageException.class)
                .hasMessage("unknown option --strcit; did you mean --strict?");
        assertThatThrownBy(() -> parse("--as_of", "2026-03-01T00:00Z")).hasMessageStartingWith("unknown option --as_of; did you mean --as-of");
    }

    @Test
    void anArgumentStartingWithAtIsAFileNameNotAnArgumentFile() {
        assertThat(parse("@cases.jsonl").positionals()).containsExactly("@cases.jsonl");
    }
}
