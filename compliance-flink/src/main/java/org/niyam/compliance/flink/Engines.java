package org.niyam.compliance.flink;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.kie.internal.concurrent.ExecutorProviderFactory;
import org.niyam.compliance.engine.ComplianceEngine;
import org.niyam.compliance.model.EventTypes;
import org.niyam.compliance.pack.RulePack;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds an operator's engine inside a Flink task. Two things Drools needs there: it is handed the job's user-code
 * class loader (to read the packs and load the classes their rules were compiled to), and its static thread pool is
 * shut when Flink releases that class loader, or each run of the job would keep one class loader alive.
 */
final class Engines {

    private static final Logger LOG = LoggerFactory.getLogger(Engines.class);

    private Engines() {
    }

    static ComplianceEngine open(RuntimeContext runtime, JobOptions options) {
        ClassLoader loader = runtime.getUserCodeClassLoader();
        runtime.registerUserCodeClassLoaderReleaseHookIfAbsent("niyam-drools-threads",
                () -> release(ExecutorProviderFactory.class, RuntimeContext.class.getClassLoader()));
        return build(options, loader);
    }

    /**
     * The engine of the options' packs, built with {@code loader} (the packs are read through it, and it is the
     * thread's context class loader meanwhile).
     *
     * @throws org.apache.flink.runtime.execution.SuppressRestartsException with the {@code RulePackException} that
     *                                                                      names what is wrong, for a pack that does
     *                                                                      not build
     */
    static ComplianceEngine build(JobOptions options, ClassLoader loader) {
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            ComplianceEngine.Builder builder = ComplianceEngine.builder().threads(1);
            for (String pack : options.rules()) {
                builder.rulePack(pack(pack, options.packFiles(), loader));
            }
            options.settings().forEach(builder::setting);
            if (options.jurisdiction() != null) {
                builder.defaultJurisdiction(options.jurisdiction());
            }
            if (options.atRiskMargin() != null) {
                builder.atRiskMargin(options.atRiskMargin());
            }
            return builder.build();
        } catch (RuntimeException e) {
            // A pack that does not build fails the job without restarts: restored, it would fail again.
            throw Unrecoverable.is(e) ? Unrecoverable.of(e) : e;
        } finally {
            thread.setContextClassLoader(before);
        }
    }

    /**
     * The event types the packs bring, read from their descriptors through {@code loader} without building an
     * engine: what the job's parsers read lines with, as its engines do.
     */
    static EventTypes eventTypes(List<String> rules, Map<String, RulePack.Contents> files, ClassLoader loader) {
        ClassLoader classes = loader != null ? loader : Engines.class.getClassLoader();
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        thread.setContextClassLoader(classes);
        try {
            EventTypes types = EventTypes.standard();
            for (String pack : rules) {
                types = types.union(pack(pack, files, classes).eventTypes());
            }
            return withContextTypes(types);
        } catch (RuntimeException e) {
            throw Unrecoverable.is(e) ? Unrecoverable.of(e) : e;
        } finally {
            thread.setContextClassLoader(before);
        }
    }

    /**
     * {@code types} and the platform records and standing facts the class path announces (a profile, an officer's
     * appointment), as {@code niyam audit} reads them whatever packs it runs: a pack's rules may read the platform's
     * context without listing its types among the pack's events. A name or class the packs already give is left as
     * they give it.
     */
    static EventTypes withContextTypes(EventTypes types) {
        EventTypes classpath = EventTypes.onClasspath();
        Map<String, Class<?>> context = new LinkedHashMap<>(classpath.platformTypes());
        context.putAll(classpath.factTypes());
        EventTypes all = types;
        for (Map.Entry<String, Class<?>> entry : context.entrySet()) {
            if (!all.allTypes().containsKey(entry.getKey()) && all.nameOf(entry.getValue()) == null) {
                all = all.with(entry.getKey(), entry.getValue(), classpath.sourceOf(entry.getKey()));
            }
        }
        return all;
    }

    /**
     * The pack of an entry of {@code --rules}: {@code classpath:LOCATION} through {@code loader}, or a folder, from its
     * files as read where the job was submitted when they were ({@link JobOptions#withPackFiles()}).
     */
    private static RulePack pack(String entry, Map<String, RulePack.Contents> files, ClassLoader loader) {
        if (entry.startsWith("classpath:")) {
            return RulePack.classpath(entry.substring("classpath:".length()), loader);
        }
        RulePack.Contents shipped = files.get(entry);
        return shipped != null ? RulePack.of(shipped) : RulePack.directory(Path.of(entry));
    }

    /**
     * Shuts Drools' static executor when Drools came with the job: {@code factory} (Drools' executor factory) was
     * not loaded by {@code flink}, the class loader of Flink's own classes, nor by one of its parents. Then nothing
     * else uses it. When Drools is on the cluster's own class path (or a test's), others share it: it is left alone.
     *
     * @return whether the executor was shut
     */
    static boolean release(Class<?> factory, ClassLoader flink) {
        for (ClassLoader l = flink; l != null; l = l.getParent()) {
            if (factory.getClassLoader() == l) {
                return false;
            }
        }
        if (factory.getClassLoader() == null) {
            return false;
        }
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        thread.setContextClassLoader(factory.getClassLoader());
        try {
            Object provider = factory.getMethod("getExecutorProvider").invoke(null);
            if (provider == null) {
                return false; // Drools never found its executor: there is no pool to shut
            }
            Object executor = provider.getClass().getMethod("getExecutor").invoke(provider);
            ((ExecutorService) executor).shutdownNow();
            LOG.debug("shut Drools' thread pool of the released job class loader");
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warn("could not shut Drools' thread pool; the job's class loader may stay alive: {}", e.toString());
            return false;
        } finally {
            thread.setContextClassLoader(before);
        }
    }
}
