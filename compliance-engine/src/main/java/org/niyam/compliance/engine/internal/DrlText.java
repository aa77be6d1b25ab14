package org.niyam.compliance.engine.internal;

/** Reading DRL as text: which characters are code, as opposed to comments and string literals. Not API. */
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

    private static final java.util.regex.Pattern THEN = java.util.regex.Pattern.compile("(^|\\s)then(\\s|$)");

    /** Names in the Java compiler's messages that point at the code at fault. */
    private static final java.util.regex.Pattern NAMED = java.util.regex.Pattern.compile(
            "([A-Za-z_$][\\w$]*) cannot be resolved|The method ([A-Za-z_$][\\w$]*)"
                    + "|([A-Za-z_$][\\w$]*) is undefined|The constructor ([A-Za-z_$][\\w$]*)");

    /**
     * Drools places an error in a rule's consequence on the line of the rule; when the message names what is wrong
     * ("Dutyx cannot be resolved to a type"), this finds the consequence line that names it. Any other error keeps
     * its line.
     */
    static int consequenceLine(String text, int ruleLine, String message) {
        java.util.regex.Matcher named = NAMED.matcher(message);
        if (ruleLine <= 0 || !message.startsWith("Rule Compilation error") || !named.find()) {
            return ruleLine;
        }
        String name = named.group(1) != null ? named.group(1) : named.group(2) != null ? named.group(2)
                : named.group(3) != null ? named.group(3) : named.group(4);
        java.util.regex.Pattern word = java.util.regex.Pattern.compile("(?<![\\w$])" + java.util.regex.Pattern.quote(name)
                + "(?![\\w$])");
        String[] lines = code(text).split("\n", -1);
        boolean inConsequence = false;
        for (int i = ruleLine - 1; i < lines.length; i++) {
            String line = lines[i].strip();
            if (!inConsequence) {
                inConsequence = THEN.matcher(line).find();
                continue;
            }
            if (line.equals("end")) {
                break;
            }
            if (word.matcher(lines[i]).find()) {
                return i + 1;
            }
        }
        return ruleLine;
    }
}
