package org.dovelua.varexpand.v24;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.dovelua.auth.config.AuthSettings;
import org.dovelua.auth.request.AuthRequest;
import org.dovelua.auth.request.AuthRequestVars;
import org.dovelua.varexpand.VarExpand;
import org.dovelua.version.DovecotVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The 2.4 var-expand language (spec §9.2; src/lib-var-expand/). Expected values are what real
 * Dovecot 2.4.1 answered in differential case 215 (user alice.smith@ex.org, service imap,
 * rip 10.0.0.1, rport 1234), plus rules read from the sources where noted.
 */
class VarExpand24Test {
    static AuthRequest request(String version) {
        AuthSettings s = new AuthSettings();
        s.version = DovecotVersion.parse(version);
        AuthRequest r = new AuthRequest(s);
        r.user = "alice.smith@ex.org";
        r.originalUsername = r.user;
        r.service = "imap";
        r.remoteIp = "10.0.0.1";
        r.remotePort = 1234;
        return r;
    }

    static String expand(String template) throws VarExpand.VarExpandException {
        return VarExpand.expand(template, AuthRequestVars.of(request("2.4.1")), Map.of("HOME", "/root"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '\t', quoteCharacter = '`', value = {
        "%{user | username | upper}\tALICE.SMITH",
        "%{user | sha256 | truncate(8)}\td264ff9bf96a1fb1",
        "%{user | md5 | hexlify(4)}\t4412",
        "%{user | hash('md4', rounds=2, salt='x')}\td84af33ddeb376b1134a03a5f96409a8",
        "%{user | base64 | unbase64}\t616c6963652e736d6974684065782e6f7267",
        "%{user | substr(1, -2)}\tlice.smith@ex.o",
        "%{user | index('.', -1)}\torg",
        "%{user | lfill(25, '*')}\t*******alice.smith@ex.org",
        "%{user | rfill(22)}\talice.smith@ex.org0000",
        "%{remote_port | hex(8)}|%{remote_port | hex(-8)}\t000004d2|4d200000",
        "%{remote_port * 2}|%{remote_port % 7}|%{user | md5 % 1000}\t2468|2|241",
        "%{nosuch | default('dflt')}|%{passdb:missing | default('d')}\tdflt|d",
        "%{literal('a\\x41\\101b')}\taAAb",
        "100%%|a%b|%%{user}|%{}|%{user|}\t100%%|a%b|%{user}||alice.smith@ex.org",
        "x%{user | lower}y%{protocol}z\txalice.smith@ex.orgimapz",
        "%{env:HOME}\t/root",
        "%{if(remote_port, '>', 1000, 'big', 'small')}|%{remote_port | if('<', 1000, 'big', 'small')}\tbig|small",
        "%{user | if('*', '*@ex.org', 'like', 'unlike')}|%{user | if('~', '^a.*org$', 'm', 'n')}\tlike|m",
        "%{user | if('ne', 'x', user, 'n')}\talice.smith@ex.org",
        "%{literal('a\\tb\\tc') | list}|%{literal('a\\tb\\1tc') | list(';') | hexlify}\ta,b,c|613b620963",
    })
    void expandsAsDovecot241(String template, String expected) throws Exception {
        assertThat(expand(template)).isEqualTo(expected);
    }

    @Test
    void dovecotProviderFollowsTheProfile() throws Exception {
        String t = "%{dovecot:name} %{dovecot:version} %{dovecot:revision} %{dovecot:support-email}";
        assertThat(VarExpand.expand(t, AuthRequestVars.of(request("2.4.1")), Map.of()))
                .isEqualTo("Dovecot 2.4.1-4 7d8c0e5759 dovecot@dovecot.org");
        assertThat(VarExpand.expand(t, AuthRequestVars.of(request("2.4.3")), Map.of()))
                .isEqualTo("Dovecot 2.4.3 c1b22ef978 dovecot@dovecot.org");
    }

    @Test
    void hostProvidersHaveDovecotsShapes() throws Exception {
        assertThat(expand("%{date:year}-%{date:month}-%{date:day}")).matches("20[0-9]{2}-[01][0-9]-[0-3][0-9]");
        assertThat(expand("%{time:hour}:%{time:min}:%{time:second}")).matches("[0-2][0-9]:[0-5][0-9]:[0-6][0-9]");
        assertThat(VarExpand.expand("%{system:cpu_count}", AuthRequestVars.of(request("2.4.1")), Map.of("NCPU", "7"))).isEqualTo("7");
        assertThat(expand("%{process:pid}")).isEqualTo(Long.toString(ProcessHandle.current().pid()));
        assertThat(expand("%{generate:uuid:microsoft}")).matches("[{][0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}[}]");
        assertThat(expand("%{generate:guid128}")).matches("[0-9a-f]{32}").isNotEqualTo(expand("%{generate:guid128}"));
        String g1 = expand("%{generate:guid}");
        String g2 = expand("%{generate:guid}");
        // a counter from the first call's time: the next one is one nanosecond later
        assertThat(Long.parseLong(g2.substring(0, 8), 16) - Long.parseLong(g1.substring(0, 8), 16)).isEqualTo(1);
    }

    @Test
    void aNumberOtherThan0Or1ForABooleanCrashesAsInDovecot() {
        // var_expand_parameter_bool_or_var() prints param->value.str of a number: SIGSEGV (case 219)
        assertThatThrownBy(() -> expand("%{user | base64(pad=2)}")).isInstanceOf(org.dovelua.lua.ProcessDeath.class)
                .extracting(e -> ((org.dovelua.lua.ProcessDeath) e).kind()).isEqualTo(org.dovelua.lua.ProcessDeath.Kind.SEGFAULT);
        assertThatThrownBy(() -> expand("%{user | base64(url='x')}")).isInstanceOf(VarExpand.VarExpandException.class)
                .hasMessage("base64: 'x' is not a number");
    }

    @Test
    void eventProviderReadsTheRequestsEventFields() throws Exception {
        AuthRequest r = request("2.4.1");
        r.sessionId = "sess1";
        assertThat(VarExpand.expand("%{event:user}|%{event:protocol}|%{event:remote_port}|%{event:session}|"
                + "%{event:transport}", AuthRequestVars.of(r), Map.of())).isEqualTo("alice.smith@ex.org|imap|1234|sess1|insecure");
        // unset and zero fields are not on the event (auth-request-fields.c adds them only when set)
        assertThatThrownBy(() -> VarExpand.expand("%{event:local_port}", AuthRequestVars.of(r), Map.of()))
                .hasMessage("event: No such field 'local_port' in event");
        assertThatThrownBy(() -> VarExpand.expand("%{event:mechanism}", AuthRequestVars.of(r), Map.of()))
                .hasMessage("event: No such field 'mechanism' in event");
    }

    @Test
    void sizeHashIsTheLengthBigEndian() throws Exception {
        // hash_method_size: salt and input lengths summed; a second round hashes the 8 bytes
        assertThat(expand("%{user | hash('size', salt='ab')}")).isEqualTo("0000000000000014");
        assertThat(expand("%{user | hash('size', rounds=2)}")).isEqualTo("0000000000000008");
    }

    @Test
    void truncateInBitsRightAligns() throws Exception {
        assertThat(expand("%{user | truncate(bits=12) | hexlify}")).isEqualTo("0616");
    }

    @Test
    void strayYRuleOnlyIn241And242() throws Exception {
        String t = "x%{protocol}y%{protocol}yy";
        assertThat(VarExpand.expand(t, AuthRequestVars.of(request("2.4.2")), Map.of())).isEqualTo("ximapimapyy");
        assertThat(VarExpand.expand(t, AuthRequestVars.of(request("2.4.0")), Map.of())).isEqualTo("ximapyimapyy");
        assertThat(VarExpand.expand(t, AuthRequestVars.of(request("2.4.3")), Map.of())).isEqualTo("ximapyimapyy");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '\t', quoteCharacter = '`', value = {
        "%{nosuchvar}\tUnknown variable 'nosuchvar'",
        "%{user | nosuchfilter}\tNo such function 'nosuchfilter'",
        "%{lower}\tlower: No value to lower",
        "%{nosuch:x}\tUnsupported prefix 'nosuch'",
        "%{env:}\tenv: Missing field",
        "%{user | upper(k=1)}\tupper: Unsupported key 'k'",
        "%{user | upper(1)}\tupper: Too many positional parameters",
        "%{user | substr(99)}\tsubstr: Offset out of bounds",
        "%{user | index('@')}\tindex: Missing index parameter",
        "%{user | hash('nope')}\thash: Unsupported algorithm 'nope'",
        "%{user + 1}\tcalculate: Input is not a number",
        "%{remote_port / 0}\tcalculate: Division by zero",
        "%{user | lenumber}\tlenumber: Cannot convert '18' bytes to number",
        "%{user\tsyntax error, unexpected end of file, expecting CCBRACE or PIPE",
        "%{'x' | default}\tsyntax error, unexpected VALUE, expecting CCBRACE or PIPE or NAME",
        "%{remote_port * 2 - 1}\tsyntax error, unexpected MINUS, expecting CCBRACE or PIPE",
        "%{user | upper(}\tsyntax error, unexpected CCBRACE, expecting MINUS or NAME or VALUE or NUMBER",
        "%{user | substr(1,)}\tsyntax error, unexpected CBRACE, expecting MINUS or NAME or VALUE or NUMBER",
        "%{user | literal('a\\qb')}\tInvalid character escape",
        "%{remote_port | if('==', '1234', 'y', 'n')}\tif: Right-hand side: '1234' is not a number",
        "%{user | if('==', 1, 'y', 'n')}\tif: Input is not a number",
        "%{user | if('=~', 'x', 'a', 'b')}\tif: Unsupported comparator '=~'",
        "%{user | if('==', 1, 'a')}\tif: Missing parameters",
        "%{user | if('eq', nosuch, 'a', 'b')}\tif: Right-hand side Unknown variable 'nosuch'",
        "%{user | if('eq', 'x', 'a', nosuch)}\tif: False branch: Unknown variable 'nosuch'",
        "%{user | list(',', 'x')}\tlist: Too many positional parameters",
        "%{dovecot:nope}\tdovecot: Unsupported field 'nope'",
        "%{process:}\tprocess: Unsupported field ''",
        "%{date:nope}\tdate: Unsupported key 'nope'",
        "%{time:nope}\ttime: Unsupported key 'nope'",
        "%{generate:uuid:nope}\tgenerate: Unsupported key ':nope'",
        "%{generate:uuidx}\tgenerate: Unsupported key 'x'",
    })
    void failsAsDovecot241(String template, String error) {
        assertThatThrownBy(() -> expand(template)).isInstanceOf(VarExpand.VarExpandException.class)
                .hasMessage(error);
    }

    @Test
    void parametersArePositionalByIndexThenNamedByKey() throws Exception {
        // link_argument() of var-expand-parser.y
        List<VarExpand24Program.Program> p = VarExpand24Program.parse("%{f(z=1, 'a', b=2, 3)}",
                DovecotVersion.parse("2.4.1"));
        List<VarExpand24Program.Param> params = p.get(0).statements().get(0).params();
        assertThat(params).extracting(x -> x.idx() + ":" + x.key()).containsExactly("0:null", "1:null", "-1:b",
                "-1:z");
    }
}
