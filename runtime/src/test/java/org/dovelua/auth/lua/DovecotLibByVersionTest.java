package org.dovelua.auth.lua;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.dovelua.auth.TestAuth;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What 2.4.2 adds to the {@code dovecot} global (dlua-dovecot.c, a8ebc8c05a and ae6abc859b):
 * {@code dovecot.base64} and {@code dovecot.var_expand}. The expected values are real 2.4.5's and
 * 2.4.1's answers in differential cases 400, 401 and 405.
 */
class DovecotLibByVersionTest {
    @TempDir
    Path dir;

    private static final String TRY = "local function try(f, ...) local ok, v = pcall(f, ...)"
            + " return (ok and 'ok:' or 'err:') .. tostring(v) end\n"
            + "local function hex(s) return (s:gsub('.', function(c) return string.format('%02x', c:byte()) end)) end\n";

    /**
     * The passdb's fields {@code name = expression} for alice, in one auth test on {@code version};
     * pair i (from 0) is on line 5 + i of the script.
     */
    private java.util.List<String> fields(String version, String... pairs) throws Exception {
        StringBuilder b = new StringBuilder(TRY + "function auth_passdb_lookup(req)\n  local f = {password = '{PLAIN}pw'}\n");
        for (int i = 0; i < pairs.length; i += 2) {
            b.append("  f.").append(pairs[i]).append(" = ").append(pairs[i + 1]).append('\n');
        }
        b.append("  return dovecot.auth.PASSDB_RESULT_OK, f\nend\n");
        try (TestAuth a = TestAuth.script(dir, version, b.toString())) {
            return a.test("alice", "pw").args();
        }
    }

    @Test
    void base64EncodesAnyBytesOnOneLine() throws Exception {
        assertThat(fields("2.4.5",
                "text", "dovecot.base64.encode('test value')",
                "empty", "'[' .. dovecot.base64.encode('') .. ']'",
                "bin", "dovecot.base64.encode('\\0\\1\\255\\254\\127')",
                "int", "dovecot.base64.encode(12)",
                "float", "dovecot.base64.encode(1.5)",
                "long", "tostring(#dovecot.base64.encode(string.rep('xyz', 400)))"))
                .contains("text=dGVzdCB2YWx1ZQ==", "empty=[]", "bin=AAH//n8=", "int=MTI=", "float=MS41", "long=1600");
    }

    /** t_base64_decode() ignores base64_decode()'s result: what was read before bad input stays. */
    @Test
    void base64DecodeKeepsWhatItReadBeforeBadInput() throws Exception {
        assertThat(fields("2.4.5",
                "text", "dovecot.base64.decode('dGVzdCB2YWx1ZQ==')",
                "invalid", "'[' .. dovecot.base64.decode('!!!!') .. ']'",
                "middle", "dovecot.base64.decode('YWJj!ZGVm')",
                "space", "dovecot.base64.decode('YW Jj\\nZA==')",
                "nopad", "dovecot.base64.decode('YQ')",
                "three", "dovecot.base64.decode('YWJ')",
                "twice", "dovecot.base64.decode('YQ==YQ==')",
                "url", "'[' .. dovecot.base64.decode('-_-_') .. ']'",
                "int", "hex(dovecot.base64.decode(123))",
                "bin", "hex(dovecot.base64.decode('AP/+'))"))
                .contains("text=test value", "invalid=[]", "middle=abc", "space=abcd", "nopad=a", "three=ab", "twice=a",
                        "url=[]", "int=d76d", "bin=00fffe");
    }

    @Test
    void base64ArgumentErrorsAreDlusAndLauxlibs() throws Exception {
        assertThat(fields("2.4.5",
                "none", "try(dovecot.base64.encode)",
                "two", "try(dovecot.base64.decode, 'a', 'b')",
                "table", "try(function() local v = dovecot.base64.encode({}) return v end)",
                "bool", "try(function() local v = dovecot.base64.decode(true) return v end)",
                "where", "tostring(rawget(dovecot, 'base64') ~= nil) .. ',' .. tostring(rawget(getmetatable(dovecot), 'base64'))"))
                .contains("none=err:expected 1 arguments, got 0", "two=err:expected 1 arguments, got 2",
                        "table=err:" + dir + "/auth.lua:7: bad argument #1 to 'encode' (string expected, got table)",
                        "bool=err:" + dir + "/auth.lua:8: bad argument #1 to 'decode' (string expected, got boolean)",
                        "where=true,nil");
    }

