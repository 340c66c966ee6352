package org.dovelua.lua.lua54.vm;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.CRC32;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;

/**
 * A copy of the runnable jar that starts faster, made once per build instead of at every launch:
 * LuaJ's classes arrive with {@link LuajPatches}' edits already applied (no instrumentation, no
 * ASM run, no class redefinition at start-up), and every Java 5 class file (LuaJ, picocli, ASM)
 * is rewritten as a Java 8 one with stack map frames. Both matter for a class-data sharing
 * archive: the JVM archives neither a redefined class (nor its subclasses) nor a pre-Java-6 one.
 * The method bodies are those of the originals (the edits' code, as {@link LuajPatches} makes it
 * at run time); only the class file version and the frames differ.
 *
 * <p>The copy carries {@link #MARKER}, the CRC-32 of the {@code LuajPatches} class that made it;
 * {@link LuajPatches#install()} finds it and skips the run-time patching when it matches.
 */
public final class PrepatchedJar {
    /** The marker entry: the CRC-32 (hex) of {@code LuajPatches.class} that patched this jar. */
    public static final String MARKER = "META-INF/dovelua/luaj-prepatched";
    private static final int JAVA5 = 49;

    private PrepatchedJar() {
    }

    /** {@code PrepatchedJar IN.jar OUT.jar}: writes the fast copy (through a temporary file, then moved). */
    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: PrepatchedJar IN.jar OUT.jar");
            System.exit(64);
        }
        write(Path.of(args[0]), Path.of(args[1]));
    }

    /** Writes the fast copy of {@code in} to {@code out}, atomically where the file system allows. */
    public static void write(Path in, Path out) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        Manifest manifest;
        try (JarInputStream jar = new JarInputStream(Files.newInputStream(in))) {
            manifest = jar.getManifest();
            for (JarEntry e = jar.getNextJarEntry(); e != null; e = jar.getNextJarEntry()) {
                if (!e.isDirectory()) {
                    entries.put(e.getName(), jar.readAllBytes());
                }
            }
        }
        Map<String, byte[]> rewritten = rewrite(entries);
        if (manifest != null) {
            // the patches are in the classes: the launcher agent has nothing to hand over
            manifest.getMainAttributes().remove(new java.util.jar.Attributes.Name("Launcher-Agent-Class"));
        }
        Path tmp = out.resolveSibling(out.getFileName() + ".tmp" + ProcessHandle.current().pid());
        try (OutputStream os = Files.newOutputStream(tmp);
                JarOutputStream jar = manifest != null ? new JarOutputStream(os, manifest) : new JarOutputStream(os)) {
            for (Map.Entry<String, byte[]> e : rewritten.entrySet()) {
                jar.putNextEntry(new JarEntry(e.getKey()));
                jar.write(e.getValue());
                jar.closeEntry();
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        try {
            Files.move(tmp, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (java.nio.file.AtomicMoveNotSupportedException e) {
            Files.move(tmp, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * The jar's entries (name to bytes, the manifest excluded) as the fast copy has them: the
     * patched LuaJ classes, Java 5 classes as Java 8 ones, and {@link #MARKER}.
     */
    static Map<String, byte[]> rewrite(Map<String, byte[]> entries) {
        Hierarchy hierarchy = new Hierarchy(entries);
        Map<String, byte[]> out = new LinkedHashMap<>();
        Map<String, LuajBytecode> patches = new HashMap<>();
        for (LuajBytecode p : LuajPatches.patches()) {
            patches.put(p.owner() + ".class", p);
        }
        for (Map.Entry<String, byte[]> e : entries.entrySet()) {
            String name = e.getKey();
            byte[] bytes = e.getValue();
            if (name.equals("META-INF/MANIFEST.MF") || name.equals(MARKER)) {
                continue;
            }
            LuajBytecode patch = patches.remove(name);
            if (patch != null) {
                bytes = withFrames(patch.apply(bytes), hierarchy);
            } else if (name.endsWith(".class") && !name.endsWith("module-info.class") && version(bytes) <= JAVA5) {
                bytes = withFrames(bytes, hierarchy);
            }
            out.put(name, bytes);
        }
        if (!patches.isEmpty()) {
            throw new IllegalStateException("the jar lacks LuaJ classes the patches edit: " + patches.keySet());
        }
        out.put(MARKER, (patcherCrc() + "\n").getBytes(StandardCharsets.US_ASCII));
        return out;
    }

    /** The class file's major version. */
    static int version(byte[] classFile) {
        return ((classFile[6] & 0xff) << 8) | (classFile[7] & 0xff);
    }

    /** The same class as a Java 8 class file with computed stack map frames; a class using JSR stays as it is. */
    static byte[] withFrames(byte[] classFile, Hierarchy hierarchy) {
        ClassReader reader = new ClassReader(classFile);
        ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_FRAMES) {
            @Override
            protected String getCommonSuperClass(String a, String b) {
                return hierarchy.commonSuperClass(a, b);
            }
        };
        try {
            reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
                @Override
                public void visit(int version, int access, String name, String sig, String sup, String[] itfs) {
                    super.visit(Math.max(version, Opcodes.V1_8), access, name, sig, sup, itfs);
                }
            }, ClassReader.SKIP_FRAMES);
            return writer.toByteArray();
        } catch (RuntimeException e) {
            // JSR/RET (javac before 1.6) cannot carry frames; the JVM loads it as before, unarchived
            return classFile;
        }
    }

    /** The CRC-32 (hex) of the {@code LuajPatches} class file this JVM runs. */
    static String patcherCrc() {
        try (InputStream in = LuajPatches.class.getResourceAsStream("LuajPatches.class")) {
            if (in == null) {
                return "none";
            }
            CRC32 crc = new CRC32();
            crc.update(in.readAllBytes());
            return Long.toHexString(crc.getValue());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Whether LuaJ's classes, as this JVM loaded them, come from a fast copy made by this very
     * {@code LuajPatches}: the marker sits in the jar {@code LuaDouble} came from and names its CRC.
     */
    static boolean loadedPrepatched() {
        ClassLoader loader = org.luaj.vm2.LuaDouble.class.getClassLoader();
        if (loader == null) {
            return false;
        }
        java.net.URL marker = loader.getResource(MARKER);
        java.net.URL dbl = loader.getResource("org/luaj/vm2/LuaDouble.class");
        if (marker == null || dbl == null || !sameJar(marker, dbl)) {
            return false;
        }
        try (InputStream in = marker.openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim().equals(patcherCrc());
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean sameJar(java.net.URL a, java.net.URL b) {
        String x = a.toString();
        String y = b.toString();
        int i = x.indexOf("!/");
        int j = y.indexOf("!/");
        return i > 0 && j > 0 && x.substring(0, i).equals(y.substring(0, j));
    }

    /** Super classes for frame computation, read from the jar's class files (else the JDK's), loading nothing. */
    static final class Hierarchy {
        private final Map<String, byte[]> entries;
        private final Map<String, String[]> known = new HashMap<>();

        Hierarchy(Map<String, byte[]> entries) {
            this.entries = entries;
        }

        /** {super, "i" when an interface} of the class, or null when unknown. */
        private String[] of(String name) {
            return known.computeIfAbsent(name, n -> {
                byte[] b = entries.get(n + ".class");
                if (b != null) {
                    ClassReader r = new ClassReader(b);
                    return new String[] {r.getSuperName(), (r.getAccess() & Opcodes.ACC_INTERFACE) != 0 ? "i" : ""};
                }
                try {
                    Class<?> c = Class.forName(n.replace('/', '.'), false, ClassLoader.getPlatformClassLoader());
                    return new String[] {c.getSuperclass() == null ? null
                            : c.getSuperclass().getName().replace('.', '/'), c.isInterface() ? "i" : ""};
                } catch (ClassNotFoundException | LinkageError e) {
                    return null;
                }
            });
        }

        String commonSuperClass(String a, String b) {
            if (a.equals(b)) {
                return a;
            }
            String[] ia = of(a);
            String[] ib = of(b);
            if (ia == null || ib == null) {
                throw new IllegalStateException("unknown class " + (ia == null ? a : b));
            }
            if (ia[1].equals("i") || ib[1].equals("i")) {
                return "java/lang/Object";
            }
            java.util.Set<String> supers = new java.util.HashSet<>();
            for (String c = a; c != null; c = of(c) == null ? null : of(c)[0]) {
                supers.add(c);
            }
            for (String c = b; c != null; c = of(c) == null ? null : of(c)[0]) {
                if (supers.contains(c)) {
                    return c;
                }
            }
            return "java/lang/Object";
        }
    }

    /** For tests: the entries of a jar file. */
    static Map<String, byte[]> read(Path jarFile) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (JarInputStream jar = new JarInputStream(Files.newInputStream(jarFile))) {
            for (JarEntry e = jar.getNextJarEntry(); e != null; e = jar.getNextJarEntry()) {
                if (!e.isDirectory()) {
                    ByteArrayOutputStream b = new ByteArrayOutputStream();
                    jar.transferTo(b);
                    entries.put(e.getName(), b.toByteArray());
                }
            }
        }
        return entries;
    }

    /** The names of the classes {@link LuajPatches} edits. */
    static List<String> patchedClasses() {
        return LuajPatches.patches().stream().map(p -> p.owner() + ".class").toList();
    }
}
