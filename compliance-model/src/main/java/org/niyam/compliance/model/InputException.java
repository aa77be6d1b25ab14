package org.niyam.compliance.model;

/**
 * The input is broken: malformed JSON, a missing or mistyped field, an instant without offset, two different
 * events with one id. Names where: the source, the line (0 when unknown) and the field path.
 */
public final class InputException extends RuntimeException {

    /** The file or stream the input came from. */
    private final String source;
    /** 1-based line of the problem, or 0 when unknown. */
    private final int line;
    /** Path of the offending field, or empty. */
    private final String field;
    /** The message without its location. */
    private final String problem;

    /**
     * A problem in the input; the message becomes {@code source:line: field path: message}, leaving out the line
     * when it is 0 and the field when it is empty.
     *
     * @param source  the file or stream the input came from, e.g. {@code cases.jsonl} or {@code <stdin>}
     * @param line    1-based line of the problem, or 0 when unknown
     * @param field   path of the offending field, e.g. {@code events[3].at}, or empty when the whole document is at
     *                fault
     * @param message what is wrong and what was expected, in a sentence
     * @param cause   the parser's exception, or {@code null}
     */
    public InputException(String source, int line, String field, String message, Throwable cause) {
        super(format(source, line, field, message), cause);
        this.source = source;
        this.line = line;
        this.field = field;
        this.problem = message;
    }

    /**
     * {@return what is wrong, without the location} The message as given, before source, line and field are added.
     */
    public String problem() {
        return problem;
    }

    /** {@return the file or stream the input came from} */
    public String source() {
        return source;
    }

    /** {@return the 1-based line of the problem, or 0 when unknown} */
    public int line() {
        return line;
    }

    /** {@return the path of the offending field, e.g. {@code events[3].at}, or empty when the whole document is at fault} */
    public String field() {
        return field;
    }

    private static String format(String source, int line, String field, String message) {
        StringBuilder text = new StringBuilder(source);
        if (line > 0) {
            text.append(':').append(line);
        }
        if (!field.isEmpty()) {
            text.append(": field ").append(field);
        }
        return text.append(": ").append(message).toString();
    }
}
