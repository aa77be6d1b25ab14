package org.niyam.compliance.engine.internal.sandbox;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LookupSwitchInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TableSwitchInsnNode;
import org.objectweb.asm.tree.TryCatchBlockNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * Instruments a restricted pack's checked class as it is defined, so that its code counts its steps ({@link Steps}):
 * each method calls {@link Steps#enter} first (a constructor, after it has called its super class's), keeps the
 * count in a local variable, calls {@link Steps#step} before every jump or switch to an earlier instruction and
 * {@link Steps#handler} as each of its exception handlers is entered, and {@link Steps#exit} before it returns and,
 * through a handler of its whole body, when it throws ({@link Steps#exit(Throwable)}, which may give another error to
 * throw). The check of the class ({@link CompiledCheck}) reads it
 * before, and the compiled-model cache keeps it as compiled. Not API.
 */
final class StepCounting {

    private static final String STEPS = Type.getInternalName(Steps.class);
    private static final String STEPS_DESCRIPTOR = Type.getDescriptor(Steps.class);

    private StepCounting() {
    }

    /**
     * The class, instrumented.
     *
     * @param bytes     the class file, as checked
     * @param generated the class files of the other generated classes by internal name, to compute stack map frames
     *                  without loading them
     * @param parent    loads the classes they use, without initialising them
     */
    static byte[] instrument(byte[] bytes, Map<String, byte[]> generated, ClassLoader parent) {
        ClassNode node = new ClassNode();
        new ClassReader(bytes).accept(node, ClassReader.SKIP_FRAMES);
        for (MethodNode method : node.methods) {
            if (method.instructions.size() > 0) {
                instrument(method);
            }
        }
        ClassWriter writer = new Frames(generated, parent);
        node.accept(writer);
        return writer.toByteArray();
    }

    private static void instrument(MethodNode method) {
        InsnList code = method.instructions;
        int steps = method.maxLocals;
        method.maxLocals += 1;
        Map<LabelNode, Integer> positions = new HashMap<>();
        int index = 0;
        for (AbstractInsnNode insn = code.getFirst(); insn != null; insn = insn.getNext()) {
            if (insn instanceof LabelNode label) {
                positions.put(label, index);
            }
            index++;
        }
        AbstractInsnNode entered = "<init>".equals(method.name) ? afterSuperCall(code) : null;
        LabelNode start = new LabelNode();
        InsnList enter = new InsnList();
        enter.add(new MethodInsnNode(Opcodes.INVOKESTATIC, STEPS, "enter", "()" + STEPS_DESCRIPTOR, false));
        enter.add(new VarInsnNode(Opcodes.ASTORE, steps));
        enter.add(start);
        boolean inside = entered == null;
        List<AbstractInsnNode> original = new ArrayList<>();
        for (AbstractInsnNode insn = code.getFirst(); insn != null; insn = insn.getNext()) {
            original.add(insn);
        }
        index = 0;
        for (AbstractInsnNode insn : original) {
            if (backward(insn, index, positions)) {
                InsnList step = inside ? callOn(steps, "step") : new InsnList();
                if (!inside) {
                    step.add(new MethodInsnNode(Opcodes.INVOKESTATIC, STEPS, "stepOutside", "()V", false));
                }
                code.insertBefore(insn, step);
            } else if (insn.getOpcode() >= Opcodes.IRETURN && insn.getOpcode() <= Opcodes.RETURN && inside) {
                code.insertBefore(insn, callOn(steps, "exit"));
            }
            if (insn == entered) {
                inside = true;
            }
            index++;
        }
        if (entered == null) {
            code.insert(enter);
        } else {
            code.insert(entered, enter);
        }
        int enteredAt = entered == null ? -1 : original.indexOf(entered);
        InsnList outside = new InsnList();
        for (TryCatchBlockNode block : method.tryCatchBlocks) {
            // A handler may catch what its own code throws, a loop without a jump back: each entry is a step. The
            // step comes before the handler, after the method's code, where none of its handlers reaches, so that
            // a handler that covers itself cannot catch the error the step throws past the limit.
            LabelNode before = new LabelNode();
            InsnList step = new InsnList();
            step.add(before);
            // The handler is given what it catches: the JVM's own errors are not the pack's to catch (below).
            step.add(new InsnNode(Opcodes.DUP));
            step.add(new MethodInsnNode(Opcodes.INVOKESTATIC, STEPS, "handler", "(Ljava/lang/Throwable;)V", false));
            step.add(new JumpInsnNode(Opcodes.GOTO, block.handler));
            block.handler = before;
            if (positions.get(block.start) < enteredAt) {
                outside.add(step); // a constructor's code before it entered: nothing to exit, no count kept yet
            } else {
                code.add(step);
            }
        }
        LabelNode end = new LabelNode();
        LabelNode handler = new LabelNode();
        code.add(end);
        code.add(outside);
        code.add(handler);
        // exit(Throwable) gives what to throw on: a stack run out, thrown again where it leaves the pack's code.
        code.add(new VarInsnNode(Opcodes.ALOAD, steps));
        code.add(new InsnNode(Opcodes.SWAP));
        code.add(new MethodInsnNode(Opcodes.INVOKEVIRTUAL, STEPS, "exit",
                "(Ljava/lang/Throwable;)Ljava/lang/Throwable;", false));
        code.add(new InsnNode(Opcodes.ATHROW));
        // Last in the table: the method's own handlers take what they catch first.
        method.tryCatchBlocks.add(new TryCatchBlockNode(start, end, handler, null));
    }

    private static InsnList callOn(int steps, String name) {
        InsnList call = new InsnList();
        call.add(new VarInsnNode(Opcodes.ALOAD, steps));
        call.add(new MethodInsnNode(Opcodes.INVOKEVIRTUAL, STEPS, name, "()V", false));
        return call;
    }

    /** Whether the instruction may jump to itself or an earlier one. */
    private static boolean backward(AbstractInsnNode insn, int index, Map<LabelNode, Integer> positions) {
        List<LabelNode> targets = new ArrayList<>();
        if (insn instanceof JumpInsnNode jump) {
            targets.add(jump.label);
        } else if (insn instanceof TableSwitchInsnNode table) {
            targets.add(table.dflt);
            targets.addAll(table.labels);
        } else if (insn instanceof LookupSwitchInsnNode lookup) {
            targets.add(lookup.dflt);
            targets.addAll(lookup.labels);
        }
        for (LabelNode target : targets) {
            if (positions.getOrDefault(target, Integer.MAX_VALUE) <= index) {
                return true;
            }
        }
        return false;
    }

    /**
     * The constructor's call of its super class's or another of its own constructors: the first {@code invokespecial
     * <init>} that no {@code new} before it is waiting for, as a Java compiler writes constructors.
     */
    private static AbstractInsnNode afterSuperCall(InsnList code) {
        int pending = 0;
        for (AbstractInsnNode insn = code.getFirst(); insn != null; insn = insn.getNext()) {
            if (insn.getOpcode() == Opcodes.NEW) {
                pending++;
            } else if (insn.getOpcode() == Opcodes.INVOKESPECIAL && "<init>".equals(((MethodInsnNode) insn).name)) {
                if (pending == 0) {
                    return insn;
                }
                pending--;
            }
        }
        throw new IllegalArgumentException("a constructor that calls no other constructor");
    }

    /** Computes stack map frames, reading generated classes' super classes from their class files. */
    private static final class Frames extends ClassWriter {
        private final Map<String, byte[]> generated;
        private final ClassLoader parent;

        Frames(Map<String, byte[]> generated, ClassLoader parent) {
            super(ClassWriter.COMPUTE_FRAMES);
            this.generated = generated;
            this.parent = parent;
        }

        @Override
        protected String getCommonSuperClass(String first, String second) {
            if (first.equals(second)) {
                return first;
            }
            if (isInterface(first) || isInterface(second)) {
                return "java/lang/Object";
            }
            List<String> supers = new ArrayList<>();
            for (String type = first; type != null; type = superOf(type)) {
                supers.add(type);
            }
            for (String type = second; type != null; type = superOf(type)) {
                if (supers.contains(type)) {
                    return type;
                }
            }
            return "java/lang/Object";
        }

        private boolean isInterface(String type) {
            byte[] bytes = generated.get(type);
            if (bytes != null) {
                return (new ClassReader(bytes).getAccess() & Opcodes.ACC_INTERFACE) != 0;
            }
            return load(type).isInterface();
        }

        private String superOf(String type) {
            byte[] bytes = generated.get(type);
            if (bytes != null) {
                return new ClassReader(bytes).getSuperName();
            }
            Class<?> superclass = load(type).getSuperclass();
            return superclass == null ? null : Type.getInternalName(superclass);
        }

        private Class<?> load(String type) {
            try {
                return Class.forName(type.replace('/', '.'), false, parent);
            } catch (ClassNotFoundException e) {
                throw new TypeNotPresentException(type, e);
            }
        }
    }

    /** The class files by internal name, as {@link #instrument} reads them. */
    static Map<String, byte[]> byInternalName(Map<String, byte[]> classes) {
        Map<String, byte[]> byName = new HashMap<>();
        classes.forEach((name, bytes) -> byName.put(name.replace('.', '/'), bytes));
        return byName;
    }
}
