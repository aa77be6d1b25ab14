package org.niyam.compliance.engine.internal.sandbox;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.model.Model;
import org.kie.api.KieBase;
import org.kie.api.io.Resource;
import org.kie.internal.builder.KnowledgeBuilderConfiguration;
import org.kie.internal.builder.KnowledgeBuilderError;
import org.niyam.compliance.engine.internal.drools.DroolsInternals;
import org.niyam.compliance.model.EventTypes;
import org.niyam.compliance.pack.Problem;

/**
 * Builds the rule base of an engine with a restricted pack: all packs' DRL is compiled to Drools' executable model
 * in memory, the classes of restricted packs are checked ({@link CompiledCheck}), and only when nothing is refused
 * are the classes loaded and the rule base built. No generated class is loaded before the check, so no code of a
 * refused pack runs, not even a constant expression Drools evaluates when it builds the rule base. Not API.
 */
public final class RestrictedBuild {

    /**
     * What the build gave.
     *
     * @param kieBase  the rule base, or {@code null} when there are problems
     * @param problems compile errors and refused uses
     * @param nanos    how long compiling, checking and loading took, in that order (0 for a step not taken)
     * @param classes  the compiled classes the rule base was built from, by binary name (empty without one)
     * @param models   the model classes among them, instantiated for the rule base
     */
    public record Result(KieBase kieBase, List<Problem> problems, long[] nanos, Map<String, byte[]> classes,
                         List<String> models) {
        public Result {
            problems = List.copyOf(problems);
            nanos = nanos.clone();
            classes = Map.copyOf(classes);
            models = List.copyOf(models);
        }

        Result(KieBase kieBase, List<Problem> problems, long[] nanos) {
            this(kieBase, problems, nanos, Map.of(), List.of());
        }
    }

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(RestrictedBuild.class);

    private RestrictedBuild() {
    }

    /**
     * A declared enum whose initialisation threw as Drools loaded it while it compiled the declared types (a constant's
     * argument such as {@code 1 / 0} or {@code Duration.parse("x")}): Drools gives an error without a message. Null
     * when the throwable is not that.
     */
    static Problem enumThatThrew(Throwable thrown, List<CompiledCheck.Source> sources) {
        Throwable initialiser = thrown;
        while (initialiser != null && !(initialiser instanceof ExceptionInInitializerError)) {
            initialiser = initialiser.getCause() == initialiser ? null : initialiser.getCause();
        }
        if (initialiser == null || initialiser.getCause() == null) {
            return null;
        }
        Throwable cause = initialiser.getCause();
        for (StackTraceElement frame : cause.getStackTrace()) {
            if (!frame.getMethodName().equals("<clinit>")) {
                continue;
            }
            String simple = frame.getClassName().substring(frame.getClassName().lastIndexOf('.') + 1);
            for (CompiledCheck.Source source : sources) {
                for (org.drools.drl.ast.descr.AbstractClassTypeDeclarationDescr type
                        : source.descr().getClassAndEnumDeclarationDescrs()) {
                    String pkg = source.descr().getNamespace() == null ? "" : source.descr().getNamespace();
                    if (type.getTypeName().equals(simple)
                            && frame.getClassName().equals(pkg.isEmpty() ? simple : pkg + "." + simple)) {
                        return new Problem(source.origin(), Math.max(type.getLine(), 0), "declared enum '" + simple
                                + "' threw " + cause.getClass().getName() + (cause.getMessage() == null ? ""
                                : ": " + cause.getMessage()) + " as Drools loaded it, while it compiled the pack: "
                                + "an argument of its constants fails; give values that do not");
                    }
                }
            }
        }
        return null;
    }

