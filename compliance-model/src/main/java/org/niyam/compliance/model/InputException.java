package org.niyam.compliance.model;

/**
 * The input is broken: malformed JSON, a missing or mistyped field, an instant without offset, two different
 * events with one id. Names where: the source, the line (0 when unknown) and the field path.
 */
public final class InputException extends RuntimeException {

    private final String source;
    private final int line;
    private final String field;
    private final String problem;

    public InputException(String source, int line, String field, String message, Throwable cause) {
        super(format(source, line, field, message), cause);
        this.source = source;
        this.line = line;
        this.field = field;
        this.problem = message;
    }

    /** What is wrong, without the location: the message as given, before source, line and field are added. */
    public String problem() {
        return problem;
    }

    /** The file or stream the input came from. */
    public String source() {
        return source;
    }

    /** 1-based line of the problem, or 0 when unknown. */
    public int line() {
        return line;
    }

    /** Path of the offending field, e.g. {@code events[3].at}, or empty when the whole document is at fault. */
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
