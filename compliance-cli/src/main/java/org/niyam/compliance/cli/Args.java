package org.niyam.compliance.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * A command's arguments, as picocli parsed them: flags ({@code --strict}), options with a value
 * ({@code --as-of 2026-03-01T00:00Z} or {@code --as-of=...}, some repeatable) and positional arguments.
 * {@code --} ends the options; {@code -} is a positional argument.
 */
public final class Args {

    private final Map<String, List<String>> options = new LinkedHashMap<>();
    private final List<String> positionals = new ArrayList<>();

    private Args() {
    }

    /**
     * Parses arguments against a command's options (see {@link CommandSpecs}).
     *
     * @throws UsageException for an unknown option (with picocli's suggestions of what was meant), a missing value,
     *                        a value given to a flag, or a single option given twice
     */
    static Args parse(String[] args, CommandSpec spec) {
        for (String arg : args) {
            if (arg.equals("--")) {
                break;
            }
            int equals = arg.indexOf('=');
            OptionSpec option = equals > 0 && arg.startsWith("-") ? spec.findOption(arg.substring(0, equals)) : null;
            if (option != null && option.arity().max() == 0) {
                throw new UsageException(arg.substring(0, equals) + " takes no value");
            }
        }
        ParseResult result;
        try {
            result = new CommandLine(spec).parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            throw new UsageException(message(e));
        }
        Args parsed = new Args();
        for (OptionSpec option : result.matchedOptions()) {
            List<String> values = option.arity().max() == 0 ? List.of("") : option.stringValues();
            parsed.options.put(option.longestName(), List.copyOf(values));
        }
        if (result.hasMatchedPositional(0)) {
            parsed.positionals.addAll(result.matchedPositional(0).stringValues());
        }
        return parsed;
    }

    /** Our own words for picocli's errors; an unknown option keeps picocli's suggestions. */
    private static String message(CommandLine.ParameterException e) {
        if (e instanceof CommandLine.UnmatchedArgumentException unmatched) {
            String given = unmatched.getUnmatched().get(0);
            int equals = given.indexOf('=');
            String name = equals > 0 ? given.substring(0, equals) : given;
            List<String> suggestions = unmatched.getSuggestions();
            return "unknown option " + name
                    + (suggestions.isEmpty() ? "" : "; did you mean " + suggestions.get(0) + "?"); // the closest first
        }
        OptionSpec option = e.getArgSpec() instanceof OptionSpec o ? o : null;
        if (e instanceof CommandLine.MissingParameterException missing && !missing.getMissing().isEmpty()
                && missing.getMissing().get(0) instanceof OptionSpec o) {
            option = o;
        }
        if (e instanceof CommandLine.OverwrittenOptionException twice && twice.getOverwritten() instanceof OptionSpec o) {
            return o.longestName() + " given twice";
        }
        if (e instanceof CommandLine.MissingParameterException && option != null) {
            return option.longestName() + " needs a value";
        }
        if (option != null && option.arity().max() == 0) {
            return option.longestName() + " takes no value";
        }
        return e.getMessage();
    }

    /**
     * Whether an option was given: a flag, or an option with a value.
     *
     * @param name the option's long name, e.g. {@code --strict}
     * @return {@code true} when the command line gives it
     */
    public boolean flag(String name) {
        return options.containsKey(name);
    }

    /**
     * The value of an option given at most once.
     *
     * @param name     the option's long name, e.g. {@code --as-of}
     * @param fallback what to answer when it is not given, or {@code null}
     * @return the value as given, or {@code fallback}
     */
    public String value(String name, String fallback) {
        List<String> values = options.get(name);
        return values == null ? fallback : values.get(0);
    }

    /**
     * Every value of a repeatable option.
     *
     * @param name the option's long name, e.g. {@code --rules}
     * @return the values in the order given; empty when not given
     */
    public List<String> values(String name) {
        return List.copyOf(options.getOrDefault(name, List.of()));
    }

    /** {@return the positional arguments (the case logs, the folders), in order; those after {@code --} too} */
    public List<String> positionals() {
        return List.copyOf(positionals);
    }
}
