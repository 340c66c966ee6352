package org.dovelua.nauthilus.lib;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

class SmallLibrariesTest {
    @Test
    void pureLibrariesAreNamedAsNauthilusPreloadsThem() {
        assertThat(PureLibraries.all().keySet()).containsExactly("json", "time", "base64", "strings", "glua_crypto");
        PureLibraries.all().values().forEach(s -> assertThat(s.get().call(LuaValue.valueOf("x"), new LuaTable()).istable()).isTrue());
    }

    @Test
    void base64Encodings() {
        LuaTable b64 = new LibCall(new GoBase64Lib()).module();
        assertThat(method(b64, "StdEncoding", "encode_to_string", "hello").tojstring()).isEqualTo("aGVsbG8=");
        assertThat(method(b64, "RawStdEncoding", "encode_to_string", "hello").tojstring()).isEqualTo("aGVsbG8");
        assertThat(method(b64, "URLEncoding", "encode_to_string", LuaString.valueOf(new byte[] {(byte) 0xfb, (byte) 0xff}))
                .tojstring()).isEqualTo("-_8=");
        assertThat(method(b64, "StdEncoding", "decode_string", "aGVs\nbG8=").tojstring()).isEqualTo("hello");
        assertThat(method(b64, "RawURLEncoding", "decode_string", "aGVsbG8").tojstring()).isEqualTo("hello");
        assertDecodeError(b64, "StdEncoding", "aGVsbG8", "illegal base64 data at input byte 4");
        assertDecodeError(b64, "StdEncoding", "a$==", "illegal base64 data at input byte 1");
        assertDecodeError(b64, "StdEncoding", "aGVsbG8=x", "illegal base64 data at input byte 8");
        assertDecodeError(b64, "RawStdEncoding", "aGVsbG8=", "illegal base64 data at input byte 7");
        assertThatThrownBy(() -> b64.get("new_encoding").call(LuaValue.valueOf("abc")))
                .isInstanceOf(LuaError.class).hasMessageContaining("encoder must have 64 characters");
    }

    private static LuaValue method(LuaTable b64, String enc, String fn, Object arg) {
        LuaValue e = b64.get(enc);
        return e.get(fn).invoke(LuaValue.varargsOf(e, LibCall.lua(arg))).arg1();
    }

    private static void assertDecodeError(LuaTable b64, String enc, String in, String text) {
        LuaValue e = b64.get(enc);
        Varargs r = e.get("decode_string").invoke(LuaValue.varargsOf(e, LuaValue.valueOf(in)));
        assertThat(r.arg1().isnil()).isTrue();
        assertThat(r.arg(2).tojstring()).isEqualTo(text);
    }

    @Test
    void strings() {
        LibCall s = new LibCall(new GoStringsLib());
        assertThat(list(s.call("split", "a,b,,c", ","))).containsExactly("a", "b", "", "c");
        assertThat(list(s.call("split", "", ","))).containsExactly("");
        assertThat(list(s.call("split", "hé!", ""))).containsExactly("h", "é", "!");
        assertThat(list(s.call("fields", "  a \t b\n"))).containsExactly("a", "b");
        assertThat(s.call("trim", "xyhixy", "yx").arg1().tojstring()).isEqualTo("hi");
        assertThat(s.call("trim_space", " \t hi \n").arg1().tojstring()).isEqualTo("hi");
        assertThat(s.call("trim_prefix", "prefix-x", "prefix-").arg1().tojstring()).isEqualTo("x");
        assertThat(s.call("trim_suffix", "x.lua", ".lua").arg1().tojstring()).isEqualTo("x");
        assertThat(s.call("has_prefix", "abc", "ab").arg1().toboolean()).isTrue();
        assertThat(s.call("has_suffix", "abc", "ab").arg1().toboolean()).isFalse();
        assertThat(s.call("contains", "abc", "bc").arg1().toboolean()).isTrue();
        assertThatThrownBy(() -> s.call("contains", "abc"))
                .hasMessageContaining("bad argument #2 to contains (string expected, got nil)");
    }

