package org.niyam.compliance.engine.internal.sandbox;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.objectweb.asm.Type;

/**
 * Checks generated classes against the {@link Allowlist}: every type they name, and every method and field they
 * use, resolved to the class that declares it ({@code $fact.getClass()} compiles to a call of the fact's class, and
 * resolves to {@code Object.getClass}, which is refused). A class generated from the same DRL may be named and its
 * own members used, since it is checked too. Not API.
 */
final class BytecodeCheck {

    /**
     * A use the allowlist refuses.
     *
     * @param className the generated class the use is in
     * @param method    the method of that class ({@code name + descriptor}), or {@code null} for the class itself
     * @param used      what was used, as declared: {@code java.lang.Object.getClass()}
     * @param member    the simple name of the member used, or of the type
     * @param why       why it is refused, when not for being off the allowlist; else {@code null}
     */
    record Refusal(String className, String method, String used, String member, String why) {

        Refusal(String className, String method, String used, String member) {
            this(className, method, used, member, null);
        }
    }

    private final Allowlist allowlist;
    private final ClassLoader platform;
    private final Map<String, ClassFile> generated;
    private final Map<String, Optional<String>> resolved = new HashMap<>();
    private final TextSafety text;

    BytecodeCheck(Allowlist allowlist, ClassLoader platform, Map<String, ClassFile> generated) {
        this.allowlist = allowlist;
        this.platform = platform;
        this.generated = generated;
        this.text = new TextSafety(generated, this::load);
    }

    /** Every refused use in the class, each once per method. */
    List<Refusal> check(ClassFile file) {
        Map<String, Refusal> refusals = new LinkedHashMap<>();
        for (ClassFile.Reference reference : file.classReferences) {
            refuse(file, null, reference, refusals);
        }
        if (writtenInCode(file)) {
            // A class a function or consequence declares (local, anonymous, or a member of one) is loaded once for
            // the rule base: a static field of it would keep state from one case and one evaluation to the next.
            for (String field : file.staticFields) {
                String used = "the static field " + file.name + "." + field + " (state kept from one evaluation to "
                        + "the next)";
                refusals.putIfAbsent("static " + field, new Refusal(file.name, null, used, field));
            }
        }
        if (file.methods.containsKey("finalize()V")) {
            // The JVM runs finalize on a thread of its own when it collects the object: after the evaluation and
            // apart from it, where no firing limit applies and nothing reports an error.
            refusals.putIfAbsent("finalize", new Refusal(file.name, "finalize()V", "the method finalize() (which the "
                    + "JVM runs on a thread of its own, after the evaluation)", "finalize"));
        }
        String throwable = throwableSuper(file);
        if (throwable != null) {
            // Whoever reports an exception calls its getMessage, toString and getCause: a subclass's would run
            // where the engine reports the error, outside the rule, and could hide which rule failed.
            refusals.putIfAbsent("throwable", new Refusal(file.name, null, "a subclass of " + throwable + " (whose "
                    + "methods would run where the error is reported, outside the rule)", simpleName(throwable)));
        }
        for (ClassFile.Method method : file.methods.values()) {
            for (ClassFile.Reference reference : method.references()) {
                refuse(file, method.name() + method.descriptor(), reference, refusals);
                String hash = identityHash(reference);
                if (hash != null) {
                    refusals.putIfAbsent(method.name() + method.descriptor() + " " + hash, new Refusal(file.name,
                            method.name() + method.descriptor(), hash, reference.member(), HASH));
                }
                // A restricted pack's from passes its value through the guard, $niyam_join_guard.each(EXPR, ...)
                // (JoinGuard): one whose expression uses no binding of the rule's own is a from of the guard alone.
                if (reference.method() && reference.owner().startsWith("org.drools.")
                        && reference.member().equals("from")
                        && CONSTANT_FROMS.contains(reference.descriptor())) {
                    refusals.putIfAbsent(method.name() + method.descriptor() + " from", new Refusal(file.name,
                            method.name() + method.descriptor(), "a 'from' whose expression uses no binding of the "
                            + "rule", "from", CONSTANT_FROM));
                }
            }
        }
        text(file, refusals);
        return new ArrayList<>(refusals.values());
    }

    /**
     * What the class's code turns into text whose text may not be its own, and a class that is a
     * {@code CharSequence} without text of its own ({@code String.join}, {@code contains} and others call its
     * {@code toString}).
     */
    private void text(ClassFile file, Map<String, Refusal> refusals) {
        for (TextConversions.Conversion conversion : text.conversions(file)) {
            if (conversion.problem() != null) {
                refusals.putIfAbsent(conversion.method() + " " + conversion.problem(), new Refusal(file.name,
                        conversion.method(), conversion.problem(), conversion.member(), FORMAT));
            } else if (!text.ownText(conversion.type())) {
                String used = conversion.type().getClassName() + " turned into text (" + conversion.by() + ")";
                refusals.putIfAbsent(conversion.method() + " " + used, new Refusal(file.name, conversion.method(),
                        used, conversion.member(), TEXT));
            }
        }
        if (charSequence(file) && !text.ownText(org.objectweb.asm.Type.getObjectType(file.name.replace('.', '/')))) {
            refusals.putIfAbsent("CharSequence", new Refusal(file.name, null, "a CharSequence without text of its "
                    + "own (its toString, which String.join, contains and others call)", "CharSequence", TEXT));
        }
    }

