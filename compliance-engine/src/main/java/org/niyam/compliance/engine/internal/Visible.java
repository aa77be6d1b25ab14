package org.niyam.compliance.engine.internal;

/**
 * Whether a name a restricted pack gives (a rule name, a duty key, a finding code) is written in visible characters:
 * one holding an invisible character (a zero-width space, a joiner, a control or format character, a space other than
 * a single inner space) would print as another pack's name, so that a restricted pack's obligation passed in a
 * report for another pack's ({@code complaint.acknowledge\u200b@c-1} beside {@code complaint.acknowledge@c-1}). Not
 * API.
 */
final class Visible {

    private Visible() {
    }

    /**
     * The first invisible character of {@code name}, as {@code U+200B}, or {@code null} when every character is
     * visible: control, format, line and paragraph separators, private use, unassigned and surrogate code points,
     * spaces other than {@code ' '}, a space at either end, and the fillers and selectors that show nothing.
     */
    static String firstInvisible(String name) {
        if (name == null) {
            return null;
        }
        for (int i = 0; i < name.length(); ) {
            int c = name.codePointAt(i);
            boolean atEnd = i == 0 || i + Character.charCount(c) == name.length();
            if (c == ' ' ? atEnd : invisible(c)) {
                return String.format(java.util.Locale.ROOT, "U+%04X", c);
            }
            i += Character.charCount(c);
        }
        return null;
    }

    /** {@code name} with each invisible character written as {@code \\u} and its code, to be shown in a message. */
    static String shown(String name) {
        StringBuilder out = new StringBuilder();
        name.codePoints().forEach(c -> {
            if (c != ' ' && invisible(c)) {
                out.append(String.format(java.util.Locale.ROOT, "\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }

    private static boolean invisible(int c) {
        switch (Character.getType(c)) {
            case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                 Character.SPACE_SEPARATOR, Character.PRIVATE_USE, Character.UNASSIGNED, Character.SURROGATE -> {
                return true;
            }
            default -> {
                // Hangul fillers, the combining grapheme joiner, Mongolian and other variation selectors, Khmer
                // inherent vowels: letters or marks that show nothing.
                return c == 0x115F || c == 0x1160 || c == 0x3164 || c == 0xFFA0 || c == 0x034F || c == 0x17B4
                        || c == 0x17B5 || (c >= 0x180B && c <= 0x180F) || (c >= 0xFE00 && c <= 0xFE0F)
                        || (c >= 0xE0100 && c <= 0xE01EF);
            }
        }
    }
}