    private static List<String> list(Varargs v) {
        LuaTable t = (LuaTable) v.arg1();
        List<String> out = new ArrayList<>();
        for (int i = 1; i <= t.length(); i++) {
            out.add(t.get(i).tojstring());
        }
        return out;
    }

    @Test
    void gluaCrypto() {
        LibCall c = new LibCall(new GluaCrypto());
        assertThat(c.call("md5", "abc").arg1().tojstring()).isEqualTo("900150983cd24fb0d6963f7d28e17f72");
        assertThat(c.call("sha1", "abc").arg1().tojstring()).isEqualTo("a9993e364706816aba3e25717850c26c9cd0d89d");
        assertThat(c.call("sha256", "abc").arg1().tojstring())
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(c.call("sha512", "abc").arg1().tojstring()).startsWith("ddaf35a193617aba");
        assertThat(c.call("md5", "abc", true).arg1().length()).isEqualTo(16);
        assertThat(c.call("crc32", "abc").arg1().tojstring()).isEqualTo("352441c2");
        String fox = "The quick brown fox jumps over the lazy dog";
        assertThat(c.call("hmac", "sha256", fox, "key").arg1().tojstring())
                .isEqualTo("f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8");
        assertThat(c.call("hmac", "md5", fox, "key").arg1().tojstring()).isEqualTo("80070713463e7749b90c2dc24911e275");
        assertThat(c.call("hmac", "md5", "", "").arg1().tojstring()).isEqualTo("74e6f7298a9c2d168935f58c001bad88");
        Varargs bad = c.call("hmac", "sha3", "x", "k");
        assertThat(bad.arg(2).tojstring()).isEqualTo("unsupported algorithm");
        assertThat(c.call("base64_encode", "hi?").arg1().tojstring()).isEqualTo("aGk/");
        assertThat(c.call("base64_url_encode", "hi?").arg1().tojstring()).isEqualTo("aGk_");
        assertThat(c.call("base64_decode", "aGk/").arg1().tojstring()).isEqualTo("hi?");
        assertThat(c.call("base64_decode", "!!").arg(2).tojstring()).isEqualTo("illegal base64 data at input byte 0");

        String key = "0123456789abcdef";
        String iv = "fedcba9876543210";
        Varargs enc = c.call("encrypt", "secret text", "aes-cbc", key, 0, iv);
        assertThat(enc.arg1().tojstring()).matches("[0-9a-f]{32}");
        assertThat(c.call("decrypt", enc.arg1(), "aes-cbc", key, 0, iv).arg1().tojstring()).isEqualTo("secret text");
        Varargs des = c.call("encrypt", "x", "des-ecb", "8bytekey", 1);
        assertThat(des.arg1().length()).isEqualTo(8);
        assertThat(c.call("decrypt", des.arg1(), "des-ecb", "8bytekey", 1).arg1().tojstring()).isEqualTo("x");
        assertThat(c.call("encrypt", "x", "aes-cbc", "short", 0, iv).arg(2).tojstring())
                .isEqualTo("crypto/aes: invalid key size 5");
        assertThat(c.call("encrypt", "x", "rc4", key).arg(2).tojstring()).isEqualTo("unsupported encrypt method");
        assertThat(c.call("decrypt", "zz", "aes-cbc", key, 0, iv).arg(2).tojstring())
                .isEqualTo("encoding/hex: invalid byte: U+007A 'z'");
        assertThat(c.call("decrypt", "abc", "aes-cbc", key, 0, iv).arg(2).tojstring())
                .isEqualTo("encoding/hex: odd length hex string");
        assertThat(c.call("decrypt", "abcd", "aes-cbc", key, 0, iv).arg(2).tojstring())
                .isEqualTo("ciphertext is not a multiple of the block size");
        assertThatThrownBy(() -> c.call("encrypt", "x", "aes-cbc", key, 0, "short"))
                .isInstanceOf(LuaError.class).hasMessageContaining("IV length must equal block size");
    }
}
