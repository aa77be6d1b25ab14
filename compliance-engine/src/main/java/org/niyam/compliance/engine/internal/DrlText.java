package org.niyam.compliance.engine.internal;

/**
 * Which characters of DRL text are code, as opposed to comments and string literals; for the restricted-mode check
 * only. Everything else the engine reads from DRL reads its parsed form, {@link DrlAnalysis}. Not API.
 */
final class DrlText {

    private DrlText() {
    }

    /**
     * Which characters are code: not inside a comment or a string literal. String delimiters themselves count as
     * code, so a literal's position can be told from its content's.
     */
    static boolean[] codeMask(String text) {
        boolean[] code = new boolean[text.length() + 1];
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            char next = i + 1 < text.length() ? text.charAt(i + 1) : '\0';
            if (c == '/' && next == '/') {
                while (i < text.length() && text.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '/' && next == '*') {
                int end = text.indexOf("*/", i + 2);
                i = end < 0 ? text.length() : end + 2;
            } else if (c == '"' || c == '\'') {
                code[i++] = true;
                while (i < text.length() && text.charAt(i) != c && text.charAt(i) != '\n') {
                    i += text.charAt(i) == '\\' ? 2 : 1;
                }
                if (i < text.length()) {
                    code[i++] = true;
                }
            } else {
                code[i++] = true;
            }
        }
        code[text.length()] = true;
        return code;
    }


    /** The DRL with comments and string contents blanked to spaces; line breaks are kept, so line numbers stay true. */
    static String code(String text) {
        boolean[] code = codeMask(text);
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            out.append(code[i] || c == '\n' ? c : ' ');
        }
        return out.toString();
    }
}
