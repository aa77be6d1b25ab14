package org.niyam.compliance.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.module.ModuleDescriptor;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.niyam.compliance.io.CaseLogReader;
import org.niyam.compliance.model.CaseEvent;
import org.niyam.compliance.pack.RulePack;

/**
 * The layout docs/architecture.md draws, measured on the compiled classes: the packages of the model, the reading
 * module and the engine form layers (a package depends on lower layers only, so there is no cycle), each module
 * exports the packages it names and nothing else, and the public types of those packages are the reviewed API.
 */
class ModuleLayoutTest {

    /** The layers, lowest first; a package may depend on its own layer and the layers below. */
    private static final List<List<String>> LAYERS = List.of(
            List.of("org.niyam.compliance.model"),
            List.of("org.niyam.compliance.io.internal"),
            List.of("org.niyam.compliance.io"),
            List.of("org.niyam.compliance.pack"),
            List.of("org.niyam.compliance.engine.internal.drools"),
            List.of("org.niyam.compliance.engine.internal.drl"),
            List.of("org.niyam.compliance.engine.internal.sandbox"),
            List.of("org.niyam.compliance.engine.internal"),
            List.of("org.niyam.compliance.engine"),
            List.of("org.niyam.compliance.scenario"));

    private static final Map<Path, FileSystem> JARS = new HashMap<>();

    private static Map<String, Set<String>> dependencies;

    @BeforeAll
    static void jdeps() throws IOException {
        ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow();
        List<String> args = new ArrayList<>(List.of("-verbose:package", "-e", "org\\.niyam\\..*"));
        for (Class<?> type : List.of(CaseEvent.class, CaseLogReader.class, RulePack.class)) {
            args.add(withoutDescriptor(classes(type)).toString());
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = jdeps.run(new PrintWriter(out), new PrintWriter(err), args.toArray(String[]::new));
        assertThat(status).as("jdeps %s: %s", args, err).isZero();
        dependencies = new TreeMap<>();
        Matcher line = Pattern.compile("^\\s+(org\\.niyam\\.[\\w.]+)\\s+->\\s+(org\\.niyam\\.[\\w.]+)\\s", Pattern.MULTILINE)
                .matcher(out.toString());
        while (line.find()) {
            if (!line.group(1).equals(line.group(2))) {
                dependencies.computeIfAbsent(line.group(1), k -> new TreeSet<>()).add(line.group(2));
            }
        }
        assertThat(dependencies).as("jdeps output: %s", out).containsKeys("org.niyam.compliance.engine",
                "org.niyam.compliance.io");
    }

    @AfterAll
    static void closeJars() throws IOException {
        for (FileSystem jar : JARS.values()) {
            jar.close();
        }
    }

    @Test
    void noPackageDependsOnAHigherLayer() {
        List<String> upwards = new ArrayList<>();
        dependencies.forEach((from, targets) -> targets.forEach(to -> {
            if (layer(to) > layer(from)) {
                upwards.add(from + " -> " + to);
            }
        }));
        assertThat(upwards).as("dependencies against the layers of docs/architecture.md").isEmpty();
    }

    @Test
    void noCycleBetweenPackages() {
        List<Set<String>> cycles = stronglyConnected(dependencies).stream()
                .filter(component -> component.size() > 1)
                .toList();
        assertThat(cycles).as("package cycles").isEmpty();
    }

    @Test
    void theCycleCheckFindsACycle() {
        Map<String, Set<String>> graph = Map.of("a", Set.of("b"), "b", Set.of("c"), "c", Set.of("a", "d"));
        assertThat(stronglyConnected(graph)).contains(Set.of("a", "b", "c"), Set.of("d"));
        assertThat(stronglyConnected(Map.of("a", Set.of("b"), "b", Set.of("c"))))
                .allMatch(component -> component.size() == 1);
    }

    @Test
    void modulesExportTheirApiOnly() throws IOException {
        assertThat(exports(CaseEvent.class)).containsExactly("org.niyam.compliance.model");
        assertThat(exports(CaseLogReader.class)).containsExactly("org.niyam.compliance.io",
                "org.niyam.compliance.io.internal to [org.niyam.compliance.engine]");
        assertThat(exports(RulePack.class)).containsExactly("org.niyam.compliance.engine",
                "org.niyam.compliance.pack", "org.niyam.compliance.scenario");
        // Whatever a module holds beside what it exports is internal, by name.
        for (Class<?> type : List.of(CaseEvent.class, CaseLogReader.class, RulePack.class)) {
            ModuleDescriptor module = descriptor(type);
            Set<String> exported = module.exports().stream().filter(e -> !e.isQualified())
                    .map(ModuleDescriptor.Exports::source).collect(Collectors.toSet());
            assertThat(module.packages()).as(module.name()).allMatch(p -> exported.contains(p) || p.contains(".internal"));
        }
    }

    @Test
    void thePublicTypesOfTheExportedPackagesAreTheReviewedApi() throws IOException {
        // The API, reviewed type by type: adding a public type to an exported package is a decision, made here.
        assertThat(publicTypes(RulePack.class, "org.niyam.compliance.pack")).containsExactly("EvaluationListener",
                "LawVersion", "Parameter", "Problem", "RuleDescription", "RuleExecutionException", "RulePack",
                "RulePackException");
        assertThat(publicTypes(RulePack.class, "org.niyam.compliance.engine")).containsExactly("CaseLogAudit",
                "CaseTracker", "ComplianceEngine", "ComplianceMonitor", "MonitorClock");
        assertThat(publicTypes(RulePack.class, "org.niyam.compliance.scenario")).containsExactly("Coverage",
                "Scenario", "ScenarioResult", "ScenarioRunner");
        assertThat(publicTypes(CaseLogReader.class, "org.niyam.compliance.io")).containsExactly("CaseLogReader",
                "ComplianceJson");
    }

    private static int layer(String pkg) {
        for (int i = 0; i < LAYERS.size(); i++) {
            if (LAYERS.get(i).contains(pkg)) {
                return i;
            }
        }
        throw new AssertionError("package " + pkg + " is in no layer of docs/architecture.md: add it to LAYERS");
    }

    private static List<String> exports(Class<?> type) throws IOException {
        return descriptor(type).exports().stream()
                .map(e -> e.isQualified() ? e.source() + " to " + new TreeSet<>(e.targets()) : e.source())
                .sorted().toList();
    }

    private static ModuleDescriptor descriptor(Class<?> type) throws IOException {
        try (InputStream in = Files.newInputStream(classes(type).resolve("module-info.class"))) {
            return ModuleDescriptor.read(in);
        }
    }

    private static List<String> publicTypes(Class<?> inModule, String pkg) throws IOException {
        Path folder = classes(inModule).resolve(pkg.replace('.', '/'));
        try (Stream<Path> files = Files.list(folder)) {
            List<String> names = files.map(f -> f.getFileName().toString())
                    .filter(n -> n.endsWith(".class") && !n.contains("$") && !n.equals("package-info.class"))
                    .map(n -> n.substring(0, n.length() - ".class".length())).sorted().toList();
            List<String> result = new ArrayList<>();
            for (String name : names) {
                try {
                    if (Modifier.isPublic(Class.forName(pkg + "." + name, false, inModule.getClassLoader())
                            .getModifiers())) {
                        result.add(name);
                    }
                } catch (ClassNotFoundException e) {
                    throw new AssertionError(e);
                }
            }
            return result;
        }
    }

    /**
     * The compiled classes a type comes from: the module's target/classes, or its jar once packaged (as in
     * {@code mvn verify}), read as a file system.
     */
    private static Path classes(Class<?> type) {
        try {
            Path location = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isDirectory(location)) {
                return location;
            }
            synchronized (JARS) {
                FileSystem jar = JARS.get(location);
                if (jar == null) {
                    jar = FileSystems.newFileSystem(location);
                    JARS.put(location, jar);
                }
                return jar.getPath("/");
            }
        } catch (URISyntaxException | IOException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * A copy of the classes without module-info.class: jdeps then reads them as plain classes and needs no module
     * path of Drools' sixty jars to resolve the descriptor (the descriptor is checked above, by itself).
     */
    private static Path withoutDescriptor(Path classes) throws IOException {
        Path copy = Files.createTempDirectory("niyam-layout-");
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(Files::isRegularFile).filter(f -> f.toString().endsWith(".class"))
                    .filter(f -> !f.getFileName().toString().equals("module-info.class")).toList()) {
                Path target = copy.resolve(classes.relativize(file).toString());
                Files.createDirectories(target.getParent());
                Files.copy(file, target);
            }
        }
        return copy;
    }

