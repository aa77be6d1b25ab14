package org.niyam.compliance.engine.internal.sandbox;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TypeInsnNode;
import org.objectweb.asm.tree.analysis.Analyzer;
import org.objectweb.asm.tree.analysis.AnalyzerException;
import org.objectweb.asm.tree.analysis.BasicInterpreter;
import org.objectweb.asm.tree.analysis.BasicValue;
import org.objectweb.asm.tree.analysis.Frame;

/**
 * Where a class's code turns a value into text, and the static type of that value: string concatenation,
 * {@code String.valueOf(Object)}, {@code Objects.toString}, {@code StringBuilder.append(Object)} and {@code insert},
 * a call of {@code toString()}, the arguments of {@code String.format}, and method references to any of them. A
 * value's type is followed through each method by a data-flow analysis (ASM's {@link Analyzer}) that keeps the type
 * of what was pushed, not only of the variable it passed through; where two paths bring values of different types,
 * the type is {@code Object}; {@code super.toString()} turns the superclass into text. Whether a type's text is its
 * own to give is {@link TextSafety}'s to say. Not API.
 *
 * <p>A {@code String.format} is also read for what it formats other than text: its format must be a string constant
 * without {@code %h}/{@code %H} (a hash code, an enum constant's being its identity's) or {@code %n} (the machine's
 * line separator), a {@code %t} must not format a {@code Long} (milliseconds, in the machine's time zone), and its
 * arguments must be written in the call (an array filled elsewhere could hold anything).
 */
final class TextConversions {

    /**
     * One place where code turns a value into text.
     *
     * @param method  the method it is in ({@code name + descriptor})
     * @param type    the static type of the value, or {@code null} when the use is refused whatever it is
     * @param member  the name of the method that turns it into text, as the DRL names it ({@code valueOf},
     *                {@code toString}, {@code format}), to find its line; {@code null} for a concatenation
     * @param by      what turns it into text, in words ({@code String.valueOf}, {@code +})
     * @param problem why the use is refused whatever the type, or {@code null}
     */
    record Conversion(String method, Type type, String member, String by, String problem) {
    }

    private static final String OBJECT = "java/lang/Object";
    private static final Type STRING = Type.getObjectType("java/lang/String");
    /** What {@code String.format}'s format holds: the conversions of {@code java.util.Formatter}. */
    private static final java.util.regex.Pattern SPECIFIER = java.util.regex.Pattern.compile(
            "%(\\d+\\$)?([-#+ 0,(<]*)?(\\d+)?(\\.\\d+)?([tT])?([a-zA-Z%])");

    private TextConversions() {
    }

