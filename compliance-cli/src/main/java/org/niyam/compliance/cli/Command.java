package org.niyam.compliance.cli;

import java.util.Set;

/** One command of {@code niyam}: its name, its help, the options it takes, and what it does. */
public interface Command {

    /** The word that selects it, e.g. {@code audit}. */
    String name();

    /** One line for the list of commands. */
    String summary();

    /** The full help, shown by {@code niyam COMMAND --help}. */
    String help();

    /** Options without a value. */
    default Set<String> flags() {
        return Set.of();
    }

    /** Options with a value, given at most once. */
    default Set<String> options() {
        return Set.of();
    }

    /** Options with a value, given any number of times. */
    default Set<String> repeatableOptions() {
        return Set.of();
    }

    /**
     * Runs the command.
     *
     * @return the exit code (see {@link Exit})
     * @throws UsageException when the arguments make no sense; the caller prints the message and the help hint
     */
    int run(Args args, Io io);
}
