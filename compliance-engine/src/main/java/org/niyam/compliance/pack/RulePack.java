package org.niyam.compliance.pack;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.niyam.compliance.io.internal.Jurisdictions;
import org.niyam.compliance.io.internal.Mappers;
import org.niyam.compliance.model.EventTypes;
import org.niyam.compliance.model.Preconditions;

/**
 * A set of DRL rules with the legal instrument they encode, its versions and its effective-dated parameters.
 *
 * <p>A pack is a folder (on the classpath or the file system) holding DRL files and, optionally, a
 * {@code pack.yaml} descriptor that names the instrument, its versions, its parameters and the DRL files. A pack
 * without a descriptor is a user's ad-hoc rules: its instrument is its name and its version "unversioned".
 *
 * <pre>{@code
 * RulePack india = RulePack.classpath("org/niyam/compliance/rules/india");
 * RulePack ours  = RulePack.directory(Path.of("policies"));
 * }</pre>
 *
 * <p>Loading reads and checks the descriptor; DRL is compiled when an engine is built. Instances are immutable and
 * thread-safe.
 *
 * <p><b>DRL is code.</b> A pack loaded from anywhere but Niyam's own rules jar is <em>restricted</em>: it is compiled
 * to Java classes when the engine is built, and every type and member those classes use must be on an allowlist
 * (the model, String, numbers, {@code Math}, {@code java.time} without clocks, immutable collections); anything
 * else is refused, naming the rule, the file and the line. Trust comes from where a pack was loaded: the same jar or
 * class folder as Niyam's bundled pack ({@code org/niyam/compliance/rules/india}), never from the name asked for.
 * {@link #unrestricted()} lifts the restriction for a pack you have reviewed and trust as code. What the restricted
 * mode guarantees, and what it does not, is in {@code docs/restricted-drl.md}.
 */
public final class RulePack {

    /** The descriptor file name inside a pack folder. */
    public static final String DESCRIPTOR = "pack.yaml";

    private static final String UNVERSIONED = "unversioned";

    private final String id;
    private final String instrument;
    private final String origin;
    private final List<LawVersion> versions;
    /** Each version's start as epoch second and nanosecond, for {@link #versionAt}, asked once per obligation. */
    private final long[] versionSeconds;
    private final int[] versionNanos;
    private final Map<String, Parameter> parameters;
    private final List<DrlSource> sources;
    private final boolean restricted;
    private final List<String> jurisdictions;
    private final EventTypes eventTypes;

    /**
     * One DRL file of a pack.
     *
     * @param origin where it came from, as problems name it
     * @param text   the DRL
     * @serial exclude the serialized form is no part of the API: build packs with the same version of Niyam
     */
    public record DrlSource(String origin, String text) implements Serializable {

        /** {@return its origin and length, not its text, which may be long and is shipped with jobs' options} */
        @Override
        public String toString() {
            return origin + " (" + (text == null ? "no text" : text.length() + " characters") + ")";
        }
    }

    /**
     * The files of a pack in a folder, as {@link #read(Path)} read them: to build the same pack where the folder is
     * not, or may hold other files (the machines of a cluster), with {@link #of(Contents)}.
     *
     * @param folder     the folder, as problems name it
     * @param descriptor its {@code pack.yaml}, or {@code null} for a folder without one
     * @param drl        its DRL files, in the order the pack takes them
     * @serial exclude the serialized form is no part of the API: build packs with the same version of Niyam
     */
    public record Contents(String folder, DrlSource descriptor, List<DrlSource> drl) implements Serializable {

        /**
         * Checks the parts.
         *
         * @param folder     the folder, required
         * @param descriptor the descriptor, or {@code null}
         * @param drl        the DRL files, not empty, each with its text; copied
         */
        public Contents {
            Objects.requireNonNull(folder, "folder");
            if (descriptor != null) {
                Objects.requireNonNull(descriptor.text(), "descriptor text");
            }
            drl.forEach(file -> Objects.requireNonNull(file.text(), "text of " + file.origin()));
            drl = List.copyOf(drl);
            if (drl.isEmpty()) {
                throw new IllegalArgumentException("a pack has a DRL file: " + folder);
            }
        }
    }

