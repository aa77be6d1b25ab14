package org.niyam.compliance.engine.internal.drools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.drools.drl.ast.descr.PatternDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.model.Model;
import org.drools.mvel.parser.ast.expr.DrlxExpression;
import org.junit.jupiter.api.Test;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.definition.rule.Rule;
import org.kie.api.definition.type.FactType;
import org.kie.api.io.Resource;
import org.kie.api.runtime.KieSession;
import org.kie.internal.builder.KnowledgeBuilderConfiguration;
import org.kie.internal.builder.KnowledgeBuilderFactory;
import org.kie.internal.builder.conf.PropertySpecificOption;

/**
 * Each method of {@link DroolsInternals} against the Drools on the class path, and the version that Drools must be.
 * On a Drools upgrade this test fails first, and says what to re-check.
 */
class DroolsInternalsTest {

    /** What the upgrader must re-check, in every failure message of this test. */
    static final String UPGRADE = "DroolsInternals was written against Drools " + DroolsInternals.PINNED
            + ". On a Drools upgrade, re-check each method of DroolsInternals (its Javadoc names the internal class "
            + "each uses and why no public API does), re-derive the sandbox allowlist (sandbox/Allowlist) from its "
            + "corpus (RestrictedFeaturesTest), re-run the error-message tests (ErrorMessagesTest, UnknownTypesTest), "
            + "rebuild the India pack's executable model, and only then set DroolsInternals.PINNED";

    private static final String DRL = """
            package p;
            declare Thing
              size : int
            end
            rule "big" @citation("Section 1")
            when
              $t : Thing(size > 3)
            then
              insert("big " + $t.getSize());
            end
            """;

    /** One class of each Drools artifact the engine relies on, by name, so that a removed class is named too. */
    private static final List<String> ARTIFACT_CLASSES = List.of(
            "org.kie.api.KieBase",                                          // kie-api
            "org.kie.internal.builder.KnowledgeBuilder",                    // kie-internal
            "org.kie.memorycompiler.KieMemoryCompiler",                     // kie-memory-compiler
            "org.kie.util.maven.support.ReleaseIdImpl",                     // kie-util-maven-support
            "org.drools.base.util.Drools",                                  // drools-base
            "org.drools.core.impl.InternalRuleBase",                        // drools-core
            "org.drools.compiler.builder.impl.KnowledgeBuilderConfigurationImpl", // drools-compiler
            "org.drools.model.Model",                                       // drools-canonical-model
            "org.drools.model.codegen.execmodel.ModelBuilderImpl",          // drools-model-codegen
            "org.drools.modelcompiler.KieBaseBuilder",                      // drools-model-compiler
            "org.drools.codegen.common.GeneratedFile",                      // drools-codegen-common
            "org.drools.drl.ast.descr.PackageDescr",                        // drools-drl-ast
            "org.drools.drl.parser.DrlParser",                              // drools-drl-parser
            "org.drools.mvel.parser.MvelParser");                           // drools-mvel-parser

    /** The helper the executable model compiles a comparison of non-numbers to is where the engine names it. */
    @Test
    void the_comparison_helper_is_the_class_named() throws Exception {
        String name = DroolsInternals.COMPARISON_HELPER;
        Class<?> helper = Class.forName(name.substring(0, name.length() - 1));
        assertThat(java.util.Arrays.stream(helper.getMethods()).map(java.lang.reflect.Method::getName))
                .contains("greaterThan", "greaterOrEqual", "lessThan", "lessOrEqual");
    }