    /** Tarjan's strongly connected components of the package graph. */
    private static List<Set<String>> stronglyConnected(Map<String, Set<String>> graph) {
        Map<String, Integer> index = new TreeMap<>();
        Map<String, Integer> low = new TreeMap<>();
        List<String> stack = new ArrayList<>();
        List<Set<String>> components = new ArrayList<>();
        Set<String> nodes = new TreeSet<>(graph.keySet());
        graph.values().forEach(nodes::addAll);
        for (String node : nodes) {
            if (!index.containsKey(node)) {
                connect(node, graph, index, low, stack, components);
            }
        }
        return components;
    }

    private static void connect(String node, Map<String, Set<String>> graph, Map<String, Integer> index,
                                Map<String, Integer> low, List<String> stack, List<Set<String>> components) {
        index.put(node, index.size());
        low.put(node, index.get(node));
        stack.add(node);
        for (String next : graph.getOrDefault(node, Set.of())) {
            if (!index.containsKey(next)) {
                connect(next, graph, index, low, stack, components);
                low.put(node, Math.min(low.get(node), low.get(next)));
            } else if (stack.contains(next)) {
                low.put(node, Math.min(low.get(node), index.get(next)));
            }
        }
        if (low.get(node).equals(index.get(node))) {
            Set<String> component = new TreeSet<>();
            String member;
            do {
                member = stack.remove(stack.size() - 1);
                component.add(member);
            } while (!member.equals(node));
            components.add(component);
        }
    }
}
