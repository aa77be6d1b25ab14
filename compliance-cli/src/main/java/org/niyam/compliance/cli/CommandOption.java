package org.niyam.compliance.cli;

import java.util.Objects;

/**
 * One option of a command, declared once for both the parser and the generated help.
 *
 * @param name        the option, e.g. {@code --as-of}
 * @param label       the label of its value in the help, e.g. {@code INSTANT}; null for a flag
 * @param repeatable  whether it may be given more than once (its values are kept in order)
 * @param description what it does, as one paragraph (the help wraps it)
 */
record CommandOption(String name, String label, boolean repeatable, String description) {

    CommandOption {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        if (!name.matches("--[a-z][a-z0-9-]*")) {
            throw new IllegalArgumentException("an option is --lower-case-words: " + name);
        }
        if (label == null && repeatable) {
            throw new IllegalArgumentException(name + ": a flag cannot repeat");
        }
        if (description.isBlank()) {
            throw new IllegalArgumentException(name + ": no description");
        }
    }

    /** An option without a value. */
    static CommandOption flag(String name, String description) {
        return new CommandOption(name, null, false, description);
    }

    /** An option with a value, given at most once. */
    static CommandOption value(String name, String label, String description) {
        return new CommandOption(name, label, false, description);
    }

    /** An option with a value, given any number of times. */
    static CommandOption repeatable(String name, String label, String description) {
        return new CommandOption(name, label, true, description);
    }

    boolean isFlag() {
        return label == null;
    }
}
