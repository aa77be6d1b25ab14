package org.niyam.compliance.engine.internal.drools;

import com.github.javaparser.ast.stmt.BlockStmt;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.drools.base.util.Drools;
import org.drools.codegen.common.GeneratedFile;
import org.drools.compiler.builder.impl.KnowledgeBuilderConfigurationImpl;
import org.drools.core.impl.InternalRuleBase;
import org.drools.core.impl.RuleBaseFactory;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.parser.DrlParser;
import org.drools.drl.parser.DroolsParserException;
import org.drools.io.DescrResource;
import org.drools.model.Model;
import org.drools.model.codegen.execmodel.ModelBuilderImpl;
import org.drools.model.codegen.execmodel.PackageSources;
import org.drools.modelcompiler.KieBaseBuilder;
import org.drools.mvel.parser.DrlxParser;
import org.drools.mvel.parser.MvelParser;
import org.drools.mvel.parser.ParseStart;
import org.drools.mvel.parser.ast.expr.DrlxExpression;
import org.kie.api.KieBase;
import org.kie.api.conf.ConfigurationKey;
import org.kie.api.conf.OptionKey;
import org.kie.api.conf.OptionsConfiguration;
import org.kie.api.io.Resource;
import org.kie.api.io.ResourceType;
import org.kie.internal.builder.CompositeKnowledgeBuilder;
import org.kie.internal.builder.KnowledgeBuilderConfiguration;
import org.kie.internal.builder.KnowledgeBuilderError;
import org.kie.internal.builder.conf.KnowledgeBuilderOption;
import org.kie.internal.builder.conf.LanguageLevelOption;
import org.kie.internal.builder.conf.MultiValueKieBuilderOption;
import org.kie.internal.builder.conf.PropertySpecificOption;
import org.kie.internal.builder.conf.SingleValueKieBuilderOption;
import org.kie.memorycompiler.JavaConfiguration;
import org.kie.memorycompiler.KieMemoryCompiler;
import org.kie.memorycompiler.KieMemoryCompilerException;
import org.kie.util.maven.support.ReleaseIdImpl;

