package org.niyam.compliance.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DrlTextTest {

    private static final String DRL = String.join("\n",
            "package p;",                                     // 1
            "rule \"a\"",                                     // 2
            "when",                                           // 3
            "    $c : ComplaintReceived() // Dutyx in a comment", // 4
            "then",                                           // 5
            "    String s = \"Dutyx in a string\";",          // 6
            "    insert(new Dutyx(1));",                      // 7
            "end",                                            // 8
            "rule \"b\"",                                     // 9
            "when then",                                      // 10
            "    insert(new Dutyx(2));",                      // 11
            "end");

    @Test
    void commentsAndStringsAreBlankedButLinesKept() {
        String code = DrlText.code(DRL);

        assertThat(code.split("\n", -1)).hasSameSizeAs(DRL.split("\n", -1));
        assertThat(code).doesNotContain("in a comment", "in a string").contains("insert(new Dutyx(1));");
    }
}