    /**
     * Compiles, checks and, when nothing is refused and {@code load} is set, loads the packs' DRL.
     *
     * @param drl           every DRL file of every pack, as resources whose source paths name them
     * @param sources       the same files, parsed, with whether their pack is restricted
     * @param configuration the DRL compiler's configuration
     * @param models        the configuration the rule base is built with from the model
     * @param loader        resolves the model and the other types the DRL names
     * @param errors        turns a compile error into a problem naming the DRL file and line
     * @param lift          how the user can lift the restriction, appended to each refusal
     * @param load          whether to build the rule base (not when other problems were already found)
     * @param prebuilt      models of trusted packs built before, added to the rule base as they are
     * @param events        the engine's event types, whose records and enums the restricted DRL may use
     * @param stepLimit     the steps a call of a restricted pack's code may take, also as the rule base is built
     */
    public static Result build(List<Resource> drl, List<CompiledCheck.Source> sources,
                               KnowledgeBuilderConfiguration configuration,
                               Function<ClassLoader, KnowledgeBuilderConfiguration> models, ClassLoader loader,
                               Function<KnowledgeBuilderError, Problem> errors, String lift, boolean load,
                               List<Model> prebuilt, EventTypes events, long stepLimit) {
        long[] nanos = new long[3];
        long start = System.nanoTime();
        ModelCompiler.Output output;
        try {
            output = ModelCompiler.compile(drl, configuration, loader);
        } catch (DroolsInternals.JavaCompileException e) {
            // Java the generator wrote from the DRL does not compile: an unknown method or type in a consequence.
            return new Result(null, CompiledCheck.locateJavaErrors(e.getMessage(), sources), nanos);
        } catch (RuntimeException | LinkageError e) {
            // The generator throws on syntax it cannot translate (javaparser's ParseProblemException, among others).
            String message = DroolsInternals.withoutStackTrace(e.getMessage());
            Problem located = CompiledCheck.locateUntranslatable(message, sources);
            if (located == null) {
                located = enumThatThrew(e, sources);
            }
            if (located != null) {
                return new Result(null, List.of(located), nanos);
            }
            String origin = sources.stream().filter(CompiledCheck.Source::restricted).map(CompiledCheck.Source::origin)
                    .findFirst().orElse("rules");
            return new Result(null, List.of(new Problem(origin, 0, "cannot be compiled to Java classes, as "
                    + "restricted packs must be: " + message)), nanos);
        }
        nanos[0] = System.nanoTime() - start;
        List<Problem> problems = new ArrayList<>();
        output.errors().forEach(error -> problems.add(errors.apply(error)));
        if (!problems.isEmpty()) {
            return new Result(null, problems, nanos);
        }
        start = System.nanoTime();
        problems.addAll(CompiledCheck.check(output.classes(), sources, loader, lift, events));
        nanos[1] = System.nanoTime() - start;
        if (!problems.isEmpty() || !load) {
            return new Result(null, problems, nanos);
        }
        start = System.nanoTime();
        KieBase kieBase;
        try {
            kieBase = load(output.classes(), output.models(), loader, models, prebuilt,
                    CompiledCheck.checked(output.classes().keySet(), sources), stepLimit);
        } catch (Throwable e) {
            // Code of the pack that Drools runs as it builds the rule base (a condition without bindings, such as a
            // constant eval, run as the model is instantiated) and that threw, passed a limit or ran the stack out.
            Problem stopped = stoppedAtBuild(e, output.classes(), sources, stepLimit);
            if (stopped != null) {
                return new Result(null, List.of(stopped), nanos);
            }
            if (e instanceof Error error && !(e instanceof LinkageError)) {
                throw error;
            }
            String origin = sources.stream().filter(CompiledCheck.Source::restricted).map(CompiledCheck.Source::origin)
                    .findFirst().orElse("rules");
            return new Result(null, List.of(new Problem(origin, 0, "passed the check, but Drools cannot build a rule "
                    + "base from its classes: " + e)), nanos);
        }
        nanos[2] = System.nanoTime() - start;
        LOG.debug("restricted build: {} classes compiled in {} ms, checked in {} ms, loaded in {} ms",
                output.classes().size(), nanos[0] / 1_000_000, nanos[1] / 1_000_000, nanos[2] / 1_000_000);
        return new Result(kieBase, List.of(), nanos, output.classes(), output.models());
    }

