package org.niyam.compliance.engine.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.stream.Collectors;
import org.drools.model.Model;
import org.kie.api.KieBase;
import org.kie.internal.builder.KnowledgeBuilderConfiguration;
import org.niyam.compliance.engine.internal.drools.DroolsInternals;
import org.niyam.compliance.pack.RulePack;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rule packs compiled when they were built, as Drools' executable model, so that an engine does not compile their
 * DRL when it starts. Not API.
 *
 * <p>A build step ({@link ExecutableModelBuild}) compiles a pack's DRL to Java classes and writes an index,
 * {@code META-INF/niyam/executable-model/<pack ids>.properties}, holding the {@link #fingerprint} of what it
 * compiled and the model classes. An engine uses those classes only when the fingerprint of the packs it was given
 * is the same: the same packs in the same order, the same DRL text, the same Drools version and the same compiler
 * settings. Anything else (another DRL, a missing or broken class) falls back to compiling the DRL at run time, and
 * says why in the log; with another pack after them, the packs that have a model keep it and only the others are
 * compiled ({@link RuleBase}). The engine's checks of the packs run in all cases, and with any problem the DRL is
 * compiled too, so that errors are reported as before. What the engine reads from the DRL is stored beside the
 * index ({@link StoredAnalysis}).
 */
public final class ExecutableModels {

    /** Where the indexes are, on the class path. */
    public static final String INDEX = "META-INF/niyam/executable-model/";

    /** Switches the build-time models off when set to {@code false}: every pack is then compiled at run time. */
    public static final String PROPERTY = "niyam.executable-model";

    static final String FINGERPRINT = "fingerprint";
    static final String MODELS = "models";

    /** Bumped whenever what the fingerprint covers, or how the model is generated, changes. */
    private static final String FORMAT = "niyam-executable-model-1";

    private static final Logger LOG = LoggerFactory.getLogger(ExecutableModels.class);

    private ExecutableModels() {
    }

    /** The index of the packs, in this order. */
    public static String indexName(List<RulePack> packs) {
        return INDEX + packs.stream().map(p -> p.id().replaceAll("[^A-Za-z0-9._-]", "_"))
                .collect(Collectors.joining("+")) + ".properties";
    }

    /**
     * SHA-256 of what the compiled rules are made from: the format, the Drools version, the compiler settings
     * {@link RuleBase} uses, and each pack's id and DRL files, in order, as Drools is given them. Parameters are not
     * in it: rules read them from {@code LawInForce} when they run. Nor are the fact classes the rules were compiled
     * against: like any compiled Java, a pack's jar runs with the {@code compliance-model} of its own version.
     */
    public static String fingerprint(List<RulePack> packs) {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
        StringBuilder header = new StringBuilder()
                .append(FORMAT).append('\n')
                .append("drools ").append(DroolsInternals.version()).append('\n')
                .append(RuleBase.COMPILER_SETTINGS).append('\n');
        update(digest, header.toString());
        int index = 0;
        for (RulePack pack : packs) {
            update(digest, "pack " + pack.id());
            for (RulePack.DrlSource source : pack.sources()) {
                update(digest, RuleBase.resourcePath(index++));
                update(digest, source.text());
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Each part with its length before it, so that no two lists of parts hash alike. */
    private static void update(MessageDigest digest, String part) {
        byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
        digest.update((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
        digest.update(bytes);
    }

    /**
     * Starts building the rule base from the packs' build-time model on a thread of its own, so that the engine can
     * check the packs meanwhile (a cold JVM spends most of either in loading classes, and there are usually two
     * cores or more). The result is {@code null} when there is no model for exactly these packs, or when it cannot
     * be used; the log says why.
     */
    public static Future<KieBase> start(List<RulePack> packs, ClassLoader loader) {
        FutureTask<KieBase> task = new FutureTask<>(() -> load(packs, loader, modelConfiguration(loader)));
        Thread thread = new Thread(task, "niyam-executable-model");
        thread.setDaemon(true);
        thread.start();
        return task;
    }

    /** The result of {@link #start}: waits for it. */
    public static KieBase result(Future<KieBase> started) {
        try {
            return started.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while loading the build-time executable model", e);
        } catch (ExecutionException e) {
            LOG.info("the build-time executable model cannot be loaded ({}): compiling the DRL", e.getCause().toString());
            return null;
        }
    }

    /**
     * The compiler settings a model's rule base is built with. Drools reads only one of them there, whether classes
     * are property reactive, and it is {@link RuleBase#builderConfiguration}'s. Drools' own configuration object
     * costs a cold JVM about 80 ms to create (it prepares the DRL compilers), so this one holds that setting and
     * nothing else: asking it for anything else is an error, and the pack's DRL is then compiled at run time.
     */
    static KnowledgeBuilderConfiguration modelConfiguration(ClassLoader loader) {
        return DroolsInternals.modelOnlyConfiguration(loader, RuleBase.PROPERTY_SPECIFIC);
    }

    /**
     * The rule base built from the packs' build-time model, or {@code null} when there is none for exactly these
     * packs; the log says why, at INFO when a model was there but could not be used.
     */
    static KieBase load(List<RulePack> packs, ClassLoader loader, KnowledgeBuilderConfiguration configuration) {
        List<Model> models = models(packs, loader);
        if (models == null) {
            return null;
        }
        List<String> ids = packs.stream().map(RulePack::id).toList();
        try {
            KieBase kieBase = DroolsInternals.kieBase(models, null, configuration);
            LOG.debug("packs {} loaded from their build-time executable model", ids);
            return kieBase;
        } catch (LinkageError | RuntimeException e) {
            LOG.info("the build-time executable model of packs {} cannot be loaded ({}): compiling their DRL", ids,
                    e.toString());
            return null;
        }
    }

    /**
     * Whether there is a build-time model for exactly these packs, made from the DRL they hold now (its fingerprint
     * matches), and models are not switched off. Whether it loads is known only when it is loaded.
     */
    public static boolean built(List<RulePack> packs, ClassLoader loader) {
        if ("false".equalsIgnoreCase(System.getProperty(PROPERTY))) {
            return false;
        }
        Properties index = new Properties();
        try (InputStream in = loader.getResourceAsStream(indexName(packs))) {
            if (in == null) {
                return false;
            }
            index.load(new StringReader(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        } catch (IOException e) {
            return false;
        }
        return index.getProperty(FINGERPRINT, "").equals(fingerprint(packs));
    }

    /**
     * The model classes of the packs' build-time model, instantiated, or {@code null} when there is none for exactly
     * these packs or it cannot be loaded; the log says why, at INFO when a model was there but could not be used.
     */
    public static List<Model> models(List<RulePack> packs, ClassLoader loader) {
        if ("false".equalsIgnoreCase(System.getProperty(PROPERTY))) {
            LOG.debug("build-time executable models are switched off by -D{}=false", PROPERTY);
            return null;
        }
        String indexName = indexName(packs);
        List<String> ids = packs.stream().map(RulePack::id).toList();
        Properties index = new Properties();
        try (InputStream in = loader.getResourceAsStream(indexName)) {
            if (in == null) {
                LOG.debug("no build-time executable model for packs {}: compiling their DRL", ids);
                return null;
            }
            index.load(new StringReader(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        } catch (IOException e) {
            LOG.info("the build-time executable model of packs {} cannot be read ({}): compiling their DRL", ids,
                    e.toString());
            return null;
        }
        String built = index.getProperty(FINGERPRINT, "");
        String loaded = fingerprint(packs);
        if (!built.equals(loaded)) {
            LOG.info("the build-time executable model of packs {} was compiled from other DRL, settings or Drools "
                    + "version (fingerprint {}, these packs {}): compiling their DRL", ids, built, loaded);
            return null;
        }
        List<Model> models = new ArrayList<>();
        try {
            for (String name : index.getProperty(MODELS, "").split(",")) {
                if (!name.isBlank()) {
                    models.add((Model) Class.forName(name.strip(), true, loader).getConstructor().newInstance());
                }
            }
            if (models.isEmpty()) {
                LOG.info("the build-time executable model of packs {} lists no model class: compiling their DRL", ids);
                return null;
            }
            return models;
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            LOG.info("the build-time executable model of packs {} cannot be loaded ({}): compiling their DRL", ids,
                    e.toString());
            return null;
        }
    }
}