    @Test
    void the_drools_on_the_class_path_is_the_pinned_one() {
        assertThat(DroolsInternals.version()).as("Drools.getFullVersion(); " + UPGRADE)
                .isEqualTo(DroolsInternals.PINNED);
        for (String name : ARTIFACT_CLASSES) {
            Class<?> type;
            try {
                type = Class.forName(name, false, getClass().getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new AssertionError("class " + name + " is gone from the class path; " + UPGRADE, e);
            }
            assertThat(type.getPackage().getImplementationVersion())
                    .as("Implementation-Version in the manifest of the jar of " + name + "; " + UPGRADE)
                    .isEqualTo(DroolsInternals.PINNED);
        }
    }

    @Test
    void drl_generates_an_executable_model_that_compiles_without_loading_and_builds_a_rule_base() throws Exception {
        KnowledgeBuilderConfiguration configuration = configuration();
        DroolsInternals.GeneratedModel generated = DroolsInternals.generateModel(List.of(drl(DRL, "p/a.drl")),
                configuration, "test");
        assertThat(generated.errors()).as(UPGRADE).isEmpty();
        assertThat(generated.models()).as(UPGRADE).hasSize(1);
        assertThat(generated.files()).as(UPGRADE).isNotEmpty();
        assertThat(generated.javaSources()).as(UPGRADE).containsKey(generated.models().get(0));

        Map<String, byte[]> classes = DroolsInternals.compileWithoutLoading(generated.javaSources(),
                getClass().getClassLoader());
        assertThat(classes).as(UPGRADE).containsKeys(generated.models().get(0), "p.Thing");
        BytesLoader loader = new BytesLoader(getClass().getClassLoader(), classes);
        assertThat(loader.defined).as("nothing is loaded before a rule base is asked for").isEmpty();

        List<Model> models = new ArrayList<>();
        for (String model : generated.models()) {
            models.add((Model) Class.forName(model, true, loader).getConstructor().newInstance());
        }
        KieBase kieBase = DroolsInternals.kieBase(models, loader,
                DroolsInternals.modelOnlyConfiguration(loader, PropertySpecificOption.ALLOWED));
        Rule rule = kieBase.getRule("p", "big");
        assertThat(rule).as(UPGRADE).isNotNull();
        assertThat(rule.getMetaData()).as(UPGRADE).containsEntry("citation", "Section 1");

        FactType thing = kieBase.getFactType("p", "Thing");
        assertThat(Class.forName("p.Thing", false, DroolsInternals.rootClassLoader(kieBase)))
                .as("the root class loader resolves the declared type; " + UPGRADE).isSameAs(thing.getFactClass());

        KieSession session = kieBase.newKieSession();
        try {
            Object big = thing.newInstance();
            thing.set(big, "size", 5);
            session.insert(big);
            assertThat(session.fireAllRules()).as(UPGRADE).isEqualTo(1);
            assertThat(new ArrayList<Object>(session.getObjects(o -> o instanceof String))).as(UPGRADE)
                    .containsExactly("big 5");
        } finally {
            session.dispose();
        }
    }

    @Test
    void a_rule_base_from_a_model_on_the_default_class_loader_also_builds() throws Exception {
        DroolsInternals.GeneratedModel generated = DroolsInternals.generateModel(List.of(drl(
                "package q;\nrule r @citation(\"Section 2\") when String() then end\n", "q/r.drl")),
                configuration(), "test");
        Map<String, byte[]> classes = DroolsInternals.compileWithoutLoading(generated.javaSources(),
                getClass().getClassLoader());
        BytesLoader loader = new BytesLoader(getClass().getClassLoader(), classes);
        Model model = (Model) Class.forName(generated.models().get(0), true, loader).getConstructor().newInstance();
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            KieBase kieBase = DroolsInternals.kieBase(List.of(model), null,
                    DroolsInternals.modelOnlyConfiguration(loader, PropertySpecificOption.ALLOWED));
            assertThat(kieBase.getRule("q", "r")).as(UPGRADE).isNotNull();
        } finally {
            thread.setContextClassLoader(before);
        }
    }