    /**
     * The problem of the pack's code that Drools ran as it built the rule base and that threw, passed the step or
     * depth limit, or ran the stack out, naming the rule whose class is on the error's stack, at its line;
     * {@code null} when the error is of another kind.
     */
    private static Problem stoppedAtBuild(Throwable thrown, Map<String, byte[]> classes,
                                          List<CompiledCheck.Source> sources, long stepLimit) {
        StepLimitExceeded exceeded = StepLimitExceeded.in(thrown);
        Throwable error = exceeded != null ? exceeded : Causes.find(thrown, StackOverflowError.class);
        String what;
        if (error == null) {
            // Thrown by the code the model's constructor ran, or a checked throwable thrown without declaring it.
            error = thrown instanceof RuntimeException || thrown instanceof Error ? thrownByModel(thrown) : thrown;
            if (error == null) {
                return null;
            }
            what = "threw " + error.getClass().getName() + (error.getMessage() == null ? "" : ": "
                    + error.getMessage() + ",");
        } else if (exceeded == null) {
            what = "ran out of stack";
        } else if (exceeded.depth()) {
            what = exceeded.getMessage();
        } else {
            what = String.format(java.util.Locale.ROOT, "took more than %,d steps", exceeded.limit());
        }
        String why = " while Drools built the rule base, which runs a condition without bindings (a constant eval, "
                + "say) as it builds it" + (what.startsWith("threw ") ? "" : ": a loop or a recursion that does not "
                + "end, or too long for a rule, in it or in a function it calls. Each call of a restricted pack's "
                + "code may take " + String.format(java.util.Locale.ROOT, "%,d", stepLimit) + " steps "
                + "(ComplianceEngine.Builder.stepLimit) and nest "
                + String.format(java.util.Locale.ROOT, "%,d", Steps.DEPTH_LIMIT) + " calls of its own code");
        Set<String> names = new LinkedHashSet<>();
        sources.stream().filter(CompiledCheck.Source::restricted)
                .forEach(source -> source.descr().getRules().forEach(rule -> names.add(rule.getName())));
        List<String> rules = List.of();
        try {
            Map<String, Set<String>> byClass = CompiledCheck.rulesByClass(classes, names);
            rules = rulesOnStack(error, byClass, classes, names);
        } catch (RuntimeException e) {
            LOG.debug("the rules of generated classes could not be read", e); // only to name the rule
        }
        if (rules.size() == 1) {
            for (CompiledCheck.Source source : sources) {
                for (RuleDescr rule : source.descr().getRules()) {
                    if (rule.getName().equals(rules.get(0)) && source.restricted()) {
                        return new Problem(source.origin(), Math.max(rule.getLine(), 0), "rule '" + rule.getName()
                                + "' " + what + why);
                    }
                }
            }
        }
        String origin = sources.stream().filter(CompiledCheck.Source::restricted).map(CompiledCheck.Source::origin)
                .findFirst().orElse("rules");
        return new Problem(origin, 0, (rules.isEmpty() ? "the code of a rule" : "a condition shared by rules '"
                + String.join("', '", rules) + "'") + " " + what + why);
    }

    /** What the code run by a model's constructor threw, if that is what {@code thrown} reports. */
    private static Throwable thrownByModel(Throwable thrown) {
        java.lang.reflect.InvocationTargetException invoked = Causes.find(thrown,
                java.lang.reflect.InvocationTargetException.class);
        if (invoked == null) {
            return null;
        }
        Throwable root = invoked.getTargetException(); // Drools wraps an eval's exception: its own words
        for (int i = 0; root.getCause() != null && root.getCause() != root && i < 64; i++) {
            root = root.getCause();
        }
        return root;
    }

    /**
     * The rules of the first frame on the error's stack that belongs to rules: of a class that only rules use (a
     * lambda's), or a rule's definition method, which names the rule in a string constant and, as the model is
     * instantiated, evaluates what the rule's constant conditions call.
     */
    private static List<String> rulesOnStack(Throwable error, Map<String, Set<String>> byClass,
                                             Map<String, byte[]> classes, Set<String> names) {
        for (StackTraceElement frame : error.getStackTrace()) {
            Set<String> found = byClass.get(frame.getClassName());
            if (found != null) {
                return List.copyOf(found);
            }
            byte[] bytes = classes.get(frame.getClassName());
            if (bytes != null && frame.getMethodName().startsWith("rule_")) {
                for (ClassFile.Method method : ClassFile.read(bytes).methods.values()) {
                    if (method.name().equals(frame.getMethodName())) {
                        List<String> named = method.strings().stream().filter(names::contains).distinct().toList();
                        if (!named.isEmpty()) {
                            return named;
                        }
                    }
                }
            }
        }
        return List.of();
    }

