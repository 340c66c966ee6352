package org.dovelua.dict;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.dovelua.lib.TabEscape;

/**
 * src/lib-dict/dict-file.c@2.3.19, read-only as auth uses it: {@code file:PATH[:lock=fcntl|flock]};
 * the file holds alternating key and value lines, both tab-unescaped; the last duplicate key wins,
 * a key without a value line is dropped, a missing file is "not found" for every key (no error),
 * and the non-recursive iteration skips keys with another {@code /} after the path.
 */
public final class FileDict implements Dict {
    private final String path;
    private final DictContext ctx;

    /**
     * {@code file_dict_init()}: the text after the first {@code :} must be {@code lock=fcntl} or
     * {@code lock=flock}; the error skips its first character ({@code p+1} after {@code p++},
     * seen on 2.3.19: {@code Invalid parameter: ock=none}).
     */
    public static FileDict init(String args, DictContext ctx) throws DictInitException {
        int colon = args.indexOf(':');
        if (colon >= 0) {
            String p = args.substring(colon + 1);
            if (!p.equals("lock=fcntl") && !p.equals("lock=flock")) {
                throw new DictInitException("Invalid parameter: " + (p.isEmpty() ? "" : p.substring(1)));
            }
        }
        return new FileDict(colon < 0 ? args : args.substring(0, colon), ctx);
    }

    private FileDict(String path, DictContext ctx) {
        this.path = path;
        this.ctx = ctx;
    }

    /** The error of a file that exists but cannot be read ({@code open(%s) failed: %m}). */
    private static final class ReadFailure extends Exception {
        ReadFailure(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * {@code file_dict_refresh()}: the file's pairs (dovelua reads the file at every operation;
     * Dovecot re-reads it when its inode changes). Lines are {@code i_stream_read_next_line()}'s:
     * LF-terminated, a CR before the LF dropped, a last line without LF not returned.
     */
    private Map<String, String> refresh() throws ReadFailure {
        Map<String, String> hash = new TreeMap<>(FileDict::strcmp);
        Optional<Path> local = ctx.resolve(path);
        if (local.isEmpty()) {
            return hash; // not mounted: as a missing file (ENOENT is not an error)
        }
        byte[] content;
        try {
            content = Files.readAllBytes(local.get());
        } catch (NoSuchFileException e) {
            return hash;
        } catch (IOException e) {
            throw new ReadFailure("open(" + path + ") failed: " + (e.getMessage() == null ? "I/O error" : e.getMessage()));
        }
        List<String> lines = new ArrayList<>();
        String s = new String(content, StandardCharsets.UTF_8);
        int start = 0;
        int nl;
        while ((nl = s.indexOf('\n', start)) >= 0) {
            String line = s.substring(start, nl);
            if (line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
            lines.add(line);
            start = nl + 1;
        }
        for (int i = 0; i + 1 < lines.size(); i += 2) {
            hash.put(cString(TabEscape.unescape(cString(lines.get(i)))),
                    cString(TabEscape.unescape(cString(lines.get(i + 1)))));
        }
        return hash;
    }

    /** The C string: up to the first NUL. */
    private static String cString(String s) {
        int nul = s.indexOf('\0');
        return nul < 0 ? s : s.substring(0, nul);
    }

    /** strcmp() order of the UTF-8 bytes. */
    private static int strcmp(String a, String b) {
        return java.util.Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public DictLookup lookup(String key, String username) {
        try {
            String v = refresh().get(key);
            return v == null ? DictLookup.notFound() : DictLookup.found(v);
        } catch (ReadFailure e) {
            return DictLookup.failed(e.getMessage());
        }
    }

    /**
     * {@code file_dict_iterate()} with flags 0: keys starting with {@code path} and no {@code /}
     * after it. Dovecot walks its hash table, whose order changes from run to run (seen on
     * 2.3.19); dovelua gives the keys in strcmp() order.
     */
    @Override
    public DictIteration iterate(String prefix, String username) {
        Map<String, String> hash;
        try {
            hash = refresh();
        } catch (ReadFailure e) {
            return DictIteration.failed(e.getMessage());
        }
        List<DictIteration.Row> rows = new ArrayList<>();
        for (Map.Entry<String, String> e : hash.entrySet()) {
            String key = e.getKey();
            if (key.startsWith(prefix) && key.indexOf('/', prefix.length()) < 0) {
                rows.add(new DictIteration.Row(key, e.getValue()));
            }
        }
        return DictIteration.of(rows);
    }

    @Override
    public void close() {
        // file_dict_deinit(): nothing to report
    }
}
