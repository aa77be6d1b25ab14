package org.niyam.compliance.cli;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * The picocli model of a command: what {@link Args} parses against and what {@code --help} is generated from, both
 * from the command's {@link CommandOption}s.
 */
final class CommandSpecs {

    /** Wide enough for the help's pre-wrapped paragraphs; option descriptions are wrapped to it. */
    static final int WIDTH = 110;

    private CommandSpecs() {
    }

    /** The parser's model of a command named {@code name} with these options, any number of positionals, --help. */
    static CommandSpec spec(String name, List<CommandOption> options) {
        CommandSpec spec = CommandSpec.create().name(name);
        spec.parser().overwrittenOptionsAllowed(false).posixClusteredShortOptionsAllowed(false)
                .abbreviatedOptionsAllowed(false).expandAtFiles(false);
        for (CommandOption option : options) {
            OptionSpec.Builder builder = OptionSpec.builder(option.name()).description(escaped(option.description()));
            if (option.isFlag()) {
                builder.arity("0").type(boolean.class);
            } else if (option.repeatable()) {
                builder.arity("1").type(List.class).auxiliaryTypes(String.class).paramLabel(option.label());
            } else {
                builder.arity("1").type(String.class).paramLabel(option.label());
            }
            spec.addOption(builder.build());
        }
        spec.addOption(OptionSpec.builder("--help", "-h").usageHelp(true).description("Show this help.").build());
        spec.addPositional(PositionalParamSpec.builder().arity("0..*").type(List.class).auxiliaryTypes(String.class)
                .hidden(true).build());
        return spec;
    }

    /** A command's whole model: its options, and the text of its help. */
    static CommandSpec of(Command command) {
        CommandSpec spec = spec(command.name(), command.options());
        spec.usageMessage().width(WIDTH).autoWidth(false).customSynopsis(escaped(command.synopsis()))
                .sortOptions(false).descriptionHeading("%n").description(lines(command.description())).optionListHeading("%nOptions:%n")
                .footerHeading("%n").footer(lines(command.footer()));
        return spec;
    }

    /** The model of {@code niyam} itself: the list of commands, for its help and its suggestions of a command. */
    static CommandSpec niyam(List<Command> commands, String description, String footer) {
        CommandSpec spec = CommandSpec.create().name("niyam");
        spec.parser().expandAtFiles(false);
        for (Command command : commands) {
            spec.addSubcommand(command.name(), new CommandLine(CommandSpec.create().name(command.name())
                    .usageMessage(new CommandLine.Model.UsageMessageSpec().description(escaped(command.summary())))));
        }
        spec.addSubcommand("help", new CommandLine(CommandSpec.create().name("help").usageMessage(
                new CommandLine.Model.UsageMessageSpec().description(
                        "Show a command's help (the same as niyam COMMAND --help).")).addPositional(
                PositionalParamSpec.builder().paramLabel("COMMAND").arity("0..1").build())));
        spec.usageMessage().width(WIDTH).autoWidth(false).customSynopsis("niyam COMMAND [ARGS...]")
                .descriptionHeading("%n").description(lines(description)).commandListHeading("%nCommands:%n")
                .footerHeading("%n").footer(lines(footer));
        return spec;
    }

    /** The help, without colours. */
    static String usage(CommandSpec spec) {
        return new CommandLine(spec).getUsageMessage(CommandLine.Help.Ansi.OFF);
    }

    /** The lines of a text block, as picocli shows them: one element a line, blank lines kept. */
    private static String[] lines(String text) {
        return text.strip().lines().map(CommandSpecs::escaped).toArray(String[]::new);
    }

    /** picocli formats help text with String.format: a literal % is %%. */
    private static String escaped(String text) {
        return text.replace("%", "%%");
    }
}