    private RulePack(String origin, PackDescriptor descriptor, List<DrlSource> sources, boolean restricted) {
        this(origin, descriptor.id(), descriptor.instrument(), descriptor.versions(), descriptor.parameters(), sources,
                restricted, descriptor.jurisdictions(), descriptor.events());
    }

    private RulePack(String origin, String id, String instrument, List<LawVersion> versions,
                     Map<String, Parameter> parameters, List<DrlSource> sources, boolean restricted,
                     List<String> jurisdictions, EventTypes eventTypes) {
        this.jurisdictions = List.copyOf(jurisdictions);
        this.eventTypes = eventTypes;
        this.origin = origin;
        this.id = id;
        this.instrument = instrument;
        this.versions = versions;
        this.versionSeconds = versions.stream().mapToLong(v -> v.from().toEpochSecond()).toArray();
        this.versionNanos = versions.stream().mapToInt(v -> v.from().getNano()).toArray();
        this.parameters = parameters;
        this.sources = List.copyOf(sources);
        this.restricted = restricted;
    }

    /** Niyam's own packs live here, in the jar (or class folder) that holds the bundled pack. */
    private static final String OWN_PACKS = "org/niyam/compliance/rules/";

    /** The bundled pack's descriptor: the jar or folder it is loaded from is Niyam's own rules jar. */
    private static final String OWN_DESCRIPTOR = OWN_PACKS + "india/" + DESCRIPTOR;

    /**
     * Loads the pack in a classpath folder, e.g. {@code org/niyam/compliance/rules/india}. The folder must hold a
     * {@code pack.yaml} that lists its DRL files, since a jar cannot be listed reliably.
     *
     * @param location the folder's resource path, with {@code /} between segments; leading and trailing slashes
     *                 are ignored
     * @return the pack, read through the class loader that loaded Niyam
     * @throws RulePackException if the descriptor is missing or malformed, or a DRL file it lists is missing or
     *                           unreadable; listing every such problem
     */
    public static RulePack classpath(String location) {
        return classpath(location, RulePack.class.getClassLoader());
    }