    /** Whether the class is a {@code CharSequence}, through the interfaces the pack declares. */
    private boolean charSequence(ClassFile file) {
        Deque<String> pending = new ArrayDeque<>(file.interfaces);
        int steps = 0;
        for (ClassFile c = file; c != null && steps++ <= generated.size(); c = generated.get(c.superName)) {
            pending.addAll(c.interfaces);
        }
        while (!pending.isEmpty() && steps++ <= 4 * generated.size() + 64) {
            String type = pending.poll();
            if (type.equals("java.lang.CharSequence")) {
                return true;
            }
            ClassFile own = generated.get(type);
            if (own != null) {
                pending.addAll(own.interfaces);
            }
        }
        return false;
    }

    /** Why a value is refused as text. */
    static final String TEXT = "whose text may name an object's identity hash code (Object.toString: of an Object, "
            + "an interface, a collection, an array, a lambda, or a class without a toString of its own) and so differ "
            + "from one run to the next; turn into text only strings, numbers, enums, java.time values and types whose "
            + "toString says only those: join a list of strings with String.join, and give a value read from a "
            + "collection a variable of its own type first (Integer n = counts.get(key)).";

    /** Why a use of {@code String.format} is refused. */
    static final String FORMAT = "which formats what differs from one machine or run to the next; "
            + "restricted packs format numbers, strings and java.time values with a constant format.";

    /**
     * The {@code DSL.from} of a constant: of its value, or, as a restricted pack's is compiled, of one variable, the
     * guard's.
     */
    private static final Set<String> CONSTANT_FROMS = Set.of("(Ljava/lang/Object;)Lorg/drools/model/From;",
            "(Lorg/drools/model/Variable;Lorg/drools/model/functions/Function1;)Lorg/drools/model/From;");

    /**
     * Why a {@code from} of a constant expression is refused: Drools computes it once, when it builds the rule base,
     * and passes the value to {@code DSL.from(Object)}; every match of every session then gets that one object. (As a
     * restricted pack is compiled, its value passes through the join guard and is computed for each tuple, yet the
     * trusted build of the same pack would share it: refused all the same.)
     */
    static final String CONSTANT_FROM = "which Drools computes once, when it builds the rule base: every case, thread "
            + "and evaluation then gets the same object, so a rule that changes it (a StringBuilder, a list, a "
            + "declared type) carries what one case put in it into the next, and into the next evaluation; bind "
            + "something the rule matched in the expression, or build the value in the consequence.";

    /** Why a hash code is refused. */
    static final String HASH = "whose value comes from object identity for an enum constant and for any object "
            + "without a value of its own (and so for a record or a collection holding one), and differs from one "
            + "run, thread or session to the next; compare with equals, or build a key of strings and numbers.";

    /** The types whose hashCode is fixed by their value alone. */
    private static final java.util.Set<String> VALUE_HASHED = java.util.Set.of("java.lang.String",
            "java.lang.Integer", "java.lang.Long", "java.lang.Short", "java.lang.Byte", "java.lang.Double",
            "java.lang.Float", "java.lang.Character", "java.lang.Boolean");

    /**
     * The hash code a reference asks for, as declared, when it may come from object identity: {@code hashCode()} of
     * anything but a string, a boxed value or a {@code java.time} value, and {@code Objects.hash} and
     * {@code Objects.hashCode}; {@code null} otherwise.
     */
    String identityHash(ClassFile.Reference reference) {
        if (!reference.method()) {
            return null;
        }
        if (reference.owner().equals("java.util.Objects")
                && (reference.member().equals("hash") || reference.member().equals("hashCode"))) {
            return "java.util.Objects." + reference.member() + "()";
        }
        if (!reference.member().equals("hashCode") || !"()I".equals(reference.descriptor())) {
            return null;
        }
        String declaring = declaringClass(reference);
        if (declaring == null || VALUE_HASHED.contains(declaring) || declaring.startsWith("java.time.")) {
            return null;
        }
        return declaring + ".hashCode()";
    }

    /** The exception class a class written in DRL extends, directly or not; {@code null} when it extends none. */
    private String throwableSuper(ClassFile file) {
        int steps = 0;
        for (String type = file.superName; type != null && steps++ <= generated.size(); ) {
            ClassFile own = generated.get(type);
            if (own != null) {
                type = own.superName;
                continue;
            }
            Class<?> c = load(type);
            return c != null && Throwable.class.isAssignableFrom(c) ? type : null;
        }
        return null;
    }

    /** Whether the class is declared in DRL code: a local or anonymous class, or a member class of one. */
    private boolean writtenInCode(ClassFile file) {
        // Bounded by the number of classes: class files read back from a cache could name each other as outer.
        int steps = 0;
        for (ClassFile c = file; c != null && steps++ <= generated.size();
             c = c.outerClass == null ? null : generated.get(c.outerClass)) {
            if (c.enclosingMethod != null) {
                return true;
            }
        }
        return false;
    }

