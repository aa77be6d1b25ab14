package com.example.moderation;

import java.nio.file.Path;
import org.niyam.compliance.engine.ComplianceEngine;

/**
 * Run by the build once the classes and resources are in place ({@code pom.xml}: exec-maven-plugin in the
 * {@code process-classes} phase): compiles our policy pack beside the law's and writes its compiled model into the
 * class output, in {@value ComplianceEngine#SHIPPED_MODELS}, where the engine of {@link Main} finds it. The build's
 * Java and the service's must be of one feature version (17 here), which the model's key names.
 *
 * <pre>
 * java com.example.moderation.ShipCompiledModel CLASS-OUTPUT-FOLDER
 * </pre>
 */
public final class ShipCompiledModel {

    private ShipCompiledModel() {
    }

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: ShipCompiledModel CLASS-OUTPUT-FOLDER");
            System.exit(2);
        }
        // Fails, and so fails the build, when a pack has a problem or the packs have no compiled model to ship.
        Path model = Main.rules().writeCompiledModel(Path.of(args[0]));
        System.out.println("Compiled model of our policy pack: " + model);
    }
}