    /**
     * The classic rule base evaluates a constraint with an operator more often than Drools' jitting threshold (20):
     * with jitting on, the 21st evaluation failed with a NoSuchMethodError in Drools 10's drools-mvel.
     */
    @Test
    void the_classic_rule_base_evaluates_a_constraint_with_an_operator_past_the_jitting_threshold() {
        String drl = """
                package org.niyam.test.jit;
                rule "marked"
                when
                    $s : String(this str[startsWith] "m")
                then
                end
                """;
        org.kie.internal.builder.KnowledgeBuilder builder = KnowledgeBuilderFactory.newKnowledgeBuilder();
        builder.add(KieServices.get().getResources().newByteArrayResource(drl.getBytes(StandardCharsets.UTF_8))
                .setSourcePath("jit.drl"), org.kie.api.io.ResourceType.DRL);
        assertThat(builder.getErrors()).isEmpty();
        KieBase kieBase = DroolsInternals.classicKieBase(builder);
        int fired = 0;
        for (int i = 0; i < 40; i++) {
            KieSession session = kieBase.newKieSession();
            try {
                session.insert("m" + i);
                session.insert("x" + i);
                fired += session.fireAllRules();
            } finally {
                session.dispose();
            }
        }
        assertThat(fired).isEqualTo(40);
    }

    @Test
    void the_model_only_configuration_refuses_what_it_does_not_hold() {
        KnowledgeBuilderConfiguration configuration = DroolsInternals.modelOnlyConfiguration(
                getClass().getClassLoader(), PropertySpecificOption.ALLOWED);
        assertThat(configuration.getOption(PropertySpecificOption.KEY)).isEqualTo(PropertySpecificOption.ALLOWED);
        assertThat(configuration.getClassLoader()).isSameAs(getClass().getClassLoader());
        assertThatThrownBy(() -> configuration.getProperty("drools.dialect.default"))
                .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("drools.dialect.default");
    }

    @Test
    void a_drl_compile_error_is_reported_with_its_line_and_nothing_is_generated() {
        DroolsInternals.GeneratedModel generated = DroolsInternals.generateModel(List.of(drl(
                "package p;\nrule r @citation(\"x\")\nwhen\n  Nothing()\nthen\nend\n", "p/bad.drl")),
                configuration(), "test");
        assertThat(generated.errors()).as(UPGRADE).isNotEmpty();
        assertThat(generated.errors().get(0).getMessage()).as(UPGRADE).contains("Nothing");
        assertThat(generated.files()).isEmpty();
        assertThat(generated.models()).isEmpty();
    }

    /** A syntax tree the engine changed compiles as its text would, and its errors name the file's path. */
    @Test
    void a_syntax_tree_is_compiled_in_place_of_the_text_with_its_path_and_lines() {
        String text = "package p;\nrule r @citation(\"x\")\nwhen\n  String()\nthen\nend\n";
        DroolsInternals.ParsedDrl parsed = DroolsInternals.parseDrl(text);
        parsed.descr().getRules().get(0).getLhs().addDescr(new org.drools.drl.ast.descr.PatternDescr("Nothing"));
        DroolsInternals.GeneratedModel generated = DroolsInternals.generateModel(
                List.of(DroolsInternals.descrResource(parsed.descr(), "p/tree.drl")), configuration(), "test");

        assertThat(generated.errors()).as(UPGRADE).isNotEmpty();
        assertThat(generated.errors().get(0).getMessage()).as(UPGRADE).contains("Nothing");
        assertThat(generated.errors().get(0).getResource().getSourcePath()).as(UPGRADE).isEqualTo("p/tree.drl");

        DroolsInternals.GeneratedModel unchanged = DroolsInternals.generateModel(
                List.of(DroolsInternals.descrResource(DroolsInternals.parseDrl(text).descr(), "p/tree.drl")),
                configuration(), "test");
        assertThat(unchanged.errors()).as(UPGRADE).isEmpty();
        assertThat(unchanged.models()).as(UPGRADE).hasSize(1);
    }

