package org.dovelua.lua.lua54.vm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.luaj.vm2.LuaDouble;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Opcodes;

/** The fast copy's LuaJ: what {@link LuajPatches} makes at run time, already in the class files. */
class PrepatchedJarTest {
    private static Map<String, byte[]> luaj;
    private static Map<String, byte[]> rewritten;

    @BeforeAll
    static void rewriteLuajsJar() throws Exception {
        // LuaJ's jar as Maven Central ships it (the patches redefine the loaded classes, not the jar)
        Path jar = Path.of(LuaDouble.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        luaj = PrepatchedJar.read(jar);
        rewritten = PrepatchedJar.rewrite(luaj);
    }

    @Test
    void thePatchedClassesHoldTheRunTimePatchsCode() {
        for (LuajBytecode p : LuajPatches.patches()) {
            String name = p.owner() + ".class";
            byte[] atRunTime = p.apply(luaj.get(name));
            assertThat(withoutFrames(rewritten.get(name))).as(name).isEqualTo(withoutFrames(atRunTime));
            assertThat(withoutFrames(rewritten.get(name))).as(name + " is edited").isNotEqualTo(withoutFrames(luaj.get(name)));
        }
    }

    @Test
    void everyClassIsOneTheJvmCanArchive() {
        // CDS skips class files before Java 6 ("Pre JDK 6 class not supported by CDS")
        rewritten.forEach((name, bytes) -> {
            // luajc (LuaJ's Lua-to-bytecode compiler, unused) names BCEL, absent: its frames cannot be computed
            if (name.endsWith(".class") && !name.startsWith("org/luaj/vm2/luajc/")) {
                assertThat(PrepatchedJar.version(bytes)).as(name).isGreaterThanOrEqualTo(Opcodes.V1_8);
            }
        });
        assertThat(PrepatchedJar.version(luaj.get("org/luaj/vm2/LuaValue.class"))).isLessThan(50);
    }

    @Test
    void theUnpatchedClassesKeepTheirCode() {
        java.util.Set<String> patched = new java.util.HashSet<>(PrepatchedJar.patchedClasses());
        int compared = 0;
        for (Map.Entry<String, byte[]> e : luaj.entrySet()) {
            if (e.getKey().endsWith(".class") && !patched.contains(e.getKey())) {
                assertThat(withoutFrames(rewritten.get(e.getKey()))).as(e.getKey()).isEqualTo(withoutFrames(e.getValue()));
                compared++;
            }
        }
        assertThat(compared).isGreaterThan(100);
        assertThat(rewritten.keySet()).containsAll(luaj.keySet().stream()
                .filter(n -> !n.equals("META-INF/MANIFEST.MF")).toList());
    }

    @Test
    void theMarkerNamesThePatcher() {
        assertThat(new String(rewritten.get(PrepatchedJar.MARKER))).isEqualTo(PrepatchedJar.patcherCrc() + "\n");
        // this JVM loaded LuaJ from Maven Central's jar: no marker beside it, the patches are applied at run time
        assertThat(PrepatchedJar.loadedPrepatched()).isFalse();
    }

    @Test
    void theRewrittenLuajRunsAs54WithoutInstrumentation() throws Exception {
        // a class loader of its own: the rewritten LuaJ and lua-api's classes, nothing redefined
        ClassLoader isolated = new ClassLoader(null) {
            @Override
            protected Class<?> findClass(String name) throws ClassNotFoundException {
                String file = name.replace('.', '/') + ".class";
                byte[] b = rewritten.get(file);
                if (b == null) {
                    try (InputStream in = PrepatchedJarTest.class.getClassLoader().getResourceAsStream(file)) {
                        if (in == null) {
                            throw new ClassNotFoundException(name);
                        }
                        b = in.readAllBytes();
                    } catch (IOException e) {
                        throw new ClassNotFoundException(name, e);
                    }
                }
                return defineClass(name, b, 0, b.length);
            }
        };
        Class<?> value = isolated.loadClass("org.luaj.vm2.LuaValue");
        Object one = value.getMethod("valueOf", double.class).invoke(null, 1.0);
        assertThat(value.getMethod("tojstring").invoke(one)).isEqualTo("1.0"); // LuaJ: "1"
        Object third = value.getMethod("valueOf", double.class).invoke(null, 1 / 3.0);
        assertThat(value.getMethod("tojstring").invoke(third)).isEqualTo("0.33333333333333");
    }

    /**
     * The class's code as text, frames, maximums and the class file version left out: each
     * method's instructions with their operands, labels numbered in order of appearance.
     */
    private static String withoutFrames(byte[] classFile) {
        StringBuilder out = new StringBuilder();
        new ClassReader(classFile).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public void visit(int version, int access, String name, String sig, String sup, String[] itfs) {
                out.append(access).append(' ').append(name).append(' ').append(sup).append(java.util.Arrays.toString(itfs))
                        .append('\n');
            }

            @Override
            public org.objectweb.asm.FieldVisitor visitField(int access, String name, String desc, String sig,
                    Object value) {
                out.append("field ").append(access).append(' ').append(name).append(desc).append('=').append(value)
                        .append('\n');
                return null;
            }

            @Override
            public org.objectweb.asm.MethodVisitor visitMethod(int access, String name, String desc, String sig,
                    String[] exc) {
                out.append("method ").append(access).append(' ').append(name).append(desc).append('\n');
                Map<org.objectweb.asm.Label, Integer> labels = new java.util.HashMap<>();
                java.util.function.Function<org.objectweb.asm.Label, String> l =
                        k -> "L" + labels.computeIfAbsent(k, x -> labels.size());
                return new org.objectweb.asm.MethodVisitor(Opcodes.ASM9) {
                    private void op(Object... parts) {
                        out.append(' ');
                        for (Object o : parts) {
                            out.append(o instanceof org.objectweb.asm.Label lb ? l.apply(lb) : String.valueOf(o)).append(' ');
                        }
                        out.append('\n');
                    }

                    @Override
                    public void visitInsn(int opcode) {
                        op(opcode);
                    }

                    @Override
                    public void visitIntInsn(int opcode, int operand) {
                        op(opcode, operand);
                    }

                    @Override
                    public void visitVarInsn(int opcode, int var) {
                        op(opcode, var);
                    }

                    @Override
                    public void visitTypeInsn(int opcode, String type) {
                        op(opcode, type);
                    }

                    @Override
                    public void visitFieldInsn(int opcode, String owner, String name, String desc) {
                        op(opcode, owner, name, desc);
                    }

                    @Override
                    public void visitMethodInsn(int opcode, String owner, String name, String desc, boolean itf) {
                        op(opcode, owner, name, desc, itf);
                    }

                    @Override
                    public void visitJumpInsn(int opcode, org.objectweb.asm.Label label) {
                        op(opcode, label);
                    }

                    @Override
                    public void visitLabel(org.objectweb.asm.Label label) {
                        op("label", label);
                    }

                    @Override
                    public void visitLdcInsn(Object value) {
                        op("ldc", value, value.getClass().getSimpleName());
                    }

                    @Override
                    public void visitIincInsn(int var, int increment) {
                        op("iinc", var, increment);
                    }

                    @Override
                    public void visitTableSwitchInsn(int min, int max, org.objectweb.asm.Label dflt,
                            org.objectweb.asm.Label... ls) {
                        op("tableswitch", min, max, dflt);
                        for (org.objectweb.asm.Label x : ls) {
                            op("case", x);
                        }
                    }

                    @Override
                    public void visitLookupSwitchInsn(org.objectweb.asm.Label dflt, int[] keys,
                            org.objectweb.asm.Label[] ls) {
                        op("lookupswitch", dflt, java.util.Arrays.toString(keys));
                        for (org.objectweb.asm.Label x : ls) {
                            op("case", x);
                        }
                    }

                    @Override
                    public void visitMultiANewArrayInsn(String desc, int dims) {
                        op("multianewarray", desc, dims);
                    }

                    @Override
                    public void visitTryCatchBlock(org.objectweb.asm.Label a, org.objectweb.asm.Label b,
                            org.objectweb.asm.Label h, String type) {
                        op("try", a, b, h, type);
                    }
                };
            }
        }, ClassReader.SKIP_FRAMES);
        return out.toString();
    }
}
