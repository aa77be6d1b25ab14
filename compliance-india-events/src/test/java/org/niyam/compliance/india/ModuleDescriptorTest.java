package org.niyam.compliance.india;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The module this jar declares: the events' package, open to the rules that read it, announced to the registry. */
class ModuleDescriptorTest {

    @Test
    void exportsAndOpensTheEventsAndProvidesThemToTheRegistry() throws IOException {
        ModuleDescriptor module = descriptor();
        assertThat(module.name()).isEqualTo("org.niyam.compliance.india");
        assertThat(module.exports()).map(ModuleDescriptor.Exports::source).containsExactly("org.niyam.compliance.india");
        assertThat(module.opens()).singleElement().satisfies(opens -> {
            assertThat(opens.source()).isEqualTo("org.niyam.compliance.india");
            assertThat(opens.isQualified()).as("open to every module: Drools and MVEL read the records").isFalse();
        });
        assertThat(module.provides()).singleElement().satisfies(provides -> {
            assertThat(provides.service()).isEqualTo("org.niyam.compliance.model.EventTypes$Provider");
            assertThat(provides.providers()).isEqualTo(List.of(IndiaEvents.class.getName()));
        });
    }

    /** The module-info.class beside the events: in target/classes, or in the jar once packaged. */
    private static ModuleDescriptor descriptor() throws IOException {
        try {
            Path location = Path.of(IndiaEvents.class.getProtectionDomain().getCodeSource().getLocation().toURI());
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