    @Test
    void java_that_does_not_compile_names_the_class() {
        Map<String, String> sources = new TreeMap<>(Map.of("x.Broken", "package x; class Broken { int f() { return "
                + "nope(); } }"));
        assertThatThrownBy(() -> DroolsInternals.compileWithoutLoading(sources, getClass().getClassLoader()))
                .as(UPGRADE).isInstanceOf(DroolsInternals.JavaCompileException.class)
                .hasMessageContaining("Broken").hasMessageContaining("nope");
    }

    @Test
    void drl_parses_to_its_syntax_tree_with_lines_and_syntax_errors_have_lines() {
        DroolsInternals.ParsedDrl parsed = DroolsInternals.parseDrl(DRL);
        assertThat(parsed.errors()).as(UPGRADE).isEmpty();
        RuleDescr rule = parsed.descr().getRules().get(0);
        assertThat(rule.getName()).isEqualTo("big");
        assertThat(rule.getLine()).as(UPGRADE).isEqualTo(5);
        assertThat(rule.getAnnotation("citation").getSingleValue()).as(UPGRADE).isEqualTo("\"Section 1\"");
        PatternDescr pattern = (PatternDescr) rule.getLhs().getDescrs().get(0);
        assertThat(pattern.getObjectType()).isEqualTo("Thing");
        assertThat(pattern.getIdentifier()).isEqualTo("$t");
        assertThat(pattern.getLine()).as(UPGRADE).isEqualTo(7);
        assertThat(parsed.descr().getTypeDeclarations()).hasSize(1);

        DroolsInternals.ParsedDrl broken = DroolsInternals.parseDrl("package p;\n\nrule r when Thing( then end\n");
        assertThat(broken.descr()).as(UPGRADE).isNull();
        assertThat(broken.errors()).as(UPGRADE).isNotEmpty();
        assertThat(broken.errors().get(0).line()).as(UPGRADE).isEqualTo(3);
    }

    @Test
    void drl_expressions_and_consequence_blocks_parse() {
        DrlxExpression binding = DroolsInternals.parseDrlxExpression("$c : caseId", List.of("after"));
        assertThat(binding.getBind()).as(UPGRADE).isNotNull();
        assertThat(binding.getBind().asString()).isEqualTo("$c");
        DrlxExpression temporal = DroolsInternals.parseDrlxExpression("this after[0s,3h] $e", List.of("after"));
        assertThat(temporal.getExpr()).as(UPGRADE).isNotNull();
        assertThat(DroolsInternals.parseMvelBlock("{ modify($t) { setSize(1) }\n}").getStatements())
                .as(UPGRADE).hasSize(1);
    }

    private static KnowledgeBuilderConfiguration configuration() {
        KnowledgeBuilderConfiguration configuration = KnowledgeBuilderFactory.newKnowledgeBuilderConfiguration(
                DroolsInternalsTest.class.getClassLoader());
        configuration.setOption(PropertySpecificOption.ALLOWED);
        return configuration;
    }

    private static Resource drl(String text, String path) {
        Resource resource = KieServices.get().getResources().newByteArrayResource(
                text.getBytes(StandardCharsets.UTF_8));
        resource.setSourcePath(path);
        return resource;
    }

    /** Defines the given class files, and records which it defined. */
    private static final class BytesLoader extends ClassLoader {
        private final Map<String, byte[]> classes;
        final List<String> defined = new ArrayList<>();

        BytesLoader(ClassLoader parent, Map<String, byte[]> classes) {
            super("drools-internals-test", parent);
            this.classes = classes;
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            byte[] bytes = classes.get(name);
            if (bytes == null) {
                throw new ClassNotFoundException(name);
            }
            defined.add(name);
            return defineClass(name, bytes, 0, bytes.length);
        }

        @Override
        public InputStream getResourceAsStream(String name) {
            if (name.endsWith(".class")) {
                byte[] bytes = classes.get(name.substring(0, name.length() - ".class".length()).replace('/', '.'));
                if (bytes != null) {
                    return new ByteArrayInputStream(bytes);
                }
            }
            return super.getResourceAsStream(name);
        }
    }
}
