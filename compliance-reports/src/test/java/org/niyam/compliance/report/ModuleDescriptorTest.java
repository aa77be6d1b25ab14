package org.niyam.compliance.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The module this jar declares: the reports' one API package, the compiled templates opened to jte alone. */
class ModuleDescriptorTest {

    @Test
    void exportsTheReportsOnlyAndOpensTheTemplatesToJteAlone() throws IOException {
        ModuleDescriptor module = descriptor(HtmlReport.class);
        assertThat(module.name()).isEqualTo("org.niyam.compliance.report");
        assertThat(module.exports()).map(ModuleDescriptor.Exports::source).containsExactly("org.niyam.compliance.report");
        assertThat(module.opens()).singleElement().satisfies(opens -> {
            assertThat(opens.source()).isEqualTo("org.niyam.compliance.report.internal.html");
            assertThat(opens.targets()).isEqualTo(Set.of("gg.jte.runtime"));
        });
        assertThat(module.requires()).filteredOn(r -> r.modifiers().contains(ModuleDescriptor.Requires.Modifier.TRANSITIVE))
                .map(ModuleDescriptor.Requires::name)
                .containsExactlyInAnyOrder("org.niyam.compliance.model", "org.niyam.compliance.engine");
    }

    /** The module-info.class beside a class of the module: in target/classes, or in the jar once packaged. */
    private static ModuleDescriptor descriptor(Class<?> type) throws IOException {
        try {
            Path location = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isDirectory(location)) {
                try (InputStream in = Files.newInputStream(location.resolve("module-info.class"))) {
                    return ModuleDescriptor.read(in);
                }
            }
            try (FileSystem jar = FileSystems.newFileSystem(location);
                 InputStream in = Files.newInputStream(jar.getPath("module-info.class"))) {
                return ModuleDescriptor.read(in);
            }
        } catch (URISyntaxException e) {
            throw new AssertionError(e);
        }
    }
}
