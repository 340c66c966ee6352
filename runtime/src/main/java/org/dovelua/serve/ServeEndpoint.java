package org.dovelua.serve;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;

/**
 * Where the launcher finds the server for its working directory: a file named after the
 * directory ({@code /} as {@code %}, its last 200 characters) in {@code $XDG_RUNTIME_DIR/dovelua/serve}
 * (else {@code ~/.cache/dovelua/serve}), holding {@code PORT TOKEN}. The folder is 0700 and the
 * file 0600, so only the user (and root) can read the token the server requires before anything
 * else: see SECURITY.md.
 */
public record ServeEndpoint(Path file, int port, String token) {
    /** How many characters of the directory name the file keeps (file names stop at 255 bytes). */
    static final int KEY_CHARS = 200;

    /** The folder of the state files, from the environment as the launcher computes it. */
    public static Path folder(Map<String, String> env) {
        String xdg = env.get("XDG_RUNTIME_DIR");
        if (xdg != null && !xdg.isEmpty() && Files.isDirectory(Path.of(xdg))) {
            return Path.of(xdg, "dovelua", "serve");
        }
        String home = env.getOrDefault("HOME", System.getProperty("user.home"));
        return Path.of(home, ".cache", "dovelua", "serve");
    }

    /** The state file of the server for {@code cwd}: bash's {@code ${PWD//\//%}}, its last 200 characters. */
    public static Path file(Path folder, String cwd) {
        String key = cwd.replace('/', '%');
        if (key.length() > KEY_CHARS) {
            key = key.substring(key.length() - KEY_CHARS);
        }
        return folder.resolve(key);
    }

    /** A fresh random token: 32 bytes, hex. */
    public static String newToken() {
        byte[] b = new byte[32];
        new SecureRandom().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    /** Writes the state file (0600, in a 0700 folder) through a temporary file, so a reader never sees half of it. */
    public static ServeEndpoint publish(Path file, int port, String token) throws IOException {
        Path dir = file.getParent();
        Files.createDirectories(dir);
        try {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the folder keeps what its parent gives
        }
        Path tmp = Files.createTempFile(dir, ".serve", ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(tmp, port + " " + token + "\n", StandardCharsets.US_ASCII);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return new ServeEndpoint(file, port, token);
    }

    /** The endpoint a state file names, or null when there is none (or it is unreadable). */
    public static ServeEndpoint read(Path file) {
        try {
            String[] f = Files.readString(file, StandardCharsets.US_ASCII).trim().split(" ");
            return f.length == 2 ? new ServeEndpoint(file, Integer.parseInt(f[0]), f[1]) : null;
        } catch (IOException | NumberFormatException e) {
            return null;
        }
    }
}
