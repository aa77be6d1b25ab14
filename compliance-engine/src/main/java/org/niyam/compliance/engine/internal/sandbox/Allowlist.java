package org.niyam.compliance.engine.internal.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.niyam.compliance.model.EventTypes;
import org.niyam.compliance.model.Platform;
import org.niyam.compliance.model.StandingFact;

/**
 * What classes compiled from a restricted pack may refer to: types, and members resolved to the class that declares
 * them. Read from {@code allowlist.txt} beside this class, which says line by line what is allowed and why. Not API.
 *
 * <p>Lines of the file:
 * <pre>
 * all    CLASS [except NAME...]       the type and all its members but those named
 * all    PACKAGE.* [except NAME...]   every type of the package (not sub-packages) and all their members but those
 * member CLASS NAME...                the type and the members named (a name may carry its descriptor)
 * type   CLASS                        the type only: it may be named, none of its members used
 * deny   CLASS                        the type and all its members, even where a line above allows its package
 * </pre>
 */
final class Allowlist {

    private record Entry(boolean allMembers, Set<String> members, Set<String> except) {

        boolean allows(String name, String descriptor) {
            if (except.contains(name) || except.contains(name + descriptor)) {
                return false;
            }
            return allMembers || members.contains(name) || members.contains(name + descriptor);
        }
    }

    private final Map<String, Entry> classes = new HashMap<>();
    private final Map<String, Entry> packages = new HashMap<>();
    private final Set<String> denied = new HashSet<>();
    /** The event types of an engine's registry and what their components hold (see {@link #withEvents}). */
    private Map<String, Entry> events = Map.of();

    private static final Allowlist DEFAULT = load();

    private Allowlist() {
    }

    /** The allowlist of restricted packs. */
    static Allowlist restricted() {
        return DEFAULT;
    }

    private static Allowlist load() {
        String text;
        try (InputStream in = Allowlist.class.getResourceAsStream("allowlist.txt")) {
            if (in == null) {
                throw new IllegalStateException("allowlist.txt is missing beside " + Allowlist.class.getName());
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("allowlist.txt cannot be read", e);
        }
        Allowlist list = new Allowlist();
        int number = 0;
        for (String raw : text.split("\n")) {
            number++;
            int hash = raw.indexOf('#');
            String line = (hash >= 0 ? raw.substring(0, hash) : raw).strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] words = line.split("\\s+");
            if (words.length < 2) {
                throw new IllegalStateException("allowlist.txt:" + number + ": expected a keyword and a name: " + raw);
            }
            String target = words[1];
            Set<String> names = new HashSet<>();
            Set<String> except = new HashSet<>();
            boolean excepting = false;
            for (int i = 2; i < words.length; i++) {
                if (words[i].equals("except")) {
                    excepting = true;
                } else {
                    (excepting ? except : names).add(words[i]);
                }
            }
            Entry entry = switch (words[0]) {
                case "all" -> new Entry(true, Set.of(), except);
                case "member" -> new Entry(false, names, except);
                case "type" -> new Entry(false, Set.of(), Set.of());
                case "deny" -> null;
                default -> throw new IllegalStateException("allowlist.txt:" + number + ": unknown keyword " + words[0]);
            };
            if (entry == null) {
                list.denied.add(target);
            } else if (target.endsWith(".*")) {
                list.packages.merge(target.substring(0, target.length() - 2), entry, Allowlist::merge);
            } else {
                list.classes.merge(target, entry, Allowlist::merge);
            }
        }
        return list;
    }

    private static Entry merge(Entry a, Entry b) {
        Set<String> members = new HashSet<>(a.members());
        members.addAll(b.members());
        Set<String> except = new HashSet<>(a.except());
        except.addAll(b.except());
        return new Entry(a.allMembers() || b.allMembers(), members, except);
    }

    private Entry entry(String type) {
        String outer = type;
        if (denied.contains(type)) {
            return null;
        }
        Entry entry = classes.get(type);
        if (entry != null) {
            return entry;
        }
        int dot = outer.lastIndexOf('.');
        Entry listed = dot < 0 ? null : packages.get(outer.substring(0, dot));
        return listed != null ? listed : events.get(type);
    }

    /**
     * This allowlist with the types of an engine's registry (see {@code EventTypes}: events, platform records and
     * standing facts): a registered record may be named, built and read (its constructors, its component accessors,
     * {@code equals}, {@code hashCode}, {@code toString}, and for a platform record or a standing fact the methods its
     * interface declares, such as {@code heldAt}), and so may the records and enums its components hold, as deep as they go (an enum: its
     * constants, {@code values} and {@code valueOf}). Nothing else of them, and nothing the registry does not reach:
     * a pack can name only classes the application has, and only those its engine reads events as.
     */
    Allowlist withEvents(EventTypes types) {
        Map<String, Entry> reached = new HashMap<>();
        types.allTypes().values().forEach(type -> reach(type, reached));
        if (reached.isEmpty()) {
            return this;
        }
        Allowlist list = new Allowlist();
        list.classes.putAll(classes);
        list.packages.putAll(packages);
        list.denied.addAll(denied);
        list.events = Map.copyOf(reached);
        return list;
    }

    private static void reach(Type type, Map<String, Entry> reached) {
        if (type instanceof ParameterizedType parameterized) {
            reach(parameterized.getRawType(), reached);
            for (Type argument : parameterized.getActualTypeArguments()) {
                reach(argument, reached);
            }
        } else if (type instanceof Class<?> found && !found.isPrimitive()
                && !found.getName().startsWith("java.") && !reached.containsKey(found.getName())) {
            if (found.isArray()) {
                reach(found.getComponentType(), reached);
            } else if (found.isRecord()) {
                Set<String> members = new HashSet<>(List.of("<init>", "equals", "hashCode", "toString"));
                reached.put(found.getName(), new Entry(false, members, Set.of()));
                // A platform record or a standing fact: also what the model's interface declares (heldAt, summary...).
                for (Class<?> kind : List.of(Platform.class, StandingFact.class)) {
                    if (kind.isAssignableFrom(found)) {
                        for (Method method : kind.getDeclaredMethods()) {
                            if (Modifier.isPublic(method.getModifiers()) && !Modifier.isStatic(method.getModifiers())) {
                                members.add(method.getName());
                            }
                        }
                    }
                }
                for (RecordComponent component : found.getRecordComponents()) {
                    members.add(component.getName());
                    reach(component.getGenericType(), reached);
                }
            } else if (found.isEnum()) {
                Set<String> members = new HashSet<>(List.of("values", "valueOf"));
                for (Field field : found.getDeclaredFields()) {
                    if (field.isEnumConstant()) {
                        members.add(field.getName());
                    }
                }
                reached.put(found.getName(), new Entry(false, Set.copyOf(members), Set.of()));
            }
        }
    }

    /** Whether the type may be named. */
    boolean allowsType(String type) {
        return entry(type) != null;
    }

    /** Whether the member, in the class that declares it, may be used. */
    boolean allowsMember(String declaringClass, String name, String descriptor) {
        Entry entry = entry(declaringClass);
        return entry != null && entry.allows(name, descriptor);
    }
}
