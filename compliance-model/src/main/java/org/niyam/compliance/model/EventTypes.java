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
 * The kinds of event an engine knows: each JSON {@code type} name and the record class it is read as. Immutable; every
 * change returns a new registry.
 *
 * <p>A rule pack brings its events: its {@code pack.yaml} lists their classes under {@code events}, and an engine
 * knows the union of its packs' events and those given to its builder. {@link CustomEvent} is always known. An event
 * class must be a record implementing {@link CaseEvent}; one name names one class, and one class has one name.
 *
 * <pre>{@code
 * EventTypes types = EventTypes.standard()
 *         .with(NetzDgComplaintReceived.class, "pack netzdg")
 *         .with("Assessed", NetzDgAssessment.class, "pack netzdg");
 * Class<? extends CaseEvent> type = types.type("Assessed");   // NetzDgAssessment.class
 * }</pre>
 *
 * <p>A jar of event types may also announce them to readers used without an engine, through a {@link Provider}
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
    private static volatile EventTypes classpath;

    private final Map<String, Class<? extends CaseEvent>> types;
    /** What brought each name: a pack or the engine's builder, for error messages. */
    private final Map<String, String> sources;

    private EventTypes(Map<String, Class<? extends CaseEvent>> types, Map<String, String> sources) {
        this.types = Collections.unmodifiableMap(new TreeMap<>(types));
        this.sources = Map.copyOf(sources);
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
     * @param type   a record implementing {@link CaseEvent}
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
     * @param type   a record implementing {@link CaseEvent}
     * @param source what brings the type, as errors name it: {@code "pack netzdg"}, {@code "the engine's builder"}
     * @throws IllegalArgumentException when {@code type} is not a record implementing {@link CaseEvent}, the name is
     *                                  not a name, or either is already registered with another partner
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
        Class<? extends CaseEvent> event = check(type, source);
        Class<? extends CaseEvent> known = types.get(name);
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
        Map<String, Class<? extends CaseEvent>> grown = new LinkedHashMap<>(types);
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
        for (Map.Entry<String, Class<? extends CaseEvent>> entry : other.types.entrySet()) {
            all = all.with(entry.getKey(), entry.getValue(), other.sources.get(entry.getKey()));
        }
        return all;
    }

    /**
     * The class of a JSON {@code type} name.
     *
     * @param name the name, as in the input's {@code type} field
     * @return the class named {@code name}, or {@code null} when none is
     */
    public Class<? extends CaseEvent> type(String name) {
        return types.get(name);
    }

    /**
     * The JSON {@code type} name of an event class.
     *
     * @param type the event's class
     * @return its name, or {@code null} when it is not registered
     */
    public String nameOf(Class<?> type) {
        for (Map.Entry<String, Class<? extends CaseEvent>> entry : types.entrySet()) {
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

    /** {@return every name, sorted} */
    public List<String> names() {
        return List.copyOf(types.keySet());
    }

    /** {@return every name and its class, sorted by name; unmodifiable} */
    public Map<String, Class<? extends CaseEvent>> asMap() {
        return types;
    }

    /** {@return the names as a sentence, for error messages: {@code "ComplaintReceived, ContentRemoved or CustomEvent"}} */
    public String namesInWords() {
        List<String> names = new ArrayList<>(types.keySet());
        if (names.size() == 1) {
            return names.get(0);
        }
        return String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
    }

    @SuppressWarnings("unchecked")
    private static Class<? extends CaseEvent> check(Class<?> type, String source) {
        if (!type.isRecord()) {
            throw new IllegalArgumentException(source + ": event type " + type.getName()
                    + " is not a record; an event type is a record implementing " + CaseEvent.class.getName());
        }
        if (!CaseEvent.class.isAssignableFrom(type)) {
            throw new IllegalArgumentException(source + ": event type " + type.getName() + " does not implement "
                    + CaseEvent.class.getName());
        }
        return (Class<? extends CaseEvent>) type;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof EventTypes that && types.equals(that.types);
    }

    @Override
    public int hashCode() {
        return types.hashCode();
    }

    @Override
    public String toString() {
        return "EventTypes" + types.keySet();
    }
}
