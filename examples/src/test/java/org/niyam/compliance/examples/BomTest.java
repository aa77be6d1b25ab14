package org.niyam.compliance.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * niyam-bom lists every published module of the build at the build's version, and the embedding example and the
 * README depend on Niyam through it.
 */
class BomTest {

    private static final Path ROOT = Path.of("..");

    @Test
    void bomListsEveryPublishedModuleAtTheBuildVersion() throws Exception {
        Document parent = read(ROOT.resolve("pom.xml"));
        Document bom = read(ROOT.resolve("niyam-bom/pom.xml"));
        assertThat(child(bom.getDocumentElement(), "version")).isEqualTo(child(parent.getDocumentElement(), "version"));

        List<String> published = new ArrayList<>();
        for (Element module : elements(parent.getDocumentElement(), "modules", "module")) {
            Document pom = read(ROOT.resolve(module.getTextContent().strip()).resolve("pom.xml"));
            String packaging = child(pom.getDocumentElement(), "packaging");
            boolean notDeployed = Files.readString(ROOT.resolve(module.getTextContent().strip()).resolve("pom.xml"))
                    .contains("<maven.deploy.skip>true</maven.deploy.skip>");
            if (!"pom".equals(packaging) && !notDeployed) {
                published.add(child(pom.getDocumentElement(), "artifactId"));
            }
        }
        List<String> managed = new ArrayList<>();
        for (Element dependency : elements(bom.getDocumentElement(), "dependencyManagement", "dependencies", "dependency")) {
            assertThat(child(dependency, "groupId")).isEqualTo("org.niyam");
            assertThat(child(dependency, "version")).isEqualTo("${project.version}");
            managed.add(child(dependency, "artifactId"));
        }
        assertThat(published).isNotEmpty();
        assertThat(managed).containsExactlyInAnyOrderElementsOf(published);
    }

    @Test
    void embeddingExampleImportsTheBomAndPinsNoNiyamArtifact() throws Exception {
        Element project = read(ROOT.resolve("examples/embedding/pom.xml")).getDocumentElement();
        List<Element> imports = elements(project, "dependencyManagement", "dependencies", "dependency");
        assertThat(imports).singleElement().satisfies(bom -> {
            assertThat(child(bom, "artifactId")).isEqualTo("niyam-bom");
            assertThat(child(bom, "type")).isEqualTo("pom");
            assertThat(child(bom, "scope")).isEqualTo("import");
        });
        for (Element dependency : elements(project, "dependencies", "dependency")) {
            if ("org.niyam".equals(child(dependency, "groupId"))) {
                assertThat(child(dependency, "version")).as(child(dependency, "artifactId")).isNull();
            }
        }
    }

    @Test
    void readmeImportsTheBomAndSaysHowToInstall() throws Exception {
        String readme = Files.readString(ROOT.resolve("README.md"));
        String snippet = readme.substring(readme.indexOf("```xml"), readme.indexOf("```", readme.indexOf("```xml") + 3));
        assertThat(snippet).contains("<artifactId>niyam-bom</artifactId>").contains("<scope>import</scope>");
        // Beside the snippet: the command that puts the artifacts in the local repository until they are published.
        assertThat(readme.substring(readme.indexOf("```xml"), readme.indexOf("## "))).contains("mvn install -DskipTests");
    }

    private static Document read(Path pom) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(pom.toFile());
    }

    /** The text of the direct child element of that name, or null. */
    private static String child(Element element, String name) {
        for (Node node = element.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element e && e.getTagName().equals(name)) {
                return e.getTextContent().strip();
            }
        }
        return null;
    }

    /** The elements at the end of the path of direct children. */
    private static List<Element> elements(Element from, String... path) {
        List<Element> level = List.of(from);
        for (String name : path) {
            List<Element> next = new ArrayList<>();
            for (Element element : level) {
                NodeList children = element.getChildNodes();
                for (int i = 0; i < children.getLength(); i++) {
                    if (children.item(i) instanceof Element e && e.getTagName().equals(name)) {
                        next.add(e);
                    }
                }
            }
            level = next;
        }
        return level;
    }
}