/**
 * Everything Niyam does with Drools that no public kie API does: the one class that touches Drools' implementation
 * classes. Not API. Every other class of the engine uses Drools only through
 * <ul>
 *   <li>kie's public API ({@code org.kie.api}: {@code KieBase}, {@code KieSession}, {@code Resource}, rule metadata,
 *       listeners);</li>
 *   <li>kie's knowledge-builder interfaces ({@code org.kie.internal.builder}: {@code KnowledgeBuilderFactory},
 *       {@code KnowledgeBuilder}, {@code KnowledgeBuilderError}, their options), the interfaces Drools' own
 *       documentation uses to compile DRL without a KIE module, unchanged in shape since Drools 6 (the classic
 *       rule base is made here, {@link #classicKieBase}); and
 *       {@code org.kie.internal.concurrent.ExecutorProviderFactory}, by which the Flink job shuts Drools' thread
 *       pool when Flink releases a job's class loader;</li>
 *   <li>the executable model's DSL ({@code org.drools.model}: {@code Model}, what the generated code implements);</li>
 *   <li>the syntax trees of the DRL parser ({@code org.drools.drl.ast.descr}, the artifact drools-drl-ast) and of
 *       its expression parser ({@code org.drools.mvel.parser.ast}). They are counted as public here: they are
 *       plain data classes in an artifact of their own, the form kie itself accepts DRL in
 *       ({@code ResourceType.DESCR}), and nothing public describes a DRL file's patterns, constraints and lines,
 *       which the engine's checks and error messages need. The parsers that produce them are not: they are
 *       reached only through this class ({@link #parseDrl}, {@link #parseDrlxExpression},
 *       {@link #parseMvelBlock}).</li>
 * </ul>
 * {@code InternalsConfinedTest} holds that rule; {@code DroolsInternalsTest} runs each method below against the
 * Drools on the class path and fails, saying what to re-check, when that Drools is not {@link #PINNED}.
 *
 * <p>Why the public API is not enough, per method:
 * <ul>
 *   <li>{@link #generateModel}: kie's public {@code KieBuilder.buildAll(ExecutableModelProject.class)} compiles DRL
 *       to the executable model, but compiles and registers it in one step, keeps the classes in an internal
 *       memory file system, and cannot add new DRL to models built earlier. The engine needs the generated Java
 *       sources (written to the pack's jar at build time; compiled and checked class by class before anything is
 *       loaded for restricted packs) and needs to add a user's pack beside the bundled pack's precompiled model.
 *       Uses {@code ModelBuilderImpl}, {@code PackageSources}, {@code GeneratedFile},
 *       {@code KnowledgeBuilderConfigurationImpl} and {@code ReleaseIdImpl}.</li>
 *   <li>{@link #compileWithoutLoading}: kie's in-memory compiler, pinned to the Eclipse compiler, returning class
 *       files without defining them, so the sandbox can check bytecode first. Uses {@code KieMemoryCompiler}.</li>
 *   <li>{@link #kieBase}: a rule base from model classes already on the class path. The public way (a KIE module
 *       with {@code kmodule.xml}, read by a {@code KieContainer}) needs drools-xml-support, a class-path scan and a
 *       container per engine; {@code KieBaseBuilder} takes the model instances directly in about 25 ms warm. Uses
 *       {@code KieBaseBuilder} and {@code RuleBaseFactory}.</li>
 *   <li>{@link #classicKieBase}: the rule base of what the DRL compiler built, with MVEL's jitting of constraints
 *       off. Drools compiles a constraint it has evaluated 20 times to bytecode, and that bytecode calls
 *       {@code EvaluatorHelper.initOperators} with a signature Drools 10's {@code drools-mvel} does not have, so a
 *       constraint with an operator such as {@code str[startsWith]} or {@code after} failed with a
 *       {@code NoSuchMethodError} at its 21st evaluation. {@code KnowledgeBuilder.newKieBase()} takes no
 *       configuration; {@code KnowledgeBuilderImpl.newKnowledgeBase} does.</li>
 *   <li>{@link #modelOnlyConfiguration}: the compiler settings a rule base is built from a model with, without
 *       Drools' own configuration object, which costs a cold JVM about 80 ms to create. Implements the
 *       knowledge-builder configuration interface, so a new method there must be added here.</li>
 *   <li>{@link #rootClassLoader}: the class loader a rule base resolves its fact classes with (for a restricted
 *       pack, the one that defined its checked classes). The public {@code KieBase.getFactType} finds declared
 *       types only. Uses {@code InternalRuleBase}.</li>
 *   <li>{@link #descrResource}: DRL given to the compiler as a syntax tree rather than as text, so that the engine
 *       can add to a restricted pack's rules what it counts their joins with ({@code JoinGuard}). kie's public
 *       resource factory makes resources of bytes, files and URLs only; {@code DescrResource}, which its DRL
 *       compiler takes in place of text, is in drools-io.</li>
 *   <li>{@link #version}: the Drools version, part of a build-time model's fingerprint. Uses Drools' own
 *       {@code Drools} utility.</li>
 *   <li>{@link #parseDrl}, {@link #parseDrlxExpression}, {@link #parseMvelBlock}: DRL to its syntax tree. kie's
 *       public API compiles DRL but never shows its structure. Use {@code DrlParser} (the DRL 6 parser, whose
 *       trees and errors the engine's messages were made against) and the DRLX and MVEL parsers.</li>
 * </ul>
 */
public final class DroolsInternals {

    /**
     * The Drools version this class, the executable-model allowlist ({@code sandbox/Allowlist}) and the engine's
     * error messages were made against. {@code DroolsInternalsTest} fails when the class path holds another.
     */
    public static final String PINNED = "10.2.0";

    /**
     * The class (with a dot) whose static {@code greaterThan}, {@code lessThan}, ... the executable model's generated
     * code calls for a comparison by {@code >}, {@code <}, ... of values that are not numbers (two Strings, say): a
     * restricted pack's refused call of it is said as the operator its author wrote. Drools' internal helper; no
     * public API says how a comparison was compiled.
     */
    public static final String COMPARISON_HELPER = "org.drools.modelcompiler.util.EvaluationUtil.";

    private DroolsInternals() {
    }

    /** The version of the Drools on the class path, e.g. {@code 10.2.0}. */
    public static String version() {
        return Drools.getFullVersion();
    }

    /**
     * What DRL generated as the executable model: the DRL compiler's errors (with any, nothing else), and otherwise
     * the Java sources by path relative to a source folder ({@code org/x/Rules1.java}) and the model classes to
     * instantiate, one per DRL package.
     */
    public record GeneratedModel(List<KnowledgeBuilderError> errors, Map<String, byte[]> files, List<String> models) {
        public GeneratedModel {
            errors = List.copyOf(errors);
            files = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(files));
            models = List.copyOf(models);
        }