    @Test
    void before242NeitherExists() throws Exception {
        assertThat(fields("2.4.1",
                "b64", "try(function() local v = dovecot.base64.encode('x') return v end)",
                "ve", "try(function() local v = dovecot.var_expand('x') return v end)"))
                .contains("b64=err:" + dir + "/auth.lua:5: attempt to index a nil value (field 'base64')",
                        "ve=err:" + dir + "/auth.lua:6: attempt to call a nil value (field 'var_expand')");
    }

    /** var_expand(dest, str, NULL, &error): no table, no auth providers, no event. */
    @Test
    void varExpandHasOnlyTheGlobalProviders() throws Exception {
        assertThat(fields("2.4.5",
                "name", "try(dovecot.var_expand, '%{dovecot:name} %{dovecot:version}')",
                "filter", "try(dovecot.var_expand, \"a%{literal('b') | upper}c\")",
                "number", "try(dovecot.var_expand, 42)",
                "user", "try(dovecot.var_expand, '%{user}')",
                "passdb", "try(dovecot.var_expand, '%{passdb:password}')",
                "event", "try(dovecot.var_expand, '%{event:user}')",
                "syntax", "try(dovecot.var_expand, '%{')",
                "values", "try(dovecot.var_expand, '%{user}', {user = 'alice'})",
                "nilarg", "try(function() local v = dovecot.var_expand(nil) return v end)"))
                .contains("name=ok:Dovecot 2.4.5", "filter=ok:aBc", "number=ok:42",
                        "user=err:failed to expand '%{user}': Unknown variable 'user'",
                        "passdb=err:failed to expand '%{passdb:password}': Unsupported prefix 'passdb'",
                        "event=err:failed to expand '%{event:user}': event: No event available",
                        "syntax=err:failed to expand '%{': syntax error, unexpected end of file, expecting CCBRACE or PIPE or NAME",
                        "values=err:expected 1 arguments, got 2",
                        "nilarg=err:" + dir + "/auth.lua:13: bad argument #1 to 'var_expand' (string expected, got nil)");
    }

    /** 2.4.0's additions (cases 470-472): absent on 2.3.19, the functions and constant tables on 2.4.1. */
    @Test
    void clockStringFunctionsAndConstantTablesAre24() throws Exception {
        String names = "(function() local t = {} for _, n in ipairs({'gettimeofday', 'nanoseconds', 'microseconds',"
                + " 'net_ip_family', 'tabescape', 'tabunescape', 'split_tabescaped', 'dict', 'doveadm_client'}) do"
                + " t[#t + 1] = type(dovecot[n]) end return table.concat(t, ',') end)()";
        assertThat(fields("2.3.19", "names", names)).contains("names=nil,nil,nil,nil,nil,nil,nil,nil,nil");
        assertThat(fields("2.4.1", "names", names,
                "split", "table.concat(dovecot.split_tabescaped('a\\1tb\\tc\\t'), '|')",
                "fam", "dovecot.net_ip_family('[fe80::1]') .. dovecot.net_ip_family('0x7f.1') .. dovecot.net_ip_family('')",
                "nul", "'[' .. dovecot.tabescape('a\\0\\t') .. ']'",
                "usec", "math.type(dovecot.gettimeofday().tv_usec)",
                "flags", "dovecot.dict.ITERATE_FLAG_RECURSE .. ' ' .. math.type(dovecot.doveadm_client.DOVEADM_PROXY_TTL)",
                "none", "try(dovecot.tabunescape)",
                "bad", "try(function() local v = dovecot.net_ip_family({}) return v end)"))
                .contains("names=function,function,function,function,function,function,function,table,table",
                        "split=a\tb|c|", "fam=640", "nul=[a]", "usec=integer", "flags=1.0 float",
                        "none=err:expected 1 arguments, got 0",
                        "bad=err:" + dir + "/auth.lua:12: bad argument #1 to 'net_ip_family' (string expected, got table)");
    }
}