    /**
     * As {@link #classpath(String)}, reading resources (and the event classes the descriptor names) through the given
     * class loader.
     *
     * @param location the folder's resource path, e.g. {@code org/example/policies}
     * @param loader   the class loader to read through, such as an application's or a plugin's
     * @return the pack
     * @throws RulePackException if the descriptor is missing or malformed, or a DRL file it lists is missing or
     *                           unreadable; listing every such problem
     */
    public static RulePack classpath(String location, ClassLoader loader) {
        String folder = location.replaceAll("^/+|/+$", "");
        for (String segment : folder.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..") || segment.contains("\\")) {
                throw new RulePackException(List.of(new Problem("classpath:" + location, 0, "is not a classpath "
                        + "folder: give the folder's path, such as org/example/policies, without empty, '.' or '..' "
                        + "segments or backslashes")));
            }
        }
        String descriptorName = folder + "/" + DESCRIPTOR;
        String descriptorOrigin = "classpath:" + descriptorName;
        URL descriptorUrl = loader.getResource(descriptorName);
        String descriptorText = readResource(loader, descriptorName);
        if (descriptorText == null) {
            throw new RulePackException(List.of(new Problem(descriptorOrigin, 0,
                    "no rule pack here: the resource does not exist. Check the location, and that the jar holding the "
                            + "pack (for Niyam's bundled pack, org.niyam:compliance-rules) is on the classpath")));
        }
        PackDescriptor descriptor = PackDescriptor.parse(descriptorOrigin, descriptorText, loader);
        if (descriptor.rules().isEmpty()) {
            throw new RulePackException(List.of(new Problem(descriptorOrigin, 0,
                    "a classpath pack must list its DRL files under 'rules:'")));
        }
        List<DrlSource> sources = new ArrayList<>();
        List<Problem> missing = new ArrayList<>();
        // Trusted only when the descriptor and every DRL file come from the jar or folder of Niyam's own bundled pack.
        String own = container(loader.getResource(OWN_DESCRIPTOR), OWN_DESCRIPTOR);
        boolean trusted = own != null && (folder + "/").startsWith(OWN_PACKS)
                && own.equals(container(descriptorUrl, descriptorName));
        for (String file : descriptor.rules()) {
            String name = folder + "/" + file;
            trusted = trusted && !file.contains("..") && own.equals(container(loader.getResource(name), name));
            String text = readResource(loader, name);
            if (text == null) {
                missing.add(new Problem(descriptorOrigin, 0, "lists '" + file + "', but classpath:" + name
                        + " does not exist"));
            } else {
                sources.add(new DrlSource("classpath:" + name, text));
            }
        }
        if (!missing.isEmpty()) {
            throw new RulePackException(missing);
        }
        return new RulePack(descriptorOrigin, descriptor, sources, !trusted);
    }

    /**
     * The jar or class folder a resource was found in: its URL without the resource's name, e.g.
     * {@code jar:file:/lib/compliance-rules.jar!/}; {@code null} when there is no resource or its URL does not end
     * with its name.
     */
    private static String container(URL url, String name) {
        if (url == null) {
            return null;
        }
        String text = url.toString();
        return text.endsWith("/" + name) ? text.substring(0, text.length() - name.length()) : null;
    }

    /**
     * Loads the pack in a folder of the file system: its {@code pack.yaml} if there is one, and the DRL files it
     * lists, or else every {@code *.drl} file below the folder, in name order.
     *
     * @param folder the pack's folder
     * @return the pack, restricted
     * @throws RulePackException if the path is not a folder or holds no DRL file, or the descriptor is malformed or
     *                           lists a missing file, or a file outside the folder (by its path or through a link)
     */
    public static RulePack directory(Path folder) {
        return of(read(folder));
    }

    /**
     * Reads the files of the pack in a folder, as {@link #directory} does, with the same checks, without building the
     * pack: to ship them where the folder is not ({@link #of(Contents)}).
     *
     * @param folder the pack's folder
     * @return its files' text
     * @throws RulePackException as {@link #directory}
     */
    public static Contents read(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new RulePackException(List.of(new Problem(folder.toString(), 0, "is not a folder")));
        }
        Path descriptorFile = folder.resolve(DESCRIPTOR);
        if (Files.exists(descriptorFile) && !within(folder, descriptorFile)) {
            throw new RulePackException(List.of(new Problem(descriptorFile.toString(), 0, OUTSIDE)));
        }
        String descriptorText = Files.exists(descriptorFile) ? yaml(descriptorFile) : null;
        PackDescriptor descriptor = descriptorText != null
                ? PackDescriptor.parse(descriptorFile.toString(), descriptorText, applicationLoader())
                : PackDescriptor.adHoc(folder.getFileName() == null ? folder.toString() : folder.getFileName().toString());
        List<Path> files = new ArrayList<>();
        if (descriptor.rules().isEmpty()) {
            try (Stream<Path> walk = Files.walk(folder)) {
                walk.filter(p -> p.toString().endsWith(".drl") && Files.isRegularFile(p)).sorted().forEach(files::add);
            } catch (IOException e) {
                throw new RulePackException(new Problem(folder.toString(), 0, "cannot be read: " + e.getMessage()), e);
            }
            List<Problem> outside = files.stream().filter(f -> !within(folder, f))
                    .map(f -> new Problem(f.toString(), 0, OUTSIDE)).toList();
            if (!outside.isEmpty()) {
                throw new RulePackException(outside);
            }
        } else {
            List<Problem> missing = new ArrayList<>();
            Path inside = folder.toAbsolutePath().normalize();
            for (String name : descriptor.rules()) {
                Path file = folder.resolve(name);
                if (!file.toAbsolutePath().normalize().startsWith(inside)) {
                    // A pack is its folder: a pack.yaml may not have files outside it read (and quoted in errors).
                    missing.add(new Problem(descriptorFile.toString(), 0, "lists '" + name + "', which is outside "
                            + "the pack's folder " + folder + "; list the DRL files of the folder, by their paths in it"));
                } else if (Files.isRegularFile(file)) {
                    if (within(folder, file)) {
                        files.add(file);
                    } else {
                        missing.add(new Problem(descriptorFile.toString(), 0, "lists '" + name + "': " + OUTSIDE));
                    }
                } else {
                    missing.add(new Problem(descriptorFile.toString(), 0, "lists '" + name + "', but " + file
                            + " does not exist"));
                }
            }
            if (!missing.isEmpty()) {
                throw new RulePackException(missing);
            }
        }
        if (files.isEmpty()) {
            throw new RulePackException(List.of(new Problem(folder.toString(), 0, "holds no .drl file")));
        }
        List<DrlSource> sources = files.stream().map(f -> new DrlSource(f.toString(), text(f))).toList();
        return new Contents(folder.toString(), descriptorText != null
                ? new DrlSource(descriptorFile.toString(), descriptorText) : null, sources);
    }

    /**
     * The pack of files read before ({@link #read(Path)}), perhaps on another machine: what {@link #directory} gives
     * for the folder they were read from, its problems naming the files by the paths they were read at.
     *
     * @param contents the files
     * @return the pack, restricted
     * @throws RulePackException if the descriptor is malformed
     */
    public static RulePack of(Contents contents) {
        String folder = contents.folder();
        // The folder's name, as Path.getFileName gives it where it was read (perhaps another file system).
        String trimmed = folder.replaceAll("[/\\\\]+$", "");
        String name = trimmed.substring(Math.max(trimmed.lastIndexOf('/'), trimmed.lastIndexOf('\\')) + 1);
        name = name.isEmpty() ? folder : name;
        PackDescriptor descriptor = contents.descriptor() == null ? PackDescriptor.adHoc(name)
                : PackDescriptor.parse(contents.descriptor().origin(), contents.descriptor().text(),
                        applicationLoader());
        return new RulePack(folder, descriptor, contents.drl(), true);
    }

    /** Why a link in a pack's folder to a file outside it is not read. */
    private static final String OUTSIDE = "is a link to a file outside the pack's folder, which is not read: a pack "
            + "is its folder; copy the file into it";

    /** Whether the file, every link followed, is in the folder, every link followed. */
    private static boolean within(Path folder, Path file) {
        try {
            return file.toRealPath().startsWith(folder.toRealPath());
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * A pack of one DRL file, without a descriptor; its id and instrument are the file name.
     *
     * @param drl the DRL file
     * @return the pack, restricted and unversioned
     * @throws RulePackException if the file cannot be read
     */
    public static RulePack file(Path drl) {
        String name = drl.getFileName().toString();
        return new RulePack(drl.toString(), PackDescriptor.adHoc(name),
                List.of(new DrlSource(drl.toString(), text(drl))), true);
    }

    /**
     * A pack of DRL text, without a descriptor, for tests and rules written on the fly.
     *
     * @param name the pack's id and instrument, naming it in citations and problems
     * @param text the DRL
     * @return the pack, restricted and unversioned
     */
    public static RulePack drl(String name, String text) {
        return new RulePack(name, PackDescriptor.adHoc(name), List.of(new DrlSource(name, text)), true);
    }

    /**
     * The same pack without the restricted mode: its DRL may use any Java. Only for DRL you have reviewed and trust
     * as you would trust code in your application.
     *
     * @return a copy of this pack whose DRL is not checked against the allowlist
     */
    public RulePack unrestricted() {
        return new RulePack(origin, id, instrument, versions, parameters, sources, false, jurisdictions, eventTypes);
    }

    /**
     * The same pack, applying only to cases that arose in the given jurisdictions (ISO 3166 codes such as {@code IN},
     * {@code DE}, {@code US-CA}); none: to every case. Replaces what the pack's {@code pack.yaml} declares under
     * {@code jurisdictions}.
     *
     * @param codes the jurisdictions; none for every case
     * @return a copy of this pack with those jurisdictions
     * @throws IllegalArgumentException if a code is {@code null} or no ISO 3166 code
     */
    public RulePack applyingIn(String... codes) {
        for (String code : codes) {
            if (!Preconditions.isJurisdiction(code)) {
                throw new IllegalArgumentException("a jurisdiction is an ISO 3166 code such as IN, DE or US-CA: '"
                        + code + "'" + Preconditions.notACountry(code));
            }
        }
        return new RulePack(origin, id, instrument, versions, parameters, sources, restricted, List.of(codes),
                eventTypes);
    }

    /**
     * Where the pack's law applies: the jurisdictions whose cases its rules judge (a case's jurisdiction is the one
     * its events state, see {@code CaseEvent#jurisdiction()}). Empty: every case. A {@code US} pack covers
     * {@code US-CA} cases too.
     *
     * @return the ISO 3166 codes, as declared; empty for every case
     */
    public List<String> jurisdictions() {
        return jurisdictions;
    }

    /**
     * The event types the pack brings: the record classes its {@code pack.yaml} lists under {@code events}, each named
     * in JSON by its simple class name unless the entry gives a {@code name} (see {@code docs/writing-rules.md}), and
     * {@link org.niyam.compliance.model.CustomEvent}. The classes are the application's, on its class path; listing
     * them runs none of their code.
     *
     * @return the pack's event types
     */
    public EventTypes eventTypes() {
        return eventTypes;
    }

    /** Where a folder's pack finds the event classes it names: the application's class path. */
    private static ClassLoader applicationLoader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : RulePack.class.getClassLoader();
    }

    /**
     * Whether the pack's law applies to a case of a jurisdiction.
     *
     * @param jurisdiction the case's ISO 3166 code, or {@code null} when not stated (in every pack's scope)
     * @return {@code true} when the pack declares no jurisdiction, or one that is or covers the case's
     */
    public boolean appliesTo(String jurisdiction) {
        return Jurisdictions.covers(jurisdictions, jurisdiction);
    }

    /** {@return whether the restricted mode applies to this pack (see the class description)} */
    public boolean restricted() {
        return restricted;
    }

    /**
     * {@return the pack's id, e.g. {@code india-it-rules}} It names the pack in settings and logs; an ad-hoc pack's
     * is its folder's or file's name.
     */
    public String id() {
        return id;
    }

    /** {@return the legal instrument the pack encodes, as citations name it, e.g. the IT Rules, 2021} */
    public String instrument() {
        return instrument;
    }

    /**
     * {@return where the pack was loaded from: {@code classpath:} and its descriptor's path, a folder, a file, or a
     * name}
     */
    public String origin() {
        return origin;
    }

    /** {@return the instrument's versions, oldest first; empty for an unversioned pack} */
    public List<LawVersion> versions() {
        return versions;
    }

    /** {@return the pack's effective-dated parameters by name; empty for a pack without a descriptor} */
    public Map<String, Parameter> parameters() {
        return parameters;
    }

    /** {@return the pack's DRL files, in the order the descriptor lists them (or in name order)} */
    public List<DrlSource> sources() {
        return sources;
    }

    /**
     * The name of the version in force at the instant; {@code null} when the instant is before the first version.
     * An unversioned pack answers "unversioned" for every instant.
     *
     * @param instant the instant that decided the answer, such as when a clock started
     * @return the version's name, as citations give it
     */
    public String versionAt(OffsetDateTime instant) {
        if (versions.isEmpty()) {
            return UNVERSIONED;
        }
        long seconds = instant.toEpochSecond(); // once, rather than at each comparison
        int nanos = instant.getNano();
        String name = null;
        for (int i = 0; i < versionSeconds.length; i++) {
            if (versionSeconds[i] > seconds || versionSeconds[i] == seconds && versionNanos[i] > nanos) {
                break; // this version starts after the instant
            }
            name = versions.get(i).name();
        }
        return name;
    }

    @Override
    public String toString() {
        return id + " (" + sources.size() + " DRL files, " + parameters.size() + " parameters, from " + origin + ")";
    }

    private static String readResource(ClassLoader loader, String name) {
        try (InputStream in = loader.getResourceAsStream(name)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new RulePackException(new Problem("classpath:" + name, 0, "cannot be read: " + e.getMessage()), e);
        }
    }

    /** A YAML file's text, refused by its size, unread, over {@link Mappers#MAX_YAML} bytes. */
    private static String yaml(Path file) {
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new RulePackException(new Problem(file.toString(), 0, "cannot be read: " + e), e);
        }
        if (size > Mappers.MAX_YAML) {
            throw new RulePackException(List.of(new Problem(file.toString(), 0, Mappers.yamlTooLong(size, "bytes"))));
        }
        return text(file);
    }

    private static String text(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new RulePackException(new Problem(file.toString(), 0, "cannot be read: " + e), e);
        }
    }
}
