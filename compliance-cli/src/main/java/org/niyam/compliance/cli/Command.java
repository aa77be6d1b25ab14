package org.niyam.compliance.cli;

import java.util.List;

/**
 * One command of {@code niyam}: its name, the options it takes, the text of its help, and what it does. The parser
 * and the help are generated from the same declaration by picocli (see {@link CommandSpecs}).
 */
public interface Command {

    /** {@return the word that selects it, e.g. {@code audit}} */
    String name();

    /** {@return one line for the list of commands} */
    String summary();

    /** {@return the usage line, e.g. {@code niyam audit FILE... [options]}} */
    String synopsis();

    /** {@return what the command does, shown before its options: lines as they are shown} */
    String description();

    /**
     * {@return the options it takes, in the order the help lists them} {@code --help} is added to every command.
     */
    default List<CommandOption> options() {
        return List.of();
    }

    /** {@return what is shown after the options: exit codes and examples, lines as they are shown} */
    String footer();

    /** {@return the full help, shown by {@code niyam COMMAND --help}: generated from the above} */
    default String help() {
        return CommandSpecs.usage(CommandSpecs.of(this));
    }

    /**
     * Runs the command.
     *
     * @param args the command's arguments, parsed against its options
     * @param io   where it writes, and its clock and working directory
     * @return the exit code (see {@link Exit})
     * @throws UsageException when the arguments make no sense; the caller prints the message and the help hint
     */
    int run(Args args, Io io);
}
