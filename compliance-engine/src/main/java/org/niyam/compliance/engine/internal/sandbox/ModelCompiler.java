package org.niyam.compliance.engine.internal.sandbox;

import java.util.List;
import java.util.Map;
import org.kie.api.io.Resource;
import org.kie.internal.builder.KnowledgeBuilderConfiguration;
import org.kie.internal.builder.KnowledgeBuilderError;
import org.niyam.compliance.engine.internal.drools.DroolsInternals;

/**
 * Compiles DRL to Drools' executable model in memory: Java sources generated from the DRL, compiled by the Eclipse
 * compiler (pinned, so that the generated code the allowlist was derived from does not change with the JDK), and
 * returned as class files, none of them loaded ({@link DroolsInternals} does the Drools part). Not API.
 */
public final class ModelCompiler {

    /**
     * What the DRL compiled to.
     *
     * @param errors  the DRL compiler's errors; with any, there are no classes
     * @param classes the class files by binary class name
     * @param models  the names of the model classes to instantiate, one per DRL package
     */
    public record Output(List<KnowledgeBuilderError> errors, Map<String, byte[]> classes, List<String> models) {
        public Output {
            errors = List.copyOf(errors);
            classes = Map.copyOf(classes);
            models = List.copyOf(models);
        }
    }

    private ModelCompiler() {
    }

    /**
     * Compiles the DRL files, given as resources whose source paths name them, with the compiler configured as the
     * configuration says; the class loader resolves the types the DRL names.
     */
    public static Output compile(List<Resource> drl, KnowledgeBuilderConfiguration configuration, ClassLoader loader) {
        DroolsInternals.GeneratedModel generated = DroolsInternals.generateModel(drl, configuration, "niyam-restricted");
        if (!generated.errors().isEmpty()) {
            return new Output(generated.errors(), Map.of(), List.of());
        }
        return new Output(List.of(), DroolsInternals.compileWithoutLoading(generated.javaSources(), loader),
                generated.models());
    }
}
