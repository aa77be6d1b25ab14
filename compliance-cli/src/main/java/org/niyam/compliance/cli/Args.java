package org.niyam.compliance.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A command's arguments: flags ({@code --strict}), options with a value ({@code --as-of 2026-03-01T00:00Z} or
 * {@code --as-of=...}, some repeatable) and positional arguments. {@code --} ends the options.
 */
public final class Args {

    private final Map<String, List<String>> options = new LinkedHashMap<>();
    private final List<String> positionals = new ArrayList<>();

    private Args() {
    }

    /**
     * Parses arguments against what a command accepts.
     *
     * @param flags       options without a value, e.g. {@code --strict}
     * @param single      options taking one value, given at most once
     * @param repeatable  options taking one value, given any number of times
     * @throws UsageException for an unknown option, a missing value or a single option given twice
     */
    public static Args parse(String[] args, Set<String> flags, Set<String> single, Set<String> repeatable) {
        Args parsed = new Args();
        boolean onlyPositionals = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (onlyPositionals || !arg.startsWith("-") || arg.equals("-")) {
                parsed.positionals.add(arg);
                continue;
            }
            if (arg.equals("--")) {
                onlyPositionals = true;
                continue;
            }
            if (arg.equals("-h")) {
                arg = "--help";
            }
            String name = arg;
            String value = null;
            int equals = arg.indexOf('=');
            if (equals > 0) {
                name = arg.substring(0, equals);
                value = arg.substring(equals + 1);
            }
            if (flags.contains(name) || name.equals("--help")) {
                if (value != null) {
                    throw new UsageException(name + " takes no value");
                }
                parsed.options.computeIfAbsent(name, k -> new ArrayList<>()).add("");
            } else if (single.contains(name) || repeatable.contains(name)) {
                if (value == null) {
                    if (i + 1 >= args.length) {
                        throw new UsageException(name + " needs a value");
                    }
                    value = args[++i];
                }
                List<String> values = parsed.options.computeIfAbsent(name, k -> new ArrayList<>());
                if (single.contains(name) && !values.isEmpty()) {
                    throw new UsageException(name + " given twice");
                }
                values.add(value);
            } else {
                throw new UsageException("unknown option " + name);
            }
        }
        return parsed;
    }

    public boolean flag(String name) {
        return options.containsKey(name);
    }

    /** The option's value, or {@code fallback} when it is not given. */
    public String value(String name, String fallback) {
        List<String> values = options.get(name);
        return values == null ? fallback : values.get(0);
    }

    /** Every value of a repeatable option, in order; empty when not given. */
    public List<String> values(String name) {
        return List.copyOf(options.getOrDefault(name, List.of()));
    }

    public List<String> positionals() {
        return List.copyOf(positionals);
    }
}
