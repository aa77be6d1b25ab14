package org.niyam.compliance.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.niyam.compliance.engine.ComplianceEngine;
import org.niyam.compliance.model.EventTypes;
import org.niyam.compliance.pack.RulePack;
import org.niyam.compliance.pack.RulePackException;

/** The options that choose the rules: {@code --rules PATH}, {@code --no-builtin-rules}, {@code --setting N=V}. */
final class RuleOptions {

    /** Where the India IT Rules pack lives on the classpath (module compliance-rules). */
    static final String INDIA_PACK = NiyamCli.INDIA_PACK;

    static final CommandOption NO_BUILTIN_RULES = CommandOption.flag("--no-builtin-rules",
            "Leave out the built-in India IT Rules pack; use only the --rules packs.");

    /** The system property the {@code niyam} command sets to the compiled-model cache's directory. */
    static final String CACHE_PROPERTY = "niyam.cache";

    static final CommandOption NO_CACHE = CommandOption.flag("--no-cache", "Compile the --rules packs now, neither "
            + "loading them from nor writing them to the compiled-model cache (by default ~/.cache/niyam; "
            + "NIYAM_CACHE=0 turns it off for every command, NIYAM_CACHE=DIR moves it).");

    static final List<CommandOption> OPTIONS = List.of(
            CommandOption.repeatable("--rules", "PATH", "Add a rule pack: a folder of DRL files (with or without a "
                    + "pack.yaml), one .drl file, a pack.yaml, or classpath:FOLDER. Repeat for more packs."),
            NO_BUILTIN_RULES,
            CommandOption.repeatable("--setting", "NAME=VALUE", "Give a platform setting its value, written as in "
                    + "pack.yaml, e.g. --setting monthly-report.grace=P15D. Only parameters a pack marks as settings "
                    + "can be set."),
            CommandOption.value("--jurisdiction", "CODE", "Where a case that states no jurisdiction arose, as "
                    + "an ISO 3166 code (IN, DE, US-CA); a pack that declares jurisdictions judges only the cases in "
                    + "them. Default: such cases are in every pack's scope."),
            NO_CACHE);

    private RuleOptions() {
    }

    /** The packs the options name, the built-in one first unless left out. */
    static List<RulePack> packs(Args args, Io io) {
        List<RulePack> packs = new ArrayList<>();
        if (!args.flag("--no-builtin-rules")) {
            packs.add(RulePack.classpath(INDIA_PACK));
        }
        packs.addAll(loadAll(args.values("--rules"), io));
        if (packs.isEmpty()) {
            throw new UsageException("no rules: --no-builtin-rules needs at least one --rules PATH");
        }
        return packs;
    }

    /**
     * Loads each pack from a path as the user gave it. Every pack is read before a problem is reported, so that a
     * broken {@code pack.yaml} hides no other pack's problems: they come together in one exception.
     */
    static List<RulePack> loadAll(List<String> given, Io io) {
        List<RulePack> packs = new ArrayList<>();
        List<org.niyam.compliance.pack.Problem> problems = new ArrayList<>();
        for (String one : given) {
            try {
                packs.add(load(one, io));
            } catch (org.niyam.compliance.pack.RulePackException e) {
                problems.addAll(e.problems());
            }
        }
        if (!problems.isEmpty()) {
            throw new org.niyam.compliance.pack.RulePackException(problems);
        }
        return packs;
    }

    /** Loads one pack from a path as the user gave it. */
    static RulePack load(String given, Io io) {
        if (given.startsWith("classpath:")) {
            return RulePack.classpath(given.substring("classpath:".length()));
        }
        Path path = io.path(given);
        if (Files.isDirectory(path)) {
            return RulePack.directory(path);
        }
        if (!Files.exists(path)) {
            throw new UsageException("no such rule file or folder: " + given);
        }
        String name = path.getFileName().toString();
        if (name.equals(RulePack.DESCRIPTOR)) {
            Path folder = path.toAbsolutePath().getParent();
            return RulePack.directory(path.getParent() == null ? folder : path.getParent());
        }
        if (!name.endsWith(".drl")) {
            throw new UsageException("not a rule pack: " + given + " (expected a folder, a .drl file or a pack.yaml)");
        }
        return RulePack.file(path);
    }

    /**
     * What to do when the built-in pack is given again, differently (a copy of its folder, loaded restricted), as one
     * of the problems says; {@code null} otherwise. The built-in pack is loaded by every command unless told not to.
     */
    static String builtInGivenTwice(RulePackException e) {
        if (e.problems().stream().noneMatch(p -> p.message().contains("is given twice"))) {
            return null;
        }
        String builtIn = "pack '" + RulePack.classpath(INDIA_PACK).id() + "' is given twice";
        boolean twice = e.problems().stream().anyMatch(p -> p.message().startsWith(builtIn)
                && p.message().contains("differently"));
        return twice ? "The built-in pack is loaded unless --no-builtin-rules is given: give that option to check or "
                + "run a copy of it." : null;
    }

    /** Builds the engine: compiles and checks every pack, applies the settings. */
    static ComplianceEngine engine(Args args, Io io) {
        return engine(packs(args, io), args);
    }

    static ComplianceEngine engine(List<RulePack> packs, Args args) {
        return builder(packs, args).build();
    }

    /** The engine's builder with the packs and every option of these: settings, default jurisdiction, cache. */
    static ComplianceEngine.Builder builder(List<RulePack> packs, Args args) {
        // niyam ships the India pack's events: a log of them is read whichever packs are given.
        ComplianceEngine.Builder builder = ComplianceEngine.builder().rulePacks(packs)
                .eventTypes(EventTypes.onClasspath()).compiledModelCache(cache(args));
        if (args.flag("--jurisdiction")) {
            String code = args.value("--jurisdiction", null);
            try {
                builder.defaultJurisdiction(code);
            } catch (IllegalArgumentException e) {
                throw new UsageException("--jurisdiction needs an ISO 3166 code such as IN, DE or US-CA: '"
                        + code + "'" + org.niyam.compliance.model.Preconditions.notACountry(code));
            }
        }
        for (String setting : args.values("--setting")) {
            int equals = setting.indexOf('=');
            if (equals <= 0) {
                throw new UsageException("--setting needs NAME=VALUE, e.g. monthly-report.grace=P15D: " + setting);
            }
            builder.setting(setting.substring(0, equals).strip(), setting.substring(equals + 1).strip());
        }
        return builder;
    }

    /**
     * The compiled-model cache's directory: the one the {@code niyam} command names in {@value #CACHE_PROPERTY}
     * ({@code $XDG_CACHE_HOME/niyam} or {@code ~/.cache/niyam} unless {@code NIYAM_CACHE} says otherwise), or none
     * with {@code --no-cache} or without the property.
     */
    static Path cache(Args args) {
        String directory = System.getProperty(CACHE_PROPERTY, "");
        return directory.isBlank() || args.flag("--no-cache") ? null : Path.of(directory);
    }

    /** "india-it-rules (52 rules)", one a pack, for headers. */
    static List<String> describe(ComplianceEngine engine) {
        List<String> lines = new ArrayList<>();
        for (RulePack pack : engine.rulePacks()) {
            long rules = engine.rules().stream().filter(r -> r.pack().equals(pack.id())).count();
            lines.add(pack.id() + " (" + rules + (rules == 1 ? " rule" : " rules") + "): " + pack.instrument());
        }
        return lines;
    }
}