        /** The Java sources among the files, by binary class name. */
        public Map<String, String> javaSources() {
            Map<String, String> sources = new LinkedHashMap<>();
            files.forEach((path, contents) -> {
                if (path.endsWith(".java")) {
                    sources.put(path.substring(0, path.length() - ".java".length()).replace('/', '.'),
                            new String(contents, java.nio.charset.StandardCharsets.UTF_8));
                }
            });
            return sources;
        }
    }

    /**
     * Generates the executable model's Java sources from DRL files (resources whose source paths name them), with
     * the compiler configured as {@code configuration} says; {@code name} names the generated module (it shows in
     * no class name the engine relies on). Nothing is compiled or loaded.
     */
    public static GeneratedModel generateModel(List<Resource> drl, KnowledgeBuilderConfiguration configuration,
                                               String name) {
        ModelBuilderImpl<PackageSources> builder = new ModelBuilderImpl<>(PackageSources::dumpSources,
                configuration.as(KnowledgeBuilderConfigurationImpl.KEY), new ReleaseIdImpl("org.niyam", name, "1"),
                false);
        CompositeKnowledgeBuilder batch = builder.batch();
        drl.forEach(resource -> batch.add(resource, ResourceType.DRL));
        batch.build();
        if (!builder.getErrors().isEmpty()) {
            return new GeneratedModel(new ArrayList<>(builder.getErrors()), Map.of(), List.of());
        }
        List<GeneratedFile> generated = new ArrayList<>();
        List<String> models = new ArrayList<>();
        for (PackageSources sources : builder.getPackageSources()) {
            sources.collectGeneratedFiles(generated);
            models.addAll(sources.getModelNames());
        }
        Map<String, byte[]> files = new LinkedHashMap<>();
        generated.forEach(file -> files.put(file.relativePath(), file.contents()));
        return new GeneratedModel(List.of(), files, models);
    }

    /**
     * A DRL file given to the compiler as its syntax tree: the compiler takes it in place of the file's text, and names
     * it, in its errors, by {@code path}, as a file's resource.
     */
    public static Resource descrResource(PackageDescr descr, String path) {
        Resource resource = new DescrResource(descr);
        resource.setSourcePath(path);
        resource.setResourceType(ResourceType.DRL);
        return resource;
    }

    /** Java source that does not compile; the message is the compiler's, naming each generated class and line. */
    public static final class JavaCompileException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        JavaCompileException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * Compiles Java sources (by binary class name) with the Eclipse compiler, as Drools does at run time, resolving
     * other types with {@code loader}; returns the class files by binary class name, none of them loaded.
     *
     * @throws JavaCompileException when a source does not compile
     */
    public static Map<String, byte[]> compileWithoutLoading(Map<String, String> sources, ClassLoader loader) {
        Map<String, byte[]> classes = new TreeMap<>();
        try {
            KieMemoryCompiler.compileNoLoad(sources, loader, JavaConfiguration.CompilerType.ECLIPSE)
                    .forEach((name, bytes) -> classes.put(name.replace('/', '.'), bytes));
        } catch (KieMemoryCompilerException e) {
            throw new JavaCompileException(e.getMessage(), e);
        }
        return classes;
    }

    /**
     * The rule base of what Drools' DRL compiler built, as {@code KnowledgeBuilder.newKieBase()} makes it but with
     * constraint jitting off ({@code ConstraintJittingThresholdOption} -1): Drools 10's jitted MVEL constraints with
     * an operator ({@code str[startsWith]}, {@code after}...) call a method its {@code drools-mvel} lacks.
     *
     * @param builder a knowledge builder without errors
     * @return its rule base
     */
    public static KieBase classicKieBase(org.kie.internal.builder.KnowledgeBuilder builder) {
        org.kie.api.KieBaseConfiguration configuration = org.kie.api.KieServices.get().newKieBaseConfiguration();
        configuration.setOption(org.kie.internal.conf.ConstraintJittingThresholdOption.get(-1));
        return builder instanceof org.drools.compiler.builder.impl.KnowledgeBuilderImpl impl
                ? impl.newKnowledgeBase(configuration) : builder.newKieBase();
    }

    /**
     * A rule base of executable-model instances. With a {@code loader}, the rule base resolves classes with it;
     * without, as Drools does by default (the thread's context class loader, else Drools' own).
     */
    public static KieBase kieBase(List<Model> models, ClassLoader loader, KnowledgeBuilderConfiguration configuration) {
        return KieBaseBuilder.createKieBaseFromModel(models, loader == null
                ? RuleBaseFactory.newKnowledgeBaseConfiguration()
                : RuleBaseFactory.newKnowledgeBaseConfiguration(null, loader), configuration);
    }

    /**
     * Compiler settings for {@link #kieBase} holding the one setting Drools reads there, whether classes are
     * property reactive, and nothing else: asking it for anything else throws {@link UnsupportedOperationException}
     * (the engine then compiles the DRL at run time).
     */
    public static KnowledgeBuilderConfiguration modelOnlyConfiguration(ClassLoader loader,
                                                                       PropertySpecificOption propertySpecific) {
        return new KnowledgeBuilderConfiguration() {

            @Override
            @SuppressWarnings("unchecked")
            public <C extends SingleValueKieBuilderOption> C getOption(OptionKey<C> key) {
                if (PropertySpecificOption.KEY.equals(key)) {
                    return (C) propertySpecific;
                }
                throw unsupported("option " + key);
            }

            @Override
            public ClassLoader getClassLoader() {
                return loader;
            }

            @Override
            public <C extends KnowledgeBuilderOption> void setOption(C option) {
                throw unsupported("setting option " + option);
            }

            @Override
            public void makeImmutable() {
            }

            @Override
            public <X extends OptionsConfiguration<KnowledgeBuilderOption, SingleValueKieBuilderOption,
                    MultiValueKieBuilderOption>> X as(ConfigurationKey<X> key) {
                throw unsupported("configuration " + key);
            }

            @Override
            public boolean setProperty(String name, String value) {
                throw unsupported("setting property " + name);
            }

            @Override
            public String getProperty(String name) {
                throw unsupported("property " + name);
            }

            private UnsupportedOperationException unsupported(String what) {
                return new UnsupportedOperationException("building a rule base from an executable model asked for "
                        + what + ", which Niyam's model configuration does not hold");
            }
        };
    }

    /** The class loader the rule base resolves its fact classes and generated classes with. */
    public static ClassLoader rootClassLoader(KieBase kieBase) {
        return ((InternalRuleBase) kieBase).getRootClassLoader();
    }

    /**
     * A DRL file's syntax tree, or why it has none.
     *
     * @param descr  the tree, or {@code null} when the file has a syntax error
     * @param errors the parser's errors: line (0 when unknown) and message
     */
    public record ParsedDrl(PackageDescr descr, List<SyntaxError> errors) {
        public ParsedDrl {
            errors = List.copyOf(errors);
        }
    }

    /** A syntax error of a DRL file: its line (0 when the parser gives none) and the parser's message. */
    public record SyntaxError(int line, String message) {
    }

    /** Parses a DRL file with the DRL 6 parser, as the classic and executable-model compilers of Drools 10 do. */
    public static ParsedDrl parseDrl(String text) {
        DrlParser parser = new DrlParser(LanguageLevelOption.DRL6);
        PackageDescr descr;
        List<SyntaxError> errors = new ArrayList<>();
        try {
            descr = parser.parse(false, new StringReader(text));
            parser.getErrors().forEach(error -> errors.add(new SyntaxError(
                    error.getLines() != null && error.getLines().length > 0 ? Math.max(error.getLines()[0], 0) : 0,
                    error.getMessage())));
        } catch (DroolsParserException e) {
            descr = null;
            errors.add(new SyntaxError(0, e.getMessage()));
        }
        if (parser.hasErrors()) {
            descr = null;
        }
        return new ParsedDrl(descr, errors);
    }

    /**
     * Parses a DRL constraint (bindings, {@code in}, the temporal and other operators given) to the expression
     * parser's tree; throws a {@link RuntimeException} when it cannot.
     */
    public static DrlxExpression parseDrlxExpression(String code, List<String> operators) {
        ParseStart<DrlxExpression> start = DrlxParser.buildDrlxParserWithArguments(operators);
        try {
            return DrlxParser.parseExpression(start, code);
        } catch (AssertionError e) {
            throw new IllegalArgumentException("cannot be parsed: " + e.getMessage(), e);
        }
    }

    /**
     * Whether a compile error is the Java compiler's, in a class Drools generated for a declared type: its lines are
     * the generated class's, not the DRL's, and it names no DRL file.
     */
    public static boolean ofGeneratedJava(KnowledgeBuilderError error) {
        return error instanceof org.drools.model.codegen.execmodel.errors.CompilationProblemErrorResult;
    }

    /**
     * A message of Drools or of its Java parser without the stack trace some of them carry ("Problem stacktrace :"
     * and a line per frame, from javaparser's ParseProblemException), which says nothing to a DRL file's author.
     */
    public static String withoutStackTrace(String message) {
        if (message == null) {
            return null;
        }
        int trace = message.indexOf("Problem stacktrace");
        return trace < 0 ? message : message.substring(0, trace).strip();
    }

    /**
     * Parses a block of consequence statements in Drools' Java-like dialect (which knows {@code modify} and
     * {@code with}); throws a {@link RuntimeException} when it cannot.
     */
    public static BlockStmt parseMvelBlock(String block) {
        try {
            return MvelParser.parseBlock(block);
        } catch (AssertionError e) {
            // Drools' parser asserts on tokens its grammar does not know (a local enum: "Invalid token kind 26").
            throw new IllegalArgumentException("cannot be parsed: " + e.getMessage(), e);
        }
    }
}