    /**
     * The rule base of classes compiled earlier (by {@link #build}, kept in the compiled-model cache) and the models
     * built before them: the classes are defined by a class loader of their own on top of {@code parent}, the model
     * classes among them instantiated. Restricted packs' classes must have been checked first
     * ({@link CompiledCheck#recheck}); those named in {@code counted} are instrumented as they are defined, to count
     * their steps ({@link Steps}).
     *
     * @throws RuntimeException or {@link LinkageError} when they cannot be loaded
     */
    public static KieBase load(Map<String, byte[]> classes, List<String> modelNames, ClassLoader parent,
                               Function<ClassLoader, KnowledgeBuilderConfiguration> models, List<Model> prebuilt,
                               java.util.Set<String> counted) {
        return load(classes, modelNames, parent, models, prebuilt, counted, Steps.DEFAULT_LIMIT);
    }

    /**
     * As {@link #load(Map, List, ClassLoader, Function, List, java.util.Set)}, the pack's code that Drools runs as it
     * builds the rule base limited to {@code stepLimit} steps a call.
     */
    public static KieBase load(Map<String, byte[]> classes, List<String> modelNames, ClassLoader parent,
                               Function<ClassLoader, KnowledgeBuilderConfiguration> models, List<Model> prebuilt,
                               java.util.Set<String> counted, long stepLimit) {
        GeneratedClassLoader loader = new GeneratedClassLoader(parent, classes, counted);
        Steps.begin(stepLimit); // what Drools runs of the pack's code as it builds the rule base
        List<Model> instances = new ArrayList<>(prebuilt);
        for (String name : modelNames) {
            try {
                instances.add((Model) Class.forName(name, true, loader).getConstructor().newInstance());
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("the executable model " + name + " cannot be instantiated", e);
            }
        }
        return DroolsInternals.kieBase(instances, loader, models.apply(loader));
    }

    /**
     * Defines the checked classes, and nothing else, on top of the engine's class loader; the classes of restricted
     * packs instrumented to count their steps, after the check, so that the check reads them as compiled.
     */
    private static final class GeneratedClassLoader extends ClassLoader {

        private final Map<String, byte[]> classes;
        private final java.util.Set<String> counted;
        private Map<String, byte[]> byInternalName;

        GeneratedClassLoader(ClassLoader parent, Map<String, byte[]> classes, java.util.Set<String> counted) {
            super("niyam-restricted-pack", parent);
            this.classes = classes;
            this.counted = counted;
            if (!counted.isEmpty()) {
                // The instrumented classes call Steps, in a package the engine's module does not export.
                Steps.class.getModule().addExports(Steps.class.getPackageName(), getUnnamedModule());
            }
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            byte[] bytes = classes.get(name);
            if (bytes == null) {
                throw new ClassNotFoundException(name);
            }
            if (counted.contains(name)) {
                synchronized (this) {
                    if (byInternalName == null) {
                        byInternalName = StepCounting.byInternalName(classes);
                    }
                }
                bytes = StepCounting.instrument(bytes, byInternalName, getParent());
            }
            return defineClass(name, bytes, 0, bytes.length);
        }

        /** Drools reads a lambda's class file to fingerprint it. */
        @Override
        public java.io.InputStream getResourceAsStream(String name) {
            if (name.endsWith(".class")) {
                byte[] bytes = classes.get(name.substring(0, name.length() - ".class".length()).replace('/', '.'));
                if (bytes != null) {
                    return new java.io.ByteArrayInputStream(bytes);
                }
            }
            return super.getResourceAsStream(name);
        }
    }
}
