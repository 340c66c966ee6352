package org.dovelua.auth.dict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.dovelua.dict.Dict;
import org.dovelua.dict.DictContext;
import org.dovelua.dict.DictFixtures;
import org.dovelua.dict.DictInitException;
import org.dovelua.dict.DictModules;
import org.dovelua.dict.FileDict;
import org.dovelua.lua.dovecot.DovecotEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** dict-file.c@2.3.19 as auth reads it (differential cases 242, 251, 253; observed #7). */
class FileDictTest {
    @TempDir
    Path dir;

    private DictContext ctx() {
        return new DictContext() {
            @Override
            public DovecotEvent event() {
                return null;
            }

            @Override
            public Optional<Path> resolve(String configPath) {
                return configPath.startsWith("/etc/dovecot/")
                        ? Optional.of(dir.resolve(configPath.substring("/etc/dovecot/".length())))
                        : Optional.empty();
            }

            @Override
            public String baseDir() {
                return "/run/dovecot";
            }

            @Override
            public DictFixtures fixtures() {
                return DictFixtures.none();
            }

            @Override
            public boolean allowNetwork() {
                return false;
            }
        };
    }

    private Dict open(String content) throws Exception {
        Files.writeString(dir.resolve("users.dict"), content);
        return DictModules.standard().init("file:/etc/dovecot/users.dict:lock=flock", ctx());
    }

    @Test
    void lookupsReadAlternatingLinesTheLastDuplicateWinning() throws Exception {
        Dict d = open("shared/a\r\n1\r\nshared/a\n2\nshared/t\u0001tab\nx\u0001ty\u0001n\u00011\u0001\nshared/last\nno-lf");
        assertThat(d.lookup("shared/a", "u")).isEqualTo(Dict.DictLookup.found("2"));
        assertThat(d.lookup("shared/t\tab", "u")).isEqualTo(Dict.DictLookup.found("x\ty\n\u0001"));
        // i_stream_read_next_line() does not return a last line without LF
        assertThat(d.lookup("shared/last", "u")).isEqualTo(Dict.DictLookup.notFound());
    }

    @Test
    void aMissingOrUnmountedFileIsNotFoundEverywhere() throws Exception {
        Dict d = DictModules.standard().init("file:/etc/dovecot/none.dict", ctx());
        assertThat(d.lookup("shared/a", "u")).isEqualTo(Dict.DictLookup.notFound());
        assertThat(d.iterate("shared/", "*").rows()).isEmpty();
        Dict elsewhere = FileDict.init("/srv/x.dict", ctx());
        assertThat(elsewhere.lookup("shared/a", "u").ret()).isZero();
    }

    @Test
    void iterationIsNonRecursiveInStrcmpOrder() throws Exception {
        Dict d = open("shared/userdb/bob\n1\nshared/userdb/alice\n2\nshared/userdb/alice/quota\n3\nshared/userdbtop\n4\n"
                + "shared/userdb/\u00e9\n5\nshared/userdb/Zed\n6\n");
        assertThat(d.iterate("shared/userdb/", "*").rows()).extracting(Dict.DictIteration.Row::key)
                .containsExactly("shared/userdb/Zed", "shared/userdb/alice", "shared/userdb/bob", "shared/userdb/\u00e9");
        assertThat(d.iterate("shared/userdb", "*").rows()).extracting(Dict.DictIteration.Row::key)
                .containsExactly("shared/userdbtop");
    }

    @Test
    void aLockParameterOtherThanFcntlOrFlockIsRefusedOneCharacterShort() {
        assertThatThrownBy(() -> DictModules.standard().init("file:/x:lock=none", ctx()))
                .isInstanceOf(DictInitException.class).hasMessage("dict file: Invalid parameter: ock=none");
    }
}
