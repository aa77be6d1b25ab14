package org.niyam.compliance.engine.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.niyam.compliance.engine.internal.drools.DroolsInternals;
import org.niyam.compliance.engine.internal.sandbox.CompiledCheck;
import org.niyam.compliance.model.EventTypes;
import org.niyam.compliance.pack.RulePack;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The compiled-model cache: the executable model of packs compiled beside a build-time model (a pack of one's own
 * beside the bundled pack), kept in a directory so that a later start with the same packs loads the classes instead of
 * compiling the DRL again. Not API; see {@code docs/performance.md}.
 *
 * <p>One file per entry, {@code <key>.model}, named by its {@link #key}: a SHA-256 of the DRL texts and everything
 * else the compiled classes and the stored analysis depend on. An entry holds the class files, the model classes to
 * instantiate, the types the DRL declares, the SHA-256 of each class file the classes refer to outside the JDK and
 * Drools (the fact classes; an entry whose fact classes changed is not used), the packs' DRL analysis
 * ({@link StoredAnalysis#rest}), and a SHA-256 of all that. It is written to a temporary file and moved into place,
 * so that a reader sees a whole entry or none; two engines compiling the same packs at once write the same bytes. An
 * entry that cannot be read, is cut short, fails its checksum, or is of another format or key is ignored with a
 * warning naming the file and why, and is overwritten once the packs are compiled; a directory that cannot be
 * written is warned of once, and the engine goes on without the cache.
 *
 * <p>The same entries, shipped by an application on its class path in {@value #SHIPPED}, are found there first
 * ({@link #shipped}), and are checked alike; nothing is written there.
 */
public final class ModelCache {

    /** An entry's first bytes; bumped whenever its layout changes. */
    static final String FORMAT = "niyam-compiled-model-cache-1";

    /** An entry's file name ends so. */
    static final String SUFFIX = ".model";

    /** The class-path folder of the entries an application ships ({@link #shipped}), with a slash after it. */
    static final String SHIPPED = "META-INF/niyam/compiled-models/";

    /** Larger files are not entries of this cache. */
    private static final long MAX_BYTES = 256L * 1024 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(ModelCache.class);

    /** The directories an engine could not write to, warned of once. */
    private static final Set<Path> UNWRITABLE = ConcurrentHashMap.newKeySet();

    private static String computedStamp;

    /**
     * One cached model.
     *
     * @param classes      the class files, by binary class name
     * @param models       the model classes among them, to instantiate
     * @param declaredTypes the types the DRL declares (their generated {@code equals} compares classes)
     * @param dependencies the SHA-256 of each class file the classes refer to, by binary class name
     * @param analysis     the packs' DRL analysis, as {@link StoredAnalysis#rest} made it
     */
    public record Entry(Map<String, byte[]> classes, List<String> models, List<String> declaredTypes,
                        Map<String, String> dependencies, StoredAnalysis analysis) {
        public Entry {
            classes = Map.copyOf(classes);
            models = List.copyOf(models);
            declaredTypes = List.copyOf(declaredTypes);
            dependencies = Map.copyOf(dependencies);
        }
    }

    private ModelCache() {
    }

    /**
     * The key of the packs {@code rest} compiled beside the build-time model of fingerprint {@code first} whose DRL
     * files are {@code firstFiles} in number: SHA-256 of the cache's format, the engine's code stamp (the class files of
     * the code that analyses, compiles and checks DRL), the Drools and Java versions, the compiler settings, the
     * first packs' fingerprint, each of the packs' id, whether it is restricted, and its DRL files (name, the path
     * Drools is given, text), and the engine's event types.
     */
    public static String key(String first, int firstFiles, List<RulePack> rest, EventTypes events) {
        MessageDigest digest = sha256();
        update(digest, FORMAT);
        update(digest, "code " + codeStamp());
        update(digest, "drools " + DroolsInternals.version());
        update(digest, "java " + System.getProperty("java.specification.version"));
        update(digest, RuleBase.COMPILER_SETTINGS);
        update(digest, "after " + first);
        int index = firstFiles;
        for (RulePack pack : rest) {
            update(digest, "pack " + pack.id() + (pack.restricted() ? " restricted" : " trusted"));
            for (RulePack.DrlSource source : pack.sources()) {
                update(digest, source.origin());
                update(digest, RuleBase.resourcePath(index++));
                update(digest, source.text());
            }
        }
        for (Map.Entry<String, Class<?>> type : events.allTypes().entrySet()) {
            update(digest, "event " + type.getKey() + "=" + type.getValue().getName());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** The file of the entry. */
    public static Path file(Path directory, String key) {
        return directory.resolve(key + SUFFIX);
    }

    /**
     * The entry of this key in the directory, or {@code null} when there is none or it cannot be used (then with a
     * warning naming the file and why, except for a miss or fact classes that changed since, which are logged at DEBUG
     * and INFO).
     */
    public static Entry read(Path directory, String key, ClassLoader loader) {
        Path file = file(directory, key);
        String entry = "compiled-model cache entry " + file;
        byte[] bytes;
        try {
            if (!Files.isRegularFile(file)) {
                LOG.debug("no compiled-model cache entry {}", file);
                return null;
            }
            if (Files.size(file) > MAX_BYTES) {
                LOG.warn("{} ignored: larger than {} bytes, so not an entry of this cache; compiling the packs", entry,
                        MAX_BYTES);
                return null;
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            LOG.debug("no compiled-model cache entry {}", file);
            return null;
        } catch (IOException | RuntimeException e) {
            LOG.warn("{} ignored: it cannot be read ({}); compiling the packs", entry, e.toString());
            return null;
        }
        return checked(bytes, entry, "compiling the packs and writing it again", key, loader, false);
    }

    /**
     * The entry of this key that the application ships on its class path, in {@value #SHIPPED} (through {@code
     * loader}, else the thread's context class loader), with where it was found; or {@code null} when there is none or it cannot be used (then with a warning naming it and why, and
     * {@code otherwise}, what the engine does instead). An application ships such an entry by writing it there in its
     * own build ({@code docs/performance.md}, compiled models shipped on the class path). A class path that has that
     * folder but no entry of this key is logged at INFO: an entry made with other DRL, or by another Java or Drools
     * version, is never used, and the application may think it ships one.
     */
    public static Shipped shipped(String key, ClassLoader loader, String otherwise) {
        java.net.URL url = resource(loader, SHIPPED + key + SUFFIX);
        if (url == null) {
            java.net.URL folder = resource(loader, SHIPPED);
            if (folder != null) {
                LOG.info("compiled models are shipped on the class path ({}), but none of these packs ({}{}): an entry "
                        + "is used only with the packs' DRL files as named and written, the event types, the Java "
                        + "version ({}) and the Drools version ({}) it was made with; {}", folder, key, SUFFIX,
                        System.getProperty("java.specification.version"), DroolsInternals.version(), otherwise);
            } else {
                LOG.debug("no compiled model {}{}{} on the class path", SHIPPED, key, SUFFIX);
            }
            return null;
        }
        String entry = "compiled model " + url + " on the class path";
        byte[] bytes;
        try (InputStream in = url.openStream()) {
            bytes = in.readNBytes((int) MAX_BYTES + 1);
        } catch (IOException | RuntimeException e) {
            LOG.warn("{} ignored: it cannot be read ({}); {}", entry, e.toString(), otherwise);
            return null;
        }
        if (bytes.length > MAX_BYTES) {
            LOG.warn("{} ignored: larger than {} bytes, so not a compiled model; {}", entry, MAX_BYTES, otherwise);
            return null;
        }
        Entry checked = checked(bytes, entry, otherwise, key, loader, true);
        return checked == null ? null : new Shipped(checked, url.toString());
    }

    /**
     * A resource of {@code loader} (the one that loaded Niyam), else of the thread's context class loader: where Niyam
     * sits in a parent class loader (a container's shared library folder), the application's own jar is seen only
     * through the context loader its container sets.
     */
    private static java.net.URL resource(ClassLoader loader, String name) {
        java.net.URL url = loader.getResource(name);
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return url != null || context == null || context == loader ? url : context.getResource(name);
    }

    /**
     * An entry found on the class path.
     *
     * @param entry the entry
     * @param url   where it was found
     */
    public record Shipped(Entry entry, String url) {
    }

    /**
     * The entry in these bytes, or {@code null} with a warning naming {@code entry} and why, then what is done; an
     * entry whose fact classes changed since is logged at INFO in a cache (they change as an application is
     * developed), at WARN when {@code shipped} (the application shipped an entry of another build).
     */
    private static Entry checked(byte[] bytes, String entry, String then, String key, ClassLoader loader,
                                 boolean shipped) {
        Entry parsed;
        try {
            parsed = parse(bytes, key);
        } catch (EOFException e) {
            LOG.warn("{} ignored: it is cut short; {}", entry, then);
            return null;
        } catch (IOException | RuntimeException e) {
            LOG.warn("{} ignored: {}; {}", entry, e.getMessage(), then);
            return null;
        }
        for (Map.Entry<String, String> dependency : new TreeMap<>(parsed.dependencies()).entrySet()) {
            String now = classFileHash(dependency.getKey(), loader);
            if (!dependency.getValue().equals(now)) {
                String message = "{} not used: class {} is not the one it was compiled against; {}";
                if (shipped) {
                    LOG.warn(message, entry, dependency.getKey(), then);
                } else {
                    LOG.info(message, entry, dependency.getKey(), then);
                }
                return null;
            }
        }
        return parsed;
    }

    private static Entry parse(byte[] bytes, String key) throws IOException {
        byte[] magic = FORMAT.getBytes(StandardCharsets.UTF_8);
        if (bytes.length < 2 + magic.length
                || !Arrays.equals(Arrays.copyOfRange(bytes, 2, 2 + magic.length), magic)) {
            throw new IOException("not an entry of this compiled-model cache (format " + FORMAT + ")");
        }
        if (bytes.length < 32) {
            throw new EOFException();
        }
        byte[] body = Arrays.copyOf(bytes, bytes.length - 32);
        if (!Arrays.equals(sha256().digest(body), Arrays.copyOfRange(bytes, bytes.length - 32, bytes.length))) {
            throw new IOException("its checksum does not match its contents (written partly, or changed since)");
        }
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(body));
        in.readUTF();
        String stored = in.readUTF();
        if (!stored.equals(key)) {
            throw new IOException("it is the entry of key " + stored + ", not of its file name");
        }
        List<String> models = strings(in);
        List<String> declared = strings(in);
        Map<String, String> dependencies = new LinkedHashMap<>();
        int count = count(in);
        for (int i = 0; i < count; i++) {
            dependencies.put(in.readUTF(), in.readUTF());
        }
        StoredAnalysis analysis = StoredAnalysis.fromJson(new String(bytes(in), StandardCharsets.UTF_8));
        if (!StoredAnalysis.codeStamp().equals(analysis.stamp())) {
            throw new IOException("its DRL analysis was made by other code");
        }
        Map<String, byte[]> classes = new LinkedHashMap<>();
        count = count(in);
        for (int i = 0; i < count; i++) {
            classes.put(in.readUTF(), bytes(in));
        }
        if (in.available() != 0) {
            throw new IOException("it has " + in.available() + " bytes more than an entry holds");
        }
        if (!classes.keySet().containsAll(models) || models.isEmpty()) {
            throw new IOException("its model classes " + models + " are not among its classes");
        }
        return new Entry(classes, models, declared, dependencies, analysis);
    }

    /**
     * Writes the entry, atomically where the file system can; returns its file, or {@code null} when it could not
     * be written (warned of once per directory).
     */
    public static Path write(Path directory, String key, Entry entry) {
        Path file = file(directory, key);
        Path temporary = null;
        try {
            Files.createDirectories(directory);
            temporary = Files.createTempFile(directory, key + ".", ".tmp");
            Files.write(temporary, bytes(key, entry));
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
            LOG.debug("compiled-model cache entry {} written", file);
            return file;
        } catch (IOException | RuntimeException e) {
            if (UNWRITABLE.add(directory.toAbsolutePath().normalize())) {
                LOG.warn("the compiled-model cache {} cannot be written ({}): going on without it, packs of one's own "
                        + "are compiled at every start", directory, e.toString());
            }
            if (temporary != null) {
                try {
                    Files.deleteIfExists(temporary);
                } catch (IOException ignored) {
                    // the temporary file is left behind; it is never read
                }
            }
            return null;
        }
    }

    /** The entry's bytes, as {@link #read} reads them. */
    static byte[] bytes(String key, Entry entry) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(buffer);
        out.writeUTF(FORMAT);
        out.writeUTF(key);
        strings(out, entry.models());
        strings(out, entry.declaredTypes());
        Map<String, String> dependencies = new TreeMap<>(entry.dependencies());
        out.writeInt(dependencies.size());
        for (Map.Entry<String, String> dependency : dependencies.entrySet()) {
            out.writeUTF(dependency.getKey());
            out.writeUTF(dependency.getValue());
        }
        bytes(out, entry.analysis().toJson().getBytes(StandardCharsets.UTF_8));
        Map<String, byte[]> classes = new TreeMap<>(entry.classes());
        out.writeInt(classes.size());
        for (Map.Entry<String, byte[]> type : classes.entrySet()) {
            out.writeUTF(type.getKey());
            bytes(out, type.getValue());
        }
        out.flush();
        byte[] body = buffer.toByteArray();
        buffer.write(sha256().digest(body));
        return buffer.toByteArray();
    }

    /** The SHA-256 of each class file the classes refer to outside the JDK and Drools, as {@link #read} checks them. */
    public static Map<String, String> dependencies(Map<String, byte[]> classes, ClassLoader loader) {
        Map<String, String> hashes = new TreeMap<>();
        for (String type : CompiledCheck.referencedTypes(classes)) {
            hashes.put(type, classFileHash(type, loader));
        }
        return hashes;
    }

    private static String classFileHash(String type, ClassLoader loader) {
        try (InputStream in = loader.getResourceAsStream(type.replace('.', '/') + ".class")) {
            return in == null ? "absent" : HexFormat.of().formatHex(sha256().digest(in.readAllBytes()));
        } catch (IOException e) {
            return "unreadable";
        }
    }

    /**
     * The stamp of the code whose output an entry holds: {@link StoredAnalysis#codeStamp()}'s classes, and those that
     * compile, check and load DRL, nested classes included.
     */
    static synchronized String codeStamp() {
        if (computedStamp == null) {
            List<Class<?>> code = new ArrayList<>(List.of(ModelCache.class, StoredAnalysis.class, RuleBase.class,
                    org.niyam.compliance.engine.internal.drl.DrlAnalysis.class, CaseLocality.class,
                    ParameterReferences.class, ConclusionKeys.class, RestrictedDrl.class, ExecutableModels.class,
                    UnknownFields.class, DroolsInternals.class,
                    org.niyam.compliance.engine.internal.sandbox.JoinGuard.class));
            code.addAll(CompiledCheck.code());
            computedStamp = StoredAnalysis.stampOf(code);
        }
        return computedStamp;
    }

    private static void strings(DataOutputStream out, List<String> strings) throws IOException {
        out.writeInt(strings.size());
        for (String string : strings) {
            out.writeUTF(string);
        }
    }

    private static List<String> strings(DataInputStream in) throws IOException {
        int count = count(in);
        List<String> strings = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            strings.add(in.readUTF());
        }
        return strings;
    }

    private static void bytes(DataOutputStream out, byte[] bytes) throws IOException {
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static byte[] bytes(DataInputStream in) throws IOException {
        int length = count(in);
        if (length > in.available()) {
            throw new EOFException();
        }
        return in.readNBytes(length);
    }

    private static int count(DataInputStream in) throws IOException {
        int count = in.readInt();
        if (count < 0 || count > in.available()) {
            throw new IOException("it holds a count of " + count + " where at most " + in.available()
                    + " bytes are left");
        }
        return count;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }

    /** Each part with its length before it, so that no two lists of parts hash alike. */
    private static void update(MessageDigest digest, String part) {
        byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
        digest.update((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
        digest.update(bytes);
    }
}
