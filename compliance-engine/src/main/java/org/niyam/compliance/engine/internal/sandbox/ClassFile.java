package org.niyam.compliance.engine.internal.sandbox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.objectweb.asm.AnnotationVisitor;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ConstantDynamic;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.TypePath;

/**
 * One generated class as the check sees it: its supertypes, what it declares, and every type, method and field each
 * of its methods refers to, read from the class file with ASM. Not API.
 *
 * <p>Every way bytecode can name something is collected: method and field instructions, {@code invokedynamic}
 * bootstrap methods and their arguments (method references such as {@code System::getenv}), {@code ldc} class,
 * method type, handle and dynamic constants, {@code new}, casts, {@code instanceof}, arrays, annotations, exception
 * handlers, local variables, and the descriptors of what the class declares.
 */
final class ClassFile {

    /**
     * Something a class refers to.
     *
     * @param owner      the class, as a binary name ({@code java.lang.String})
     * @param member     the method or field name, or {@code null} for a reference to the type alone
     * @param descriptor the member's descriptor, or {@code null}
     * @param method     whether the member is a method
     */
    /**
     * What a {@code synchronized} block or method is recorded as: a lock on an object other code can reach (a class,
     * an interned string) would tie evaluations of other threads to a rule's. Never a class name, so never allowed.
     */
    static final String SYNCHRONIZED = "synchronized (a lock shared with other evaluations)";

    record Reference(String owner, String member, String descriptor, boolean method) {

        static Reference type(String owner) {
            return new Reference(owner, null, null, false);
        }

        @Override
        public String toString() {
            return member == null ? owner : owner + "." + member + (method ? "()" : "");
        }
    }

    /** A method of the class with what its code refers to and the string constants it loads. */
    record Method(String name, String descriptor, int access, Set<Reference> references, List<String> strings) {
    }

    final String name;
    final String superName;
    /** The class's access flags ({@code Opcodes.ACC_INTERFACE}, ...). */
    int access;
    /** The class file itself, for the checks that read its code as a whole ({@link TextConversions}). */
    byte[] bytes;
    final List<String> interfaces = new ArrayList<>();
    final Set<Reference> classReferences = new LinkedHashSet<>();
    final Map<String, Method> methods = new LinkedHashMap<>();
    final Set<String> fields = new LinkedHashSet<>();
    /**
     * The static fields this class declares that are not compile-time constants (a primitive or a string with a
     * constant value): state that outlives an evaluation, when the class is one written in DRL code.
     */
    final List<String> staticFields = new ArrayList<>();
    /**
     * For a local or anonymous class, the method it is declared in ({@code name + descriptor}), or {@code ""} when
     * the class file does not say; {@code null} for any other class.
     */
    String enclosingMethod;
    /** The class this one is a member of, when it is a member class; {@code null} otherwise. */
    String outerClass;

    private ClassFile(String name, String superName) {
        this.name = name;
        this.superName = superName;
    }

