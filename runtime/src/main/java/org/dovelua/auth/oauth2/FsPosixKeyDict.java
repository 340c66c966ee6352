package org.dovelua.auth.oauth2;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * The {@code oauth2_local_validation} dict as {@code dict fs { fs posix { prefix } } }
 * (lib-dict-extra dict-fs.c {@code fs_dict_lookup()}): a shared key's file is the prefix with the
 * key after {@code shared/}; a missing file is "not found", the file's whole content the value.
 */
public final class FsPosixKeyDict implements LocalJwtValidation.KeyDict {
    private final String prefix;
    private final UnaryOperator<Path> mount;

    /** @param mount where a path Dovecot names is on this machine (dovelua's --mount), identity otherwise */
    public FsPosixKeyDict(String prefix, UnaryOperator<Path> mount) {
        this.prefix = prefix;
        this.mount = mount;
    }

    @Override
    public String lookup(String key) throws LocalJwtValidation.KeyDictException {
        // fs_dict_get_full_key(): shared/ keys lose their prefix (private ones need a user: none here)
        String name = key.startsWith("shared/") ? key.substring("shared/".length()) : key;
        String path = prefix + name;
        try {
            return new String(Files.readAllBytes(mount.apply(Path.of(path))), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new LocalJwtValidation.KeyDictException("open(" + path + ") failed: " + e.getMessage());
        }
    }
}