    /** Every place the class's methods turn a value into text, in the order of the code. */
    static List<Conversion> of(ClassFile file) {
        // Only a method that refers to something that makes text can make any: most generated methods (Drools'
        // descriptions of rules and patterns) refer to none and are not analysed.
        if (file.methods.values().stream().noneMatch(TextConversions::makesText)) {
            return List.of();
        }
        ClassNode node = new ClassNode();
        new ClassReader(file.bytes).accept(node, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        List<Conversion> found = new ArrayList<>();
        for (MethodNode method : node.methods) {
            ClassFile.Method read = file.methods.get(method.name + method.desc);
            if (method.instructions.size() > 0 && (read == null || makesText(read))) {
                new MethodText(node.name, method, found).read();
            }
        }
        return found;
    }

    /** Whether the method refers to a method that turns a value into text (called, or named by a reference). */
    private static boolean makesText(ClassFile.Method method) {
        for (ClassFile.Reference reference : method.references()) {
            if (!reference.method()) {
                continue;
            }
            String owner = reference.owner();
            String member = reference.member();
            if (member.equals("toString") || owner.equals("java.lang.invoke.StringConcatFactory")
                    || owner.equals("java.lang.String") && (member.equals("valueOf") || member.equals("format")
                            || member.equals("formatted"))
                    || owner.equals("java.util.Objects") && member.equals("toString")
                    || owner.equals("java.lang.StringBuilder") && (member.equals("append") || member.equals("insert"))) {
                return true;
            }
        }
        return false;
    }

    /**
     * A reference value with what the analysis knows of it: its static type, the string constant it is (an
     * {@code ldc}), and the instruction that made it when it is an array made in this method.
     */
    private static final class Value extends BasicValue {
        final String constant;
        final AbstractInsnNode site;

        Value(Type type, String constant, AbstractInsnNode site) {
            super(type);
            this.constant = constant;
            this.site = site;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Value v && Objects.equals(getType(), v.getType())
                    && Objects.equals(constant, v.constant) && site == v.site;
        }

        @Override
        public int hashCode() {
            return Objects.hash(getType(), constant, System.identityHashCode(site));
        }
    }

    /** Keeps each reference's static type, constant and array site; two different ones merge to an Object. */
    private static final class Types extends BasicInterpreter {
        /** Arrays made here whose value also reached where the analysis no longer sees it. */
        final Set<AbstractInsnNode> lost = new HashSet<>();

        Types() {
            super(Opcodes.ASM9);
        }

        @Override
        public BasicValue newValue(Type type) {
            if (type != null && (type.getSort() == Type.OBJECT || type.getSort() == Type.ARRAY)) {
                return new Value(type, null, null);
            }
            return super.newValue(type);
        }

        @Override
        public BasicValue newOperation(AbstractInsnNode insn) throws AnalyzerException {
            if (insn.getOpcode() == Opcodes.LDC && ((LdcInsnNode) insn).cst instanceof String s) {
                return new Value(STRING, s, null);
            }
            if (insn.getOpcode() == Opcodes.ACONST_NULL) {
                return new Value(NULL_TYPE, null, null);
            }
            return super.newOperation(insn);
        }

        @Override
        public BasicValue unaryOperation(AbstractInsnNode insn, BasicValue value) throws AnalyzerException {
            if (insn.getOpcode() == Opcodes.ANEWARRAY) {
                return new Value(Type.getType("[" + Type.getObjectType(((TypeInsnNode) insn).desc).getDescriptor()),
                        null, insn);
            }
            if (insn.getOpcode() == Opcodes.CHECKCAST && value instanceof Value v && v.site != null) {
                // The cast array is a value of its own to the analysis: whatever fills it fills this one.
                lost.add(v.site);
            }
            return super.unaryOperation(insn, value);
        }

        @Override
        public BasicValue binaryOperation(AbstractInsnNode insn, BasicValue array, BasicValue index)
                throws AnalyzerException {
            if (insn.getOpcode() == Opcodes.AALOAD) {
                Type type = array.getType();
                return newValue(type != null && type.getSort() == Type.ARRAY
                        ? Type.getType(type.getDescriptor().substring(1)) : Type.getObjectType(OBJECT));
            }
            return super.binaryOperation(insn, array, index);
        }

        @Override
        public BasicValue merge(BasicValue a, BasicValue b) {
            if (a.equals(b)) {
                return a;
            }
            if (a instanceof Value x && b instanceof Value y) {
                if (x.site != null) {
                    lost.add(x.site);
                }
                if (y.site != null) {
                    lost.add(y.site);
                }
                Type type = x.getType().equals(y.getType()) ? x.getType()
                        : x.getType().equals(NULL_TYPE) ? y.getType()
                        : y.getType().equals(NULL_TYPE) ? x.getType() : Type.getObjectType(OBJECT);
                return new Value(type, null, null);
            }
            return super.merge(a, b);
        }
    }

    /** One method read: its text conversions, and what its {@code String.format} calls format. */
    private static final class MethodText {
        private final String owner;
        private final MethodNode method;
        private final List<Conversion> found;
        private final String name;
        /** The types stored into each array made here, and the format calls with the array each is given. */
        private final Map<AbstractInsnNode, Set<Type>> stored = new HashMap<>();
        private final Map<AbstractInsnNode, Value> formats = new java.util.LinkedHashMap<>();
        /** The format calls whose format has a {@code %t}. */
        private final Set<AbstractInsnNode> timeFormats = new HashSet<>();

        MethodText(String owner, MethodNode method, List<Conversion> found) {
            this.owner = owner;
            this.method = method;
            this.found = found;
            this.name = method.name + method.desc;
        }

        void read() {
            Types types = new Types();
            Frame<BasicValue>[] frames;
            try {
                frames = new Analyzer<>(types).analyze(owner, method);
            } catch (AnalyzerException e) {
                // Code the analysis cannot follow is refused rather than let through unread.
                found.add(new Conversion(name, null, null, null, "code the check cannot follow (" + e.getMessage()
                        + ")"));
                return;
            }
            Set<AbstractInsnNode> lost = new HashSet<>(types.lost);
            AbstractInsnNode[] code = method.instructions.toArray();
            for (int i = 0; i < code.length; i++) {
                Frame<BasicValue> frame = frames[i];
                if (frame != null) {
                    read(code[i], frame, lost);
                }
            }
            formats.forEach((call, array) -> format(call, array, lost));
        }

        private void read(AbstractInsnNode insn, Frame<BasicValue> frame, Set<AbstractInsnNode> lost) {
            switch (insn.getOpcode()) {
                case Opcodes.INVOKEVIRTUAL, Opcodes.INVOKESPECIAL, Opcodes.INVOKESTATIC, Opcodes.INVOKEINTERFACE -> {
                    MethodInsnNode call = (MethodInsnNode) insn;
                    int arguments = Type.getArgumentTypes(call.desc).length
                            + (insn.getOpcode() == Opcodes.INVOKESTATIC ? 0 : 1);
                    if (isFormat(call.owner, call.name, call.desc)) {
                        formats.put(insn, top(frame, 0) instanceof Value array ? array : null);
                        format(frame, insn);
                        arguments--;
                        for (int k = 1; k <= arguments; k++) {
                            escape(top(frame, k), lost);
                        }
                        return;
                    }
                    int converted = converted(call.owner, call.name, call.desc, insn.getOpcode());
                    if (converted >= 0) {
                        // super.toString() runs the superclass's, whatever the class of the object is.
                        add(insn.getOpcode() == Opcodes.INVOKESPECIAL ? Type.getObjectType(call.owner)
                                : top(frame, arguments - 1 - converted).getType(), call.owner, call.name);
                    }
                    for (int k = 0; k < arguments; k++) {
                        escape(top(frame, k), lost);
                    }
                }
                case Opcodes.INVOKEDYNAMIC -> invokeDynamic((InvokeDynamicInsnNode) insn, frame, lost);
                case Opcodes.AASTORE -> {
                    BasicValue array = top(frame, 2);
                    BasicValue value = top(frame, 0);
                    if (array instanceof Value v && v.site != null) {
                        stored.computeIfAbsent(v.site, k -> new LinkedHashSet<>()).add(value.getType());
                    }
                    escape(value, lost);
                }
                case Opcodes.PUTFIELD, Opcodes.PUTSTATIC, Opcodes.ARETURN, Opcodes.ATHROW -> escape(top(frame, 0), lost);
                default -> {
                }
            }
        }

        private void invokeDynamic(InvokeDynamicInsnNode insn, Frame<BasicValue> frame, Set<AbstractInsnNode> lost) {
            int captured = Type.getArgumentTypes(insn.desc).length;
            if (insn.bsm.getOwner().equals("java/lang/invoke/StringConcatFactory")) {
                for (int k = captured - 1; k >= 0; k--) {
                    add(top(frame, k).getType(), null, null);
                }
                return;
            }
            for (int k = 0; k < captured; k++) {
                escape(top(frame, k), lost);
            }
            // A method reference (LambdaMetafactory): the method it names, and the types it is called with.
            if (insn.bsmArgs.length < 3 || !(insn.bsmArgs[1] instanceof Handle target)
                    || !(insn.bsmArgs[2] instanceof Type instantiated)) {
                return;
            }
            int opcode = switch (target.getTag()) {
                case Opcodes.H_INVOKESTATIC -> Opcodes.INVOKESTATIC;
                case Opcodes.H_INVOKEINTERFACE -> Opcodes.INVOKEINTERFACE;
                case Opcodes.H_INVOKESPECIAL, Opcodes.H_NEWINVOKESPECIAL -> Opcodes.INVOKESPECIAL;
                default -> Opcodes.INVOKEVIRTUAL;
            };
            if (isFormat(target.getOwner(), target.getName(), target.getDesc())) {
                problem("String.format by a method reference, whose format "
                        + "and arguments the check cannot see");
                return;
            }
            int converted = converted(target.getOwner(), target.getName(), target.getDesc(), opcode);
            if (converted < 0) {
                return;
            }
            Type type = opcode == Opcodes.INVOKESPECIAL ? Type.getObjectType(target.getOwner())
                    : converted < captured ? top(frame, captured - 1 - converted).getType()
                    : instantiated.getArgumentTypes()[converted - captured];
            add(type, target.getOwner(), target.getName());
        }

        /**
         * Which argument of the call is turned into text (0 the receiver of an instance method), or -1 when none is.
         */
        private static int converted(String owner, String name, String desc, int opcode) {
            if (name.equals("toString") && desc.equals("()Ljava/lang/String;") && opcode != Opcodes.INVOKESTATIC) {
                return 0;
            }
            return switch (owner + "." + name + desc) {
                case "java/lang/String.valueOf(Ljava/lang/Object;)Ljava/lang/String;",
                     "java/util/Objects.toString(Ljava/lang/Object;)Ljava/lang/String;",
                     "java/util/Objects.toString(Ljava/lang/Object;Ljava/lang/String;)Ljava/lang/String;" -> 0;
                case "java/lang/StringBuilder.append(Ljava/lang/Object;)Ljava/lang/StringBuilder;" -> 1;
                case "java/lang/StringBuilder.insert(ILjava/lang/Object;)Ljava/lang/StringBuilder;" -> 2;
                default -> -1;
            };
        }

        private static boolean isFormat(String owner, String name, String desc) {
            return owner.equals("java/lang/String") && (name.equals("format") || name.equals("formatted"));
        }

        /** The format string of a call of {@code String.format}: a constant, read for what it formats. */
        private void format(Frame<BasicValue> frame, AbstractInsnNode call) {
            MethodInsnNode m = (MethodInsnNode) call;
            Type[] parameters = Type.getArgumentTypes(m.desc);
            int formatAt = -1;
            for (int p = 0; p < parameters.length; p++) {
                if (parameters[p].equals(STRING)) {
                    formatAt = p;
                    break;
                }
            }
            if (m.name.equals("formatted")) {
                formatAt = -1;
            }
            int depth = formatAt < 0 ? parameters.length : parameters.length - 1 - formatAt;
            BasicValue format = top(frame, depth);
            String constant = format instanceof Value v ? v.constant : null;
            if (constant == null) {
                problem("a format that is not a string constant, so that the "
                        + "check cannot see what it formats");
                return;
            }
            Matcher specifier = SPECIFIER.matcher(constant);
            while (specifier.find()) {
                char conversion = specifier.group(6).charAt(0);
                if (specifier.group(5) != null) {
                    timeFormats.add(call);
                } else if (conversion == 'h' || conversion == 'H') {
                    problem("%" + conversion + " in a format (a hash code, "
                            + "an enum constant's being its identity's, which differs from one run to the next)");
                } else if (conversion == 'n') {
                    problem("%n in a format (the machine's line separator; "
                            + "write \\n)");
                }
            }
        }

        /** The arguments of a call of {@code String.format}: written in the call, each a type with text of its own. */
        private void format(AbstractInsnNode call, Value array, Set<AbstractInsnNode> lost) {
            if (array == null || array.site == null || lost.contains(array.site)) {
                problem("String.format with arguments not written in the "
                        + "call, which the check cannot see");
                return;
            }
            for (Type type : stored.getOrDefault(array.site, Set.of())) {
                add(type, "java/lang/String", "format");
                if (timeFormats.contains(call) && type.getClassName().equals("java.lang.Long")) {
                    problem("%t of a Long in a format (milliseconds, told in "
                            + "the machine's time zone; format a java.time value)");
                }
            }
        }

        /** A value of the type turned into text by the method of the owner, or by a concatenation when null. */
        private void add(Type type, String owner, String member) {
            String by = member == null || owner.equals("java/lang/String") && member.equals("valueOf")
                    ? "a string concatenation or String.valueOf" : member.equals("toString") ? "toString()"
                    : owner.substring(owner.lastIndexOf('/') + 1) + "." + member;
            found.add(new Conversion(name, type, member, by, null));
        }

        /** A use of {@code String.format} refused whatever it formats. */
        private void problem(String why) {
            found.add(new Conversion(name, null, "format", "String.format", why));
        }

        /** An array made here that goes where the analysis does not follow it: it may be filled there. */
        private static void escape(BasicValue value, Set<AbstractInsnNode> lost) {
            if (value instanceof Value v && v.site != null) {
                lost.add(v.site);
            }
        }

        private static BasicValue top(Frame<BasicValue> frame, int depth) {
            return frame.getStack(frame.getStackSize() - 1 - depth);
        }
    }
}