    static ClassFile read(byte[] bytes) {
        ClassReader reader = new ClassReader(bytes);
        ClassFile[] result = new ClassFile[1];
        reader.accept(new ClassVisitor(Opcodes.ASM9) {

            @Override
            public void visit(int version, int access, String name, String signature, String superName,
                              String[] interfaces) {
                result[0] = new ClassFile(binary(name), superName == null ? null : binary(superName));
                result[0].access = access;
                if (superName != null) {
                    result[0].classReferences.add(Reference.type(binary(superName)));
                }
                for (String i : interfaces) {
                    result[0].interfaces.add(binary(i));
                    result[0].classReferences.add(Reference.type(binary(i)));
                }
            }

            @Override
            public void visitOuterClass(String owner, String name, String descriptor) {
                // The EnclosingMethod attribute: a local or anonymous class (in a method, when name is given).
                result[0].enclosingMethod = name == null ? "" : name + descriptor;
                result[0].outerClass = binary(owner);
            }

            @Override
            public void visitInnerClass(String name, String outerName, String innerName, int access) {
                if (!binary(name).equals(result[0].name) || result[0].enclosingMethod != null) {
                    return;
                }
                if (outerName != null) {
                    result[0].outerClass = binary(outerName);
                } else {
                    // A local or anonymous class without an EnclosingMethod attribute (a local enum, as compiled).
                    result[0].enclosingMethod = "";
                }
            }

            @Override
            public AnnotationVisitor visitAnnotation(String descriptor, boolean visible) {
                return annotation(descriptor, result[0].classReferences);
            }

            @Override
            public AnnotationVisitor visitTypeAnnotation(int typeRef, TypePath typePath, String descriptor,
                                                         boolean visible) {
                return annotation(descriptor, result[0].classReferences);
            }

            @Override
            public FieldVisitor visitField(int access, String name, String descriptor, String signature, Object value) {
                result[0].fields.add(name + ":" + descriptor);
                boolean constant = (access & Opcodes.ACC_FINAL) != 0 && value != null;
                if ((access & Opcodes.ACC_STATIC) != 0 && !constant) {
                    result[0].staticFields.add(name);
                }
                descriptorTypes(Type.getType(descriptor), result[0].classReferences);
                return new FieldVisitor(Opcodes.ASM9) {
                    @Override
                    public AnnotationVisitor visitAnnotation(String d, boolean visible) {
                        return annotation(d, result[0].classReferences);
                    }
                };
            }

            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                             String[] exceptions) {
                Method method = new Method(name, descriptor, access, new LinkedHashSet<>(), new ArrayList<>());
                result[0].methods.put(name + descriptor, method);
                if ((access & Opcodes.ACC_SYNCHRONIZED) != 0) {
                    method.references().add(Reference.type(SYNCHRONIZED));
                }
                descriptorTypes(Type.getMethodType(descriptor), method.references());
                if (exceptions != null) {
                    for (String e : exceptions) {
                        method.references().add(Reference.type(binary(e)));
                    }
                }
                return new Code(method);
            }
        }, 0);
        result[0].bytes = bytes;
        return result[0];
    }

    /** Collects what one method's code refers to. */
    private static final class Code extends MethodVisitor {

        private final Method method;
        private final Set<Reference> refs;

        Code(Method method) {
            super(Opcodes.ASM9);
            this.method = method;
            this.refs = method.references();
        }

        @Override
        public void visitTypeInsn(int opcode, String type) {
            descriptorTypes(Type.getObjectType(type), refs);
        }

        @Override
        public void visitInsn(int opcode) {
            if (opcode == Opcodes.MONITORENTER) {
                refs.add(Reference.type(SYNCHRONIZED));
            }
        }

        @Override
        public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
            refs.add(new Reference(binary(owner), name, descriptor, false));
            descriptorTypes(Type.getObjectType(owner), refs);
        }

        @Override
        public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
            if (owner.startsWith("[")) {
                // A method of an array type: clone(), or Object's methods.
                descriptorTypes(Type.getObjectType(owner), refs);
                refs.add(new Reference("java.lang.Object", name, descriptor, true));
                return;
            }
            refs.add(new Reference(binary(owner), name, descriptor, true));
        }

        @Override
        public void visitInvokeDynamicInsn(String name, String descriptor, Handle bootstrap, Object... arguments) {
            handle(bootstrap, refs);
            for (Object argument : arguments) {
                constant(argument, refs);
            }
            descriptorTypes(Type.getMethodType(descriptor), refs);
        }

        @Override
        public void visitLdcInsn(Object value) {
            if (value instanceof String s) {
                method.strings().add(s);
            } else {
                constant(value, refs);
            }
        }

        @Override
        public void visitMultiANewArrayInsn(String descriptor, int dimensions) {
            descriptorTypes(Type.getType(descriptor), refs);
        }

        @Override
        public void visitTryCatchBlock(Label start, Label end, Label handler, String type) {
            if (type != null) {
                refs.add(Reference.type(binary(type)));
            }
        }

        @Override
        public void visitLocalVariable(String name, String descriptor, String signature, Label start, Label end,
                                       int index) {
            descriptorTypes(Type.getType(descriptor), refs);
        }

        @Override
        public AnnotationVisitor visitAnnotation(String descriptor, boolean visible) {
            return annotation(descriptor, refs);
        }

        @Override
        public AnnotationVisitor visitParameterAnnotation(int parameter, String descriptor, boolean visible) {
            return annotation(descriptor, refs);
        }
    }

    private static AnnotationVisitor annotation(String descriptor, Set<Reference> refs) {
        descriptorTypes(Type.getType(descriptor), refs);
        return new AnnotationVisitor(Opcodes.ASM9) {
            @Override
            public void visit(String name, Object value) {
                constant(value, refs);
            }

            @Override
            public void visitEnum(String name, String d, String value) {
                descriptorTypes(Type.getType(d), refs);
            }

            @Override
            public AnnotationVisitor visitAnnotation(String name, String d) {
                return annotation(d, refs);
            }

            @Override
            public AnnotationVisitor visitArray(String name) {
                return this;
            }
        };
    }

    private static void constant(Object value, Set<Reference> refs) {
        if (value instanceof Type type) {
            descriptorTypes(type, refs);
        } else if (value instanceof Handle handle) {
            handle(handle, refs);
        } else if (value instanceof ConstantDynamic dynamic) {
            handle(dynamic.getBootstrapMethod(), refs);
            for (int i = 0; i < dynamic.getBootstrapMethodArgumentCount(); i++) {
                constant(dynamic.getBootstrapMethodArgument(i), refs);
            }
            descriptorTypes(Type.getType(dynamic.getDescriptor()), refs);
        }
    }

    private static void handle(Handle handle, Set<Reference> refs) {
        boolean method = handle.getTag() >= Opcodes.H_INVOKEVIRTUAL;
        if (handle.getOwner().startsWith("[")) {
            refs.add(new Reference("java.lang.Object", handle.getName(), handle.getDesc(), method));
            return;
        }
        refs.add(new Reference(binary(handle.getOwner()), handle.getName(), handle.getDesc(), method));
    }

    /** The class types a type or method type names (array element types, parameter and return types). */
    private static void descriptorTypes(Type type, Set<Reference> refs) {
        switch (type.getSort()) {
            case Type.ARRAY -> descriptorTypes(type.getElementType(), refs);
            case Type.OBJECT -> refs.add(Reference.type(type.getClassName()));
            case Type.METHOD -> {
                for (Type argument : type.getArgumentTypes()) {
                    descriptorTypes(argument, refs);
                }
                descriptorTypes(type.getReturnType(), refs);
            }
            default -> {
            }
        }
    }

    static String binary(String internalName) {
        return internalName.replace('/', '.');
    }
}
