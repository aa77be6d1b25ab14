package org.niyam.compliance.junit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The module this jar declares: its one API package, and the engine and JUnit a test that uses it reads. */
class ModuleDescriptorTest {

    @Test
    void exportsTheSuiteOnlyAndPassesOnTheEngineAndJUnit() throws IOException {
        ModuleDescriptor module = descriptor();
        assertThat(module.name()).isEqualTo("org.niyam.compliance.junit");
        assertThat(module.exports()).map(ModuleDescriptor.Exports::source).containsExactly("org.niyam.compliance.junit");
        assertThat(module.requires()).filteredOn(r -> r.modifiers().contains(ModuleDescriptor.Requires.Modifier.TRANSITIVE))
                .map(ModuleDescriptor.Requires::name)
                .containsExactlyInAnyOrder("org.niyam.compliance.engine", "org.junit.jupiter.api");
    }

    /** The module-info.class beside ScenarioSuite: in target/classes, or in the jar once packaged. */
    private static ModuleDescriptor descriptor() throws IOException {
        try {
            Path location = Path.of(ScenarioSuite.class.getProtectionDomain().getCodeSource().getLocation().toURI());
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
