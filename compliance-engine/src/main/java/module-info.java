/**
 * The engine: rule packs ({@code org.niyam.compliance.pack}), evaluating them ({@code org.niyam.compliance.engine})
 * and scenarios with coverage ({@code org.niyam.compliance.scenario}). The Drools adapter and the rest are in
 * {@code org.niyam.compliance.engine.internal}, which is not exported.
 */
module org.niyam.compliance.engine {
    requires transitive org.niyam.compliance.model;
    requires transitive org.niyam.compliance.io;
    requires transitive micrometer.core;
    requires java.compiler;
    requires org.slf4j;
    requires com.fasterxml.jackson.dataformat.yaml;
    requires org.yaml.snakeyaml;
    requires org.kie.api;
    requires org.kie.internal.api;
    requires org.drools.base;
    requires org.drools.core;
    requires org.drools.kiesession;
    requires org.drools.compiler;
    requires org.drools.drl.ast;
    requires org.drools.drl.parser;
    requires org.drools.io;
    requires org.drools.mvelparser;
    requires org.drools.canonicalmodel;
    requires org.drools.modelcompiler;
    requires org.drools.model.codegen;
    requires org.drools.codegen.common;
    requires org.kie.memorycompiler;
    requires org.kie.util.maven.support;
    requires com.github.javaparser.core;
    requires org.objectweb.asm;
    requires org.objectweb.asm.tree;
    requires org.objectweb.asm.tree.analysis;

    exports org.niyam.compliance.pack;
    exports org.niyam.compliance.engine;
    exports org.niyam.compliance.scenario;

    // Jackson reads pack.yaml, scenario files, stored analyses and monitor snapshots into records of these packages.
    opens org.niyam.compliance.pack to com.fasterxml.jackson.databind;
    opens org.niyam.compliance.scenario to com.fasterxml.jackson.databind;
    opens org.niyam.compliance.engine to com.fasterxml.jackson.databind;
    opens org.niyam.compliance.engine.internal to com.fasterxml.jackson.databind;
    // The sandbox's allowlist is a resource of its package.
    opens org.niyam.compliance.engine.internal.sandbox;
}
