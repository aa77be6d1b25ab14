package org.niyam.compliance.engine.internal;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.kie.api.KieServices;
import org.kie.api.io.Resource;
import org.kie.internal.builder.KnowledgeBuilderError;
import org.niyam.compliance.engine.internal.drools.DroolsInternals;
import org.niyam.compliance.pack.RulePack;

/**
 * The build step that compiles a rule pack to Drools' executable model (see {@link ExecutableModels}). Run in its
 * own JVM, with the class path the pack's rules are compiled against:
 *
 * <pre>{@code
 * java -cp ... org.niyam.compliance.engine.internal.ExecutableModelBuild <pack folder> <classes folder> <sources folder>
 * }</pre>
 *
 * It reads the pack as {@link RulePack#directory} does, generates the model's Java sources into the sources folder,
 * compiles them into the classes folder, and writes the pack's index there. A DRL compile error fails it. It reaches
 * Drools through kie's public API and {@link DroolsInternals#generateModel} only; why this step and not kie's own
 * Maven plugin: {@code docs/architecture.md}. Not API.
 */
public final class ExecutableModelBuild {

    private ExecutableModelBuild() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            throw new IllegalArgumentException("usage: ExecutableModelBuild <pack folder> <classes folder> <sources folder>");
        }
        Path classes = Path.of(args[1]);
        Path sources = Path.of(args[2]);
        RulePack pack = RulePack.directory(Path.of(args[0]));
        List<RulePack> packs = List.of(pack);

        List<Resource> drl = new ArrayList<>();
        int path = 0;
        for (RulePack.DrlSource source : pack.sources()) {
            Resource resource = KieServices.get().getResources()
                    .newByteArrayResource(source.text().getBytes(StandardCharsets.UTF_8));
            resource.setSourcePath(RuleBase.resourcePath(path++));
            drl.add(resource);
        }
        DroolsInternals.GeneratedModel generated = DroolsInternals.generateModel(drl,
                RuleBase.builderConfiguration(ExecutableModelBuild.class.getClassLoader()), "niyam-pack-" + pack.id());
        if (!generated.errors().isEmpty()) {
            StringBuilder message = new StringBuilder("pack " + pack.id() + " does not compile:");
            for (KnowledgeBuilderError error : generated.errors()) {
                message.append("\n  ").append(error);
            }
            throw new IllegalStateException(message.toString());
        }
        List<String> models = generated.models();
        deleteEarlierBuild(sources, classes);
        List<Path> files = new ArrayList<>();
        for (Map.Entry<String, byte[]> file : generated.files().entrySet()) {
            Path target = sources.resolve(file.getKey());
            Files.createDirectories(target.getParent());
            Files.write(target, file.getValue());
            files.add(target);
        }
        compile(files, classes);

        // Written by hand rather than with Properties.store, which adds the date: the same DRL gives the same file.
        Path indexFile = classes.resolve(ExecutableModels.indexName(packs));
        Files.createDirectories(indexFile.getParent());
        Files.writeString(indexFile, "# Drools executable model of pack " + pack.id()
                + ", used only when the DRL loaded has this fingerprint\n"
                + ExecutableModels.FINGERPRINT + "=" + ExecutableModels.fingerprint(packs) + "\n"
                + ExecutableModels.MODELS + "=" + String.join(",", models) + "\n", StandardCharsets.UTF_8);
        writeAnalysis(Path.of(args[0]), classes, pack);
    }

    /**
     * Beside the index, what the engine reads from the pack's DRL ({@link StoredAnalysis}), computed as an engine
     * computes it from the pack as the engine loads it: from the class path, where its files are named
     * {@code classpath:<folder>/<file>}. Only for a pack in the classes folder; without it, engines parse the DRL.
     */
    private static void writeAnalysis(Path folder, Path classes, RulePack built) throws IOException {
        Path stored = classes.resolve(StoredAnalysis.resourceName(List.of(built)));
        Files.deleteIfExists(stored);
        Path absolute = folder.toAbsolutePath().normalize();
        Path root = classes.toAbsolutePath().normalize();
        if (!absolute.startsWith(root) || absolute.equals(root)) {
            System.out.println("pack " + built.id() + " is not in " + classes + ": no stored analysis");
            return;
        }
        String location = root.relativize(absolute).toString().replace('\\', '/');
        try (URLClassLoader loader = new URLClassLoader(new URL[] {root.toUri().toURL()},
                ExecutableModelBuild.class.getClassLoader())) {
            RulePack pack = RulePack.classpath(location, loader);
            StoredAnalysis analysis = StoredAnalysis.of(List.of(pack), loader);
            if (analysis == null) {
                System.out.println("pack " + built.id() + " has a problem only a full analysis reports: no stored "
                        + "analysis");
                return;
            }
            Files.writeString(stored, analysis.toJson(), StandardCharsets.UTF_8);
        }
    }

    private static void compile(List<Path> files, Path classes) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new IllegalStateException("no Java compiler: build with a JDK, not a JRE");
        }
        Files.createDirectories(classes);
        List<String> arguments = new ArrayList<>(List.of("-d", classes.toString(), "-classpath",
                System.getProperty("java.class.path"), "--release", "17", "-encoding", "UTF-8", "-proc:none",
                "-nowarn", "-XDsuppressNotes"));
        files.forEach(f -> arguments.add(f.toString()));
        int status = javac.run(null, null, null, arguments.toArray(String[]::new));
        if (status != 0) {
            throw new IllegalStateException("the generated executable model does not compile (javac status " + status
                    + "): see the compiler's messages above");
        }
    }

    /** The sources of an earlier build and their classes, which another DRL would leave behind in the jar. */
    private static void deleteEarlierBuild(Path sources, Path classes) throws IOException {
        if (!Files.exists(sources)) {
            return;
        }
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(sources)) {
            paths = walk.sorted(Comparator.reverseOrder()).toList();
        }
        for (Path path : paths) {
            String name = path.getFileName().toString();
            if (name.endsWith(".java")) {
                String type = name.substring(0, name.length() - ".java".length());
                Path folder = classes.resolve(sources.relativize(path.getParent()).toString());
                if (Files.isDirectory(folder)) {
                    try (Stream<Path> compiled = Files.list(folder)) {
                        for (Path file : compiled.toList()) {
                            String fileName = file.getFileName().toString();
                            if (fileName.equals(type + ".class") || fileName.startsWith(type + "$")) {
                                Files.delete(file);
                            }
                        }
                    }
                }
            }
            Files.delete(path);
        }
    }
}
