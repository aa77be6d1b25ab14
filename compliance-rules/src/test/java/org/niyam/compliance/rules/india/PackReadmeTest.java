package org.niyam.compliance.rules.india;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Keeps the pack README's "What is encoded" table true: every rule of the pack is listed, in the row of the clause
 * it cites, and every rule id and test class the table names exists.
 */
@DisplayName("README.md: the 'What is encoded' table")
class PackReadmeTest {

    private static final Path README = Path.of("README.md");
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");

    /** One row of the table. */
    record Row(String clause, List<String> ruleIds, String ruleIdCell, List<String> testClasses) {
    }

    private static List<Row> rows;

    @BeforeAll
    static void readTable() throws IOException {
        List<String> lines = Files.readAllLines(README, StandardCharsets.UTF_8);
        int start = lines.indexOf("## What is encoded");
        assertThat(start).as("a '## What is encoded' section in %s", README.toAbsolutePath()).isNotNegative();
        List<String> table = new ArrayList<>();
        for (String line : lines.subList(start + 1, lines.size())) {
            if (line.startsWith("## ")) {
                break;
            }
            if (line.startsWith("|")) {
                table.add(line);
            }
        }
        assertThat(table).as("the table's lines").hasSizeGreaterThan(2);
        List<String> header = cells(table.get(0));
        int clause = header.indexOf("clause");
        int ruleIds = header.indexOf("rule ids");
        int tests = header.indexOf("tests");
        assertThat(List.of(clause, ruleIds, tests)).as("columns 'clause', 'rule ids', 'tests' in %s", header)
                .doesNotContain(-1);
        rows = new ArrayList<>();
        for (String line : table.subList(2, table.size())) {
            List<String> cells = cells(line);
            assertThat(cells).as("cells of %s", line).hasSameSizeAs(header);
            rows.add(new Row(cells.get(clause), code(cells.get(ruleIds)), cells.get(ruleIds), code(cells.get(tests))));
        }
    }

    private static List<String> cells(String line) {
        String inner = line.strip();
        inner = inner.substring(1, inner.endsWith("|") ? inner.length() - 1 : inner.length());
        List<String> cells = new ArrayList<>();
        for (String cell : inner.split("\\|", -1)) {
            cells.add(cell.strip());
        }
        return cells;
    }

    private static List<String> code(String cell) {
        List<String> found = new ArrayList<>();
        Matcher m = CODE.matcher(cell);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    private static List<String> tableRuleIds() {
        return rows.stream().flatMap(r -> r.ruleIds().stream()).toList();
    }

    @Test
    @DisplayName("every rule of the engine appears in the table")
    void everyRuleIsListed() {
        assertThat(tableRuleIds()).as("rule ids in the README table")
                .containsAll(IndiaPack.engine().ruleIds());
    }

    @Test
    @DisplayName("every rule id in the table exists, and is listed once")
    void everyListedRuleExists() {
        assertThat(IndiaPack.engine().ruleIds()).as("rule ids of the engine").containsAll(tableRuleIds());
        assertThat(tableRuleIds()).as("rule ids in the README table").doesNotHaveDuplicates();
    }

    @Test
    @DisplayName("rule ids are spelled out, without brace shorthand")
    void noShorthand() {
        for (Row row : rows) {
            assertThat(row.ruleIdCell()).as("rule ids of %s", row.clause()).doesNotContain("{", "}");
            assertThat(row.ruleIds()).as("rule ids of %s", row.clause()).isNotEmpty();
        }
    }

    @Test
    @DisplayName("each rule sits in the row of the clause it cites")
    void rulesInTheirClauseRow() {
        for (Row row : rows) {
            for (String id : row.ruleIds()) {
                assertThat(IndiaPack.engine().clauseOf(id)).as("clause cited by %s, listed under %s", id, row.clause())
                        .startsWith(row.clause());
            }
        }
    }

    @Test
    @DisplayName("one row per clause")
    void oneRowPerClause() {
        Set<String> clauses = new LinkedHashSet<>();
        for (Row row : rows) {
            assertThat(clauses.add(row.clause())).as("clause %s has one row", row.clause()).isTrue();
        }
    }

    @Test
    @DisplayName("every test class named in the table exists")
    void everyTestClassExists() {
        for (Row row : rows) {
            assertThat(row.testClasses()).as("test classes of %s", row.clause()).isNotEmpty();
            for (String name : row.testClasses()) {
                assertThatCode(() -> Class.forName(PackReadmeTest.class.getPackageName() + "." + name))
                        .as("test class %s, named for %s", name, row.clause()).doesNotThrowAnyException();
            }
        }
    }
}