    private void refuse(ClassFile file, String method, ClassFile.Reference reference, Map<String, Refusal> refusals) {
        String used = refused(reference);
        if (used != null) {
            String member = reference.member() == null || reference.member().equals("<init>")
                    ? simpleName(reference.owner()) : reference.member();
            refusals.putIfAbsent(method + " " + used, new Refusal(file.name, method, used, member));
        }
    }

    /** What the reference uses, as declared, when the allowlist refuses it; {@code null} when it is allowed. */
    String refused(ClassFile.Reference reference) {
        String owner = reference.owner();
        if (reference.member() == null) {
            return generated.containsKey(owner) || allowlist.allowsType(owner) ? null : owner;
        }
        String declaring = declaringClass(reference);
        if (declaring == null) {
            return owner + "." + reference.member() + (reference.method() ? "()" : "") + " (not found)";
        }
        if (generated.containsKey(declaring)
                || allowlist.allowsMember(declaring, reference.member(), reference.descriptor())) {
            return null;
        }
        return declaring + "." + reference.member() + (reference.method() ? "()" : "");
    }

    /** The class that declares the member: the owner, or its nearest supertype that does; null if none does. */
    private String declaringClass(ClassFile.Reference reference) {
        String key = reference.owner() + " " + reference.member() + reference.descriptor() + reference.method();
        return resolved.computeIfAbsent(key, k -> Optional.ofNullable(resolve(reference.owner(), reference)))
                .orElse(null);
    }

    private String resolve(String start, ClassFile.Reference reference) {
        Deque<String> interfaces = new ArrayDeque<>();
        String type = start;
        // Classes first, then interfaces, as the JVM resolves a method.
        while (type != null) {
            ClassFile file = generated.get(type);
            if (file != null) {
                boolean declares = reference.method()
                        ? file.methods.containsKey(reference.member() + reference.descriptor())
                        : file.fields.contains(reference.member() + ":" + reference.descriptor());
                if (declares) {
                    return type;
                }
                interfaces.addAll(file.interfaces);
                type = file.superName;
                continue;
            }
            Class<?> c = load(type);
            if (c == null) {
                return null;
            }
            return resolveLoaded(c, reference, interfaces);
        }
        return resolveInterfaces(interfaces, reference);
    }

    private String resolveLoaded(Class<?> start, ClassFile.Reference reference, Deque<String> pending) {
        for (Class<?> c = start; c != null; c = c.getSuperclass()) {
            if (declares(c, reference)) {
                return c.getName();
            }
            for (Class<?> i : c.getInterfaces()) {
                pending.add(i.getName());
            }
        }
        return resolveInterfaces(pending, reference);
    }

    private String resolveInterfaces(Deque<String> pending, ClassFile.Reference reference) {
        while (!pending.isEmpty()) {
            String name = pending.poll();
            ClassFile file = generated.get(name);
            if (file != null) {
                if (file.methods.containsKey(reference.member() + reference.descriptor())
                        || file.fields.contains(reference.member() + ":" + reference.descriptor())) {
                    return name;
                }
                pending.addAll(file.interfaces);
                continue;
            }
            Class<?> c = load(name);
            if (c == null) {
                continue;
            }
            if (declares(c, reference)) {
                return c.getName();
            }
            for (Class<?> i : c.getInterfaces()) {
                pending.add(i.getName());
            }
        }
        // Interfaces inherit Object's public methods.
        Class<?> object = Object.class;
        return reference.method() && declares(object, reference) ? object.getName() : null;
    }

    private static boolean declares(Class<?> c, ClassFile.Reference reference) {
        String name = reference.member();
        String descriptor = reference.descriptor();
        try {
            if (!reference.method()) {
                for (Field f : c.getDeclaredFields()) {
                    if (f.getName().equals(name) && Type.getDescriptor(f.getType()).equals(descriptor)) {
                        return true;
                    }
                }
                return false;
            }
            if (name.equals("<init>")) {
                for (Constructor<?> k : c.getDeclaredConstructors()) {
                    if (Type.getConstructorDescriptor(k).equals(descriptor)) {
                        return true;
                    }
                }
                return false;
            }
            if (name.equals("<clinit>")) {
                return false;
            }
            for (Method m : c.getDeclaredMethods()) {
                if (m.getName().equals(name) && Type.getMethodDescriptor(m).equals(descriptor)) {
                    return true;
                }
            }
            // Signature-polymorphic methods (MethodHandle.invoke) match any descriptor.
            for (Method m : c.getDeclaredMethods()) {
                if (m.getName().equals(name) && m.isVarArgs() && java.lang.reflect.Modifier.isNative(m.getModifiers())) {
                    return true;
                }
            }
            return false;
        } catch (LinkageError | SecurityException e) {
            return false;
        }
    }

    private Class<?> load(String name) {
        try {
            return Class.forName(name, false, platform);
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }

    private static String simpleName(String type) {
        int dot = Math.max(type.lastIndexOf('.'), type.lastIndexOf('$'));
        return type.substring(dot + 1);
    }
}
