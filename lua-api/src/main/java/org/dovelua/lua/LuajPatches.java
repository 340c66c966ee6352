package org.dovelua.lua;

import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.ClassDefinition;
import java.lang.instrument.Instrumentation;
import net.bytebuddy.agent.ByteBuddyAgent;
import org.luaj.vm2.LuaClosure;
import org.luaj.vm2.LuaDouble;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * The changes made to LuaJ 3.0.1's own code, applied at start-up (the third, for
 * Dovecot's float values in tables, is {@link #patchedTable}). First,
 * {@code LuaDouble.tojstring()}, which writes a float with Java's {@code Float.toString}
 * ({@code 0.33333334}, {@code Infinity}), gets a body that calls
 * {@link LuaFloatText#tojstring(double)}. Every path that turns a float into text
 * ({@code tostring}, {@code print}, {@code ..}, {@code table.concat}, {@code io.write},
 * {@code string.format("%s")}) goes through that method, which no replacement library function
 * could reach. Second, {@code LuaClosure.processErrorHooks()}, where LuaJ adds the position to
 * an error raised in a Lua function, passes the message through {@link LuaVmErrors} first, so
 * VM errors read as 5.4 words them, with the variable's name.
 *
 * <p>The classes are redefined once per JVM, through the instrumentation the JVM hands
 * {@link #agentmain} when the CLI jar names this class as its {@code Launcher-Agent-Class}, or
 * else the one byte-buddy-agent attaches (a helper process, about 0.35 s); LuaJ's jar stays as
 * Maven Central ships it.
 */
public final class LuajPatches {
    private static final String OWNER = "org/luaj/vm2/LuaDouble";
    private static final String CLOSURE = "org/luaj/vm2/LuaClosure";
    private static final String TABLE = "org/luaj/vm2/LuaTable";
    private static volatile Boolean installed;
    private static String failure;
    private static volatile Instrumentation launched;

    private LuajPatches() {
    }

    /** {@code Launcher-Agent-Class} entry point: called by the JVM before the CLI's main. */
    public static void agentmain(String args, Instrumentation inst) {
        launched = inst;
    }

    /** Applies the patch once; false (with {@link #failure()}) when the JVM cannot redefine classes. */
    public static synchronized boolean install() {
        if (installed == null) {
            try {
                Instrumentation inst = launched != null ? launched : ByteBuddyAgent.install();
                inst.redefineClasses(new ClassDefinition(LuaDouble.class, patched(original(OWNER))),
                        new ClassDefinition(LuaClosure.class, patchedClosure(original(CLOSURE))),
                        new ClassDefinition(org.luaj.vm2.LuaTable.class, patchedTable(original(TABLE))));
                installed = true;
            } catch (Exception | LinkageError e) {
                failure = e.toString();
                installed = false;
                System.err.println("dovelua: floats print as LuaJ prints them (0.33333334, Infinity):"
                        + " cannot patch LuaDouble: " + failure);
            }
        }
        return installed;
    }

    /** Why {@link #install()} failed, or null. */
    public static String failure() {
        return failure;
    }

    private static byte[] original(String owner) throws IOException {
        try (InputStream in = LuaDouble.class.getClassLoader().getResourceAsStream(owner + ".class")) {
            if (in == null) {
                throw new IOException("no class file for " + owner);
            }
            return in.readAllBytes();
        }
    }

    /** Changes the visitor of the one method being patched; sets {@code done[0]} once it changed it. */
    private interface MethodEdit {
        MethodVisitor edit(MethodVisitor mv, boolean[] done);
    }

    /** The class with method {@code name}{@code desc} run through {@code edit}; {@code what} names a miss. */
    private static byte[] rewrite(byte[] original, String name, String desc, String what, MethodEdit edit) {
        ClassReader reader = new ClassReader(original);
        ClassWriter writer = new ClassWriter(reader, ClassWriter.COMPUTE_MAXS);
        boolean[] done = {false};
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public MethodVisitor visitMethod(int access, String n, String d, String sig, String[] exc) {
                MethodVisitor mv = super.visitMethod(access, n, d, sig, exc);
                return n.equals(name) && d.equals(desc) ? edit.edit(mv, done) : mv;
            }
        }, 0);
        if (!done[0]) {
            throw new IllegalStateException(what + ": not LuaJ 3.0.1?");
        }
        return writer.toByteArray();
    }

    /** The class with tojstring() replaced by {@code return LuaFloatText.tojstring(this.v);}. */
    static byte[] patched(byte[] original) {
        return rewrite(original, "tojstring", "()Ljava/lang/String;", OWNER + " has no tojstring()", (mv, done) -> {
            done[0] = true;
            mv.visitCode();
            mv.visitVarInsn(Opcodes.ALOAD, 0);
            mv.visitFieldInsn(Opcodes.GETFIELD, OWNER, "v", "D");
            mv.visitMethodInsn(Opcodes.INVOKESTATIC, "org/dovelua/lua/LuaFloatText", "tojstring",
                    "(D)Ljava/lang/String;", false);
            mv.visitInsn(Opcodes.ARETURN);
            mv.visitMaxs(0, 0);
            mv.visitEnd();
            return null; // the old body is dropped
        });
    }

    /**
     * LuaTable whose {@code defaultEntry(key, value)} keeps a {@link org.luaj.vm2.LuaIntegralFloat}
     * value as it is ({@code new NormalEntry(key, value)}): LuaJ stores a number value under a
     * non-integer key as a bare double, which would turn Dovecot's float constants (and lua-cjson's
     * decoded numbers) back into integers ({@code 1} instead of {@code 1.0}).
     */
    static byte[] patchedTable(byte[] original) {
        String entry = "org/luaj/vm2/LuaTable$NormalEntry";
        return rewrite(original, "defaultEntry",
                "(Lorg/luaj/vm2/LuaValue;Lorg/luaj/vm2/LuaValue;)Lorg/luaj/vm2/LuaTable$Entry;",
                TABLE + " has no defaultEntry()", (mv, done) -> new MethodVisitor(Opcodes.ASM9, mv) {
                    @Override
                    public void visitCode() {
                        super.visitCode();
                        done[0] = true;
                        org.objectweb.asm.Label normal = new org.objectweb.asm.Label();
                        super.visitVarInsn(Opcodes.ALOAD, 1);
                        super.visitTypeInsn(Opcodes.INSTANCEOF, "org/luaj/vm2/LuaIntegralFloat");
                        super.visitJumpInsn(Opcodes.IFEQ, normal);
                        super.visitVarInsn(Opcodes.ALOAD, 0);
                        super.visitMethodInsn(Opcodes.INVOKEVIRTUAL, "org/luaj/vm2/LuaValue", "isinttype", "()Z", false);
                        super.visitJumpInsn(Opcodes.IFNE, normal); // int keys keep their LuaValue anyway
                        super.visitTypeInsn(Opcodes.NEW, entry);
                        super.visitInsn(Opcodes.DUP);
                        super.visitVarInsn(Opcodes.ALOAD, 0);
                        super.visitVarInsn(Opcodes.ALOAD, 1);
                        super.visitMethodInsn(Opcodes.INVOKESPECIAL, entry, "<init>",
                                "(Lorg/luaj/vm2/LuaValue;Lorg/luaj/vm2/LuaValue;)V", false);
                        super.visitInsn(Opcodes.ARETURN);
                        super.visitLabel(normal); // LuaJ's classes are Java 1.5: no stack map frames
                    }
                });
    }

    /**
     * LuaClosure with {@code LuaVmErrors.rewrite(msg, p, pc)} applied to the message
     * {@code processErrorHooks(le, p, pc)} reads with {@code le.getMessage()}.
     */
    static byte[] patchedClosure(byte[] original) {
        return rewrite(original, "processErrorHooks", "(Lorg/luaj/vm2/LuaError;Lorg/luaj/vm2/Prototype;I)V",
                CLOSURE + ".processErrorHooks reads no message", (mv, done) -> new MethodVisitor(Opcodes.ASM9, mv) {
                    @Override
                    public void visitMethodInsn(int opcode, String owner, String n, String d, boolean itf) {
                        super.visitMethodInsn(opcode, owner, n, d, itf);
                        if (owner.equals("org/luaj/vm2/LuaError") && n.equals("getMessage")) {
                            done[0] = true;
                            super.visitVarInsn(Opcodes.ALOAD, 2); // p
                            super.visitVarInsn(Opcodes.ILOAD, 3); // pc
                            super.visitMethodInsn(Opcodes.INVOKESTATIC, "org/dovelua/lua/LuaVmErrors", "rewrite",
                                    "(Ljava/lang/String;Lorg/luaj/vm2/Prototype;I)Ljava/lang/String;", false);
                        }
                    }
                });
    }
}
