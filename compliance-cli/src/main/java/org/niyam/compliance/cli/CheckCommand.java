package org.niyam.compliance.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.niyam.compliance.engine.ComplianceEngine;
import org.niyam.compliance.pack.RulePack;
import org.niyam.compliance.pack.RulePackException;

/** {@code niyam check}: compiles and checks rule packs without running them. */
public final class CheckCommand implements Command {

    @Override
    public String name() {
        return "check";
    }

    @Override
    public String summary() {
        return "Compile and check rule files or folders without running them.";
    }

    @Override
    public String synopsis() {
        return "niyam check PATH... [options]";
    }

    @Override
    public String description() {
        return """
                Compiles and checks each rule pack: a folder of DRL files (with or without a pack.yaml),
                one .drl file, a pack.yaml, or classpath:FOLDER. They are checked together with the
                built-in India IT Rules pack, as an audit would run them: DRL that does not compile, a rule
                without @citation, two rules with one id, a parameter no pack defines, a malformed
                pack.yaml. Every problem is listed as FILE:LINE: MESSAGE. Nothing is evaluated.
                Warnings (a duty key or finding code that two packs conclude, a pack given twice) are
                listed as WARNING  FILE:LINE: MESSAGE, also beside problems, and do not change the exit code.
                """;
    }

    @Override
    public List<CommandOption> options() {
        return List.of(CommandOption.flag("--no-builtin-rules", "Check the packs alone, without the built-in pack."),
                CommandOption.repeatable("--setting", "NAME=VALUE",
                        "Check a platform setting's value too (see niyam audit --help)."), RuleOptions.NO_CACHE);
    }

    @Override
    public String footer() {
        return """
                Exit codes: 0 no problems (warnings or not); 2 problems in the rules, or a usage error.

                Example:
                  niyam check my-policies/ extra-rule.drl
                """;
    }

    @Override
    public int run(Args args, Io io) {
        if (args.positionals().isEmpty()) {
            throw new UsageException("no rule file or folder given");
        }
        List<RulePack> packs = new ArrayList<>();
        ComplianceEngine engine;
        try {
            if (!args.flag("--no-builtin-rules")) {
                packs.add(RulePack.classpath(RuleOptions.INDIA_PACK));
            }
            packs.addAll(RuleOptions.loadAll(args.positionals(), io));
            // The warnings are listed here, on standard output: logged too, they would be read twice on a terminal.
            engine = RuleOptions.builder(packs, args).warningsNotLogged().build();
        } catch (RulePackException e) {
            e.problems().forEach(p -> io.out().println("PROBLEM  " + p));
            // What the build had found before it failed (none when it failed before reading the DRL).
            e.warnings().forEach(w -> io.out().println("WARNING  " + w));
            int warnings = e.warnings().size();
            io.out().println(e.problems().size() + (e.problems().size() == 1 ? " problem" : " problems")
                    + (warnings == 0 ? "" : warnings == 1 ? ", 1 warning" : ", " + warnings + " warnings")
                    + ". Nothing was run.");
            String hint = RuleOptions.builtInGivenTwice(e);
            if (hint != null) {
                io.out().println(hint);
            }
            return Exit.BAD_INPUT;
        }
        engine.warnings().forEach(w -> io.out().println("WARNING  " + w));
        int checked = args.flag("--no-builtin-rules") ? 0 : 1;
        // A pack given twice is used, and listed, once.
        List<RulePack> used = engine.rulePacks();
        for (RulePack pack : used.subList(checked, used.size())) {
            Map<String, List<String>> clauses = new LinkedHashMap<>();
            engine.rules().stream().filter(r -> r.pack().equals(pack.id()))
                    .forEach(r -> clauses.computeIfAbsent(r.clause(), c -> new ArrayList<>()).add(r.id()));
            long rules = clauses.values().stream().mapToLong(List::size).sum();
            io.out().println("OK  " + pack.origin() + ": pack " + pack.id() + ", " + pack.sources().size()
                    + (pack.sources().size() == 1 ? " DRL file, " : " DRL files, ") + rules
                    + (rules == 1 ? " rule, " : " rules, ") + pack.parameters().size()
                    + (pack.parameters().size() == 1 ? " parameter" : " parameters"));
            clauses.forEach((clause, ids) -> io.out().println("    " + clause + ": " + String.join(", ", ids)));
        }
        int warnings = engine.warnings().size();
        String warned = warnings == 0 ? "" : warnings == 1 ? " 1 warning." : " " + warnings + " warnings.";
        io.out().println((checked == 1
                ? "No problems, checked together with the built-in pack " + packs.get(0).id() + "."
                : "No problems.") + warned);
        return Exit.OK;
    }
}
