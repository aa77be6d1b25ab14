package org.niyam.compliance.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The types a case log's entries are read as: each JSON {@code type} name and its record class, of three kinds:
 * events ({@link CaseEvent}), the platform's records ({@link Platform}) and its standing facts
 * ({@link StandingFact}). Immutable; every change returns a new registry.
 *
 * <p>A rule pack brings its types: its {@code pack.yaml} lists their classes under {@code events} (events, platform
 * records and standing facts in one list; each class's kind is what it implements), and an engine knows the union of
 * its packs' types and those given to its builder. {@link CustomEvent} is always known. A type must be a record
 * implementing exactly one of the three interfaces; one name names one class, and one class has one name, whatever
 * their kinds.
 *
 * <pre>{@code
 * EventTypes types = EventTypes.standard()
 *         .with(NetzDgComplaintReceived.class, "pack netzdg")
 *         .with("Assessed", NetzDgAssessment.class, "pack netzdg")
 *         .with(PlatformInGermany.class, "pack netzdg");
 * Class<? extends CaseEvent> type = types.type("Assessed");   // NetzDgAssessment.class
 * Class<? extends Platform> platform = types.platformType("PlatformInGermany");
 * }</pre>
 *
 * <p>A jar of types may also announce them to readers used without an engine, through a {@link Provider}
 * listed in {@code META-INF/services/org.niyam.compliance.model.EventTypes$Provider}; see {@link #onClasspath()}.
 */
public final class EventTypes {

    /** Announces a jar's event types to {@link #onClasspath()}. */
    public interface Provider {

        /**
         * {@return the event types of this jar} Each is registered with the name of what brings it (such as
         * {@code "india events"}), for error messages.
         */
        EventTypes eventTypes();
    }

    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]*");
    private static final EventTypes STANDARD = new EventTypes(Map.of("CustomEvent", CustomEvent.class),
            Map.of("CustomEvent", "the model"));
    /** The three kinds, for messages: the interface a type implements and how a message names its kind. */
    private static final List<Class<?>> KINDS = List.of(CaseEvent.class, Platform.class, StandingFact.class);
    private static volatile EventTypes classpath;

    /** Every name and its class, of the three kinds. */
    private final Map<String, Class<?>> all;
    private final Map<String, Class<? extends CaseEvent>> types;
    private final Map<String, Class<? extends Platform>> platforms;
    private final Map<String, Class<? extends StandingFact>> facts;
    /** What brought each name: a pack or the engine's builder, for error messages. */
    private final Map<String, String> sources;

    private EventTypes(Map<String, Class<?>> all, Map<String, String> sources) {
        this.all = Collections.unmodifiableMap(new TreeMap<>(all));
        this.types = Collections.unmodifiableMap(ofKind(this.all, CaseEvent.class));
        this.platforms = Collections.unmodifiableMap(ofKind(this.all, Platform.class));
        this.facts = Collections.unmodifiableMap(ofKind(this.all, StandingFact.class));
        this.sources = Map.copyOf(sources);
    }

    @SuppressWarnings("unchecked")
    private static <T> Map<String, Class<? extends T>> ofKind(Map<String, Class<?>> all, Class<T> kind) {
        Map<String, Class<? extends T>> ofKind = new TreeMap<>();
        all.forEach((name, type) -> {
            if (kind.isAssignableFrom(type)) {
                ofKind.put(name, (Class<? extends T>) type);
            }
        });
        return ofKind;
    }

    /** {@return a registry of {@link CustomEvent} only, the event any law may use without a class of its own} */
    public static EventTypes standard() {
        return STANDARD;
    }

    /**
     * {@link #standard()} with the types every {@link Provider} on the class path announces: what a case-log reader
     * or a JSON mapper knows when no engine gives it its own registry. Found once and kept.
     *
     * @return the standard types and every provider's
     *
     * @throws IllegalArgumentException when two providers name one type differently or give one name to two classes
     */
    public static EventTypes onClasspath() {
        EventTypes found = classpath;
        if (found == null) {
            found = STANDARD;
            for (Provider provider : ServiceLoader.load(Provider.class, EventTypes.class.getClassLoader())) {
                found = found.union(provider.eventTypes());
            }
            classpath = found;
        }
        return found;
    }

    /**
     * These types and {@code type}, named by its simple class name.
     *
     * @param type   a record implementing {@link CaseEvent}, {@link Platform} or {@link StandingFact}
     * @param source what brings the type, as errors name it: {@code "pack netzdg"}
     * @return a registry with the type added; this one when it already has it under that name
     * @throws IllegalArgumentException as {@link #with(String, Class, String)} does
     * @throws NullPointerException     if {@code type} or {@code source} is {@code null}
     */
    public EventTypes with(Class<?> type, String source) {
        return with(Objects.requireNonNull(type, "type").getSimpleName(), type, source);
    }

    /**
     * These types and {@code type}, named {@code name} in JSON.
     *
     * @param name   the JSON {@code type} name: letters, digits, {@code _}, {@code .} or {@code -}, starting with a
     *               letter
     * @param type   a record implementing one of {@link CaseEvent}, {@link Platform} or {@link StandingFact}
     * @param source what brings the type, as errors name it: {@code "pack netzdg"}, {@code "the engine's builder"}
     * @throws IllegalArgumentException when {@code type} is not a record implementing exactly one of the three, the
     *                                  name is not a name, or either is already registered with another partner
     * @throws NullPointerException     if {@code type} or {@code source} is {@code null}
     * @return a registry with the type added; this one when it already has it under that name
     */
    public EventTypes with(String name, Class<?> type, String source) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(source, "source");
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(source + ": event type name '" + name + "' of " + type.getName()
                    + " is not a name: use letters, digits, '_', '.' or '-', starting with a letter");
        }
        Class<?> event = check(type, source);
        Class<?> known = all.get(name);
        if (known == event) {
            return this;
        }
        if (known != null) {
            throw new IllegalArgumentException(source + ": event type name '" + name + "' is given to " + type.getName()
                    + ", but " + sources.get(name) + " already gives it to " + known.getName()
                    + "; give one of them another name");
        }
        String other = nameOf(event);
        if (other != null) {
            throw new IllegalArgumentException(source + ": " + type.getName() + " is named '" + name + "', but "
                    + sources.get(other) + " already names it '" + other + "'; a class has one name");
        }
        Map<String, Class<?>> grown = new LinkedHashMap<>(all);
        grown.put(name, event);
        Map<String, String> grownSources = new LinkedHashMap<>(sources);
        grownSources.put(name, source);
        return new EventTypes(grown, grownSources);
    }

    /**
     * These types and {@code other}'s, checked as {@link #with(String, Class, String)} checks each.
     *
     * @param other the registry to add
     * @return a registry with both's types
     * @throws IllegalArgumentException when the two give one name to two classes or two names to one class
     */
    public EventTypes union(EventTypes other) {
        EventTypes all = this;
        for (Map.Entry<String, Class<?>> entry : other.all.entrySet()) {
            all = all.with(entry.getKey(), entry.getValue(), other.sources.get(entry.getKey()));
        }
        return all;
    }

    /**
     * The event class of a JSON {@code type} name.
     *
     * @param name the name, as in the input's {@code type} field
     * @return the event class named {@code name}, or {@code null} when none is (a platform record's or a standing
     *         fact's name included)
     */
    public Class<? extends CaseEvent> type(String name) {
        return types.get(name);
    }

    /**
     * The platform record class of a JSON {@code type} name.
     *
     * @param name the name, as in the input's {@code type} field
     * @return the {@link Platform} class named {@code name}, or {@code null} when none is
     */
    public Class<? extends Platform> platformType(String name) {
        return platforms.get(name);
    }

    /**
     * The standing-fact class of a JSON {@code type} name.
     *
     * @param name the name, as in the input's {@code type} field
     * @return the {@link StandingFact} class named {@code name}, or {@code null} when none is
     */
    public Class<? extends StandingFact> factType(String name) {
        return facts.get(name);
    }

    /**
     * The JSON {@code type} name of a registered class, of any kind.
     *
     * @param type the class
     * @return its name, or {@code null} when it is not registered
     */
    public String nameOf(Class<?> type) {
        for (Map.Entry<String, Class<?>> entry : all.entrySet()) {
            if (entry.getValue() == type) {
                return entry.getKey();
            }
        }
        return null;
    }

    /**
     * What brought a name, for error messages.
     *
     * @param name a JSON {@code type} name
     * @return what registered it (a pack, a builder, a provider), or {@code null} when it is not registered
     */
    public String sourceOf(String name) {
        return sources.get(name);
    }

    /** {@return every name of every kind, sorted} */
    public List<String> names() {
        return List.copyOf(all.keySet());
    }

    /** {@return every event type's name and its class, sorted by name; unmodifiable} */
    public Map<String, Class<? extends CaseEvent>> asMap() {
        return types;
    }

    /** {@return every platform record type's name and its class, sorted by name; unmodifiable} */
    public Map<String, Class<? extends Platform>> platformTypes() {
        return platforms;
    }

    /** {@return every standing-fact type's name and its class, sorted by name; unmodifiable} */
    public Map<String, Class<? extends StandingFact>> factTypes() {
        return facts;
    }

    /** {@return every name and its class, of the three kinds, sorted by name; unmodifiable} */
    public Map<String, Class<?>> allTypes() {
        return all;
    }

    /** {@return the names as a sentence, for error messages: {@code "ComplaintReceived, ContentRemoved or CustomEvent"}} */
    public String namesInWords() {
        List<String> names = new ArrayList<>(all.keySet());
        if (names.size() == 1) {
            return names.get(0);
        }
        return String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
    }

    private static Class<?> check(Class<?> type, String source) {
        if (!type.isRecord()) {
            throw new IllegalArgumentException(source + ": event type " + type.getName()
                    + " is not a record; an event type is a record implementing " + CaseEvent.class.getName()
                    + " (or " + Platform.class.getName() + ", or " + StandingFact.class.getName() + ")");
        }
        List<String> kinds = new ArrayList<>();
        for (Class<?> kind : KINDS) {
            if (kind.isAssignableFrom(type)) {
                kinds.add(kind.getName());
            }
        }
        if (kinds.isEmpty()) {
            throw new IllegalArgumentException(source + ": event type " + type.getName() + " does not implement "
                    + CaseEvent.class.getName() + " (nor " + Platform.class.getName() + ", nor "
                    + StandingFact.class.getName() + ")");
        }
        if (kinds.size() > 1) {
            throw new IllegalArgumentException(source + ": type " + type.getName() + " implements "
                    + String.join(" and ", kinds) + "; a type is of one kind");
        }
        return type;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof EventTypes that && all.equals(that.all);
    }

    @Override
    public int hashCode() {
        return all.hashCode();
    }

    @Override
    public String toString() {
        return "EventTypes" + all.keySet();
    }
}
