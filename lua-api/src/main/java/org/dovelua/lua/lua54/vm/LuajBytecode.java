package org.dovelua.lua.lua54.vm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * The ASM plumbing behind {@link LuajPatches}: a class's methods, found by name and descriptor,
 * run through edits, and a check that every edit found its method (so a LuaJ other than 3.0.1
 * fails loudly instead of half patched). LuaJ's classes are Java 1.5 class files: no stack map
 * frames to keep up to date, only the max stack and locals, which the writer computes.
 */
final class LuajBytecode {
    /** Changes one method; sets {@code done[0]} once it has made its change. */
    interface MethodEdit {
        MethodVisitor edit(MethodVisitor mv, boolean[] done);
    }

    private final String owner;
    private final Map<String, List<MethodEdit>> edits = new LinkedHashMap<>();

    LuajBytecode(String owner) {
        this.owner = owner;
    }

    String owner() {
        return owner;
    }

    /** Adds an edit of method {@code name}{@code desc}; several edits of one method apply in turn. */
    LuajBytecode edit(String name, String desc, MethodEdit edit) {
        edits.computeIfAbsent(name + desc, k -> new ArrayList<>()).add(edit);
        return this;
    }

    /**
     * Replaces the body of {@code name}{@code desc} with a call of the static
     * {@code target}{@code .}{@code method} given the receiver (as type {@code receiver}, an
     * internal name; null for a static method) and every argument, returning its result.
     */
    LuajBytecode redirect(String name, String desc, String receiver, String target, String method) {
        boolean isStatic = receiver == null;
        Type m = Type.getMethodType(desc);
        StringBuilder td = new StringBuilder("(");
        if (!isStatic) {
            td.append("L").append(receiver).append(";");
        }
        for (Type a : m.getArgumentTypes()) {
            td.append(a.getDescriptor());
        }
        td.append(")").append(m.getReturnType().getDescriptor());
        return edit(name, desc, (mv, done) -> body(mv, done, c -> {
            int slot = 0;
            if (!isStatic) {
                c.visitVarInsn(Opcodes.ALOAD, 0);
                slot = 1;
            }
            for (Type a : m.getArgumentTypes()) {
                c.visitVarInsn(a.getOpcode(Opcodes.ILOAD), slot);
                slot += a.getSize();
            }
            c.visitMethodInsn(Opcodes.INVOKESTATIC, target, method, td.toString(), false);
            c.visitInsn(m.getReturnType().getOpcode(Opcodes.IRETURN));
        }));
    }

    /** A new body written by {@code code}; the old one is dropped (the reader gets no visitor). */
    static MethodVisitor body(MethodVisitor mv, boolean[] done, Consumer<MethodVisitor> code) {
        done[0] = true;
        mv.visitCode();
        code.accept(mv);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
        return null;
    }

    /** The old body with {@code code} run first. */
    static MethodVisitor prefix(MethodVisitor mv, boolean[] done, Consumer<MethodVisitor> code) {
        return new MethodVisitor(Opcodes.ASM9, mv) {
            @Override
            public void visitCode() {
                super.visitCode();
                done[0] = true;
                code.accept(mv);
            }
        };
    }

    /** Replaces the {@code nth} (1-based) call of {@code calledOwner.called} in the method with {@code replacement}. */
    LuajBytecode replaceCall(String name, String desc, String calledOwner, String called, String calledDesc, int nth,
            String target, String method, String targetDesc) {
        return edit(name, desc, (mv, done) -> new MethodVisitor(Opcodes.ASM9, mv) {
            private int seen;

            @Override
            public void visitMethodInsn(int opcode, String o, String n, String d, boolean itf) {
                if (o.equals(calledOwner) && n.equals(called) && d.equals(calledDesc) && ++seen == nth) {
                    done[0] = true;
                    super.visitMethodInsn(Opcodes.INVOKESTATIC, target, method, targetDesc, false);
                } else {
                    super.visitMethodInsn(opcode, o, n, d, itf);
                }
            }
        });
    }

    /** The class with its edits applied. */
    byte[] apply(byte[] original) {
        ClassReader reader = new ClassReader(original);
        ClassWriter writer = new ClassWriter(reader, ClassWriter.COMPUTE_MAXS);
        Map<String, boolean[]> applied = new LinkedHashMap<>();
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public MethodVisitor visitMethod(int access, String n, String d, String sig, String[] exc) {
                MethodVisitor mv = super.visitMethod(access, n, d, sig, exc);
                List<MethodEdit> es = edits.getOrDefault(n + d, List.of());
                for (int i = 0; i < es.size(); i++) {
                    boolean[] done = {false};
                    applied.put(n + d + "#" + i, done);
                    mv = es.get(i).edit(mv, done);
                }
                return mv;
            }
        }, 0);
        edits.forEach((m, es) -> {
            for (int i = 0; i < es.size(); i++) {
                boolean[] done = applied.get(m + "#" + i);
                if (done == null || !done[0]) {
                    throw new IllegalStateException(owner + "." + m + " is not as in LuaJ 3.0.1");
                }
            }
        });
        return writer.toByteArray();
    }
}
