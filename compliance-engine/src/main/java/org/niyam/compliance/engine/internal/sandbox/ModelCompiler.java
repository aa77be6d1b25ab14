package org.niyam.compliance.engine.internal.sandbox;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.drools.codegen.common.GeneratedFile;
import org.drools.compiler.builder.impl.KnowledgeBuilderConfigurationImpl;
import org.drools.model.codegen.execmodel.ModelBuilderImpl;
import org.drools.model.codegen.execmodel.PackageSources;
import org.kie.api.io.Resource;
import org.kie.internal.builder.KnowledgeBuilderConfiguration;
import org.kie.api.io.ResourceType;
import org.kie.internal.builder.CompositeKnowledgeBuilder;
import org.kie.internal.builder.KnowledgeBuilderError;
import org.kie.memorycompiler.JavaConfiguration;
import org.kie.memorycompiler.KieMemoryCompiler;
import org.kie.util.maven.support.ReleaseIdImpl;

/**
 * Compiles DRL to Drools' executable model in memory: Java sources generated from the DRL, compiled by the Eclipse
 * compiler (pinned, so that the generated code the allowlist was derived from does not change with the JDK), and
 * returned as class files, none of them loaded. Not API.
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
        ModelBuilderImpl<PackageSources> builder = new ModelBuilderImpl<>(PackageSources::dumpSources,
                configuration.as(KnowledgeBuilderConfigurationImpl.KEY),
                new ReleaseIdImpl("org.niyam", "niyam-restricted", "1"), false);
        CompositeKnowledgeBuilder batch = builder.batch();
        drl.forEach(resource -> batch.add(resource, ResourceType.DRL));
        batch.build();
        if (!builder.getErrors().isEmpty()) {
            return new Output(new ArrayList<>(builder.getErrors()), Map.of(), List.of());
        }
        List<GeneratedFile> generated = new ArrayList<>();
        List<String> models = new ArrayList<>();
        for (PackageSources sources : builder.getPackageSources()) {
            sources.collectGeneratedFiles(generated);
            models.addAll(sources.getModelNames());
        }
        Map<String, String> sources = new LinkedHashMap<>();
        for (GeneratedFile file : generated) {
            String path = file.relativePath();
            if (path.endsWith(".java")) {
                sources.put(path.substring(0, path.length() - ".java".length()).replace('/', '.'),
                        new String(file.contents(), StandardCharsets.UTF_8));
            }
        }
        Map<String, byte[]> classes = new TreeMap<>();
        KieMemoryCompiler.compileNoLoad(sources, loader, JavaConfiguration.CompilerType.ECLIPSE)
                .forEach((name, bytes) -> classes.put(name.replace('/', '.'), bytes));
        return new Output(List.of(), classes, models);
    }
}
