package org.dovelua.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.dovelua.cli.Main;
import org.dovelua.conformance.differential.Command;
import org.dovelua.conformance.differential.DovecotRoot;
import org.dovelua.conformance.differential.RealAnswers;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * {@code doveadm pw -t HASH -p PASS} (real Dovecot) against {@code dovelua pw -t HASH -p PASS}
 * (in-process): same exit code, stdout and stderr. The corpus is the spec's vectors and failure
 * cases plus hashes real {@code doveadm pw} generates for every scheme from seeded passwords.
 * Skipped when doveadm is not on PATH. Runs real doveadm through the differential harness's
 * {@link DovecotRoot} (this host, or the trixie chroot), once per installed Dovecot ({@link RealAnswers}).
 */
class PasswordSchemesDifferentialTest {
    private static final long SEED = 20261123L;
    /** Key derivations with high costs (argon2, many rounds) take a while on a loaded machine. */
    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    /**
     * A Debian trixie (Dovecot 2.4.1) root made with debootstrap as DESIGN.md describes; the
     * {@code dovelua.trixie} property names another place. The 2.4 tests skip without it.
     */
    static final Path TRIXIE = Path.of(System.getProperty("dovelua.trixie", DovecotRoot.TRIXIE));
    static final DovecotRoot HOST = DovecotRoot.host();
    static final DovecotRoot V241 = DovecotRoot.chroot(TRIXIE, "2.4.1");
    /** Real doveadm's answers, run once per installed Dovecot and kept (docs/differential-testing.md). */
    static final RealAnswers REAL = RealAnswers.of(System.getProperty("differential.cache"));

    @BeforeAll
    static void needsDoveadm() {
        Assumptions.assumeTrue(HOST.hasDoveadm(), "doveadm is not on PATH");
    }

    static Command.Result doveadm(String... args) throws Exception {
        return pw(HOST, args);
    }

    static Command.Result doveadm24(String... args) throws Exception {
        return pw(V241, args);
    }

    private static Command.Result pw(DovecotRoot root, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("doveadm", "pw"));
        cmd.addAll(List.of(args));
        return REAL.run(root, cmd, TIMEOUT);
    }

    static Command.Result dovelua(String... args) {
        return dovelua(List.of("pw"), args);
    }

    static Command.Result dovelua(List<String> prefix, String... args) {
        List<String> cmd = new ArrayList<>(prefix);
        cmd.addAll(List.of(args));
        Main.Result r = Main.capture(cmd.toArray(String[]::new));
        return new Command.Result(r.exitCode(), r.stdout(), r.stderr());
    }

    private static DynamicTest same(String name, String... args) {
        return DynamicTest.dynamicTest(name, () -> {
            Command.Result real = doveadm(args);
            Command.Result ours = dovelua(args);
            assertThat(ours).as("dovelua pw " + String.join(" ", args)).isEqualTo(real);
        });
    }

    /** The same corpus against Debian's 2.4.1 (weak schemes are allowed in doveadm pw there too). */
    @TestFactory
    Stream<DynamicTest> corpus241() {
        Assumptions.assumeTrue(V241.hasDoveadm(), "no Dovecot 2.4.1 root at " + TRIXIE);
        List<DynamicTest> tests = new ArrayList<>();
        List<String> hashes = new ArrayList<>(List.of(CORPUS));
        hashes.add("{ARGON2}$argon2id$v=19$m=65536,t=3,p=1$vBb99oJ12p3WAdYlaMHz1A$jtFOtbo/sYV9OSlTxDo/nVNq3uArHd5GJSEx0ty85Cc");
        for (String hash : hashes) {
            for (String pw : new String[] {"test", "wrong"}) {
                String[] args = {"-t", hash, "-p", pw};
                tests.add(DynamicTest.dynamicTest("2.4.1 " + hash + " / " + pw, () -> assertThat(
                        dovelua(List.of("--dovecot-version", "2.4.1", "pw"), args)).as("dovelua pw " + String.join(" ", args))
                        .isEqualTo(doveadm24(args))));
            }
        }
        String[] list = {"-l"};
        tests.add(DynamicTest.dynamicTest("2.4.1 list", () -> assertThat(
                dovelua(List.of("--dovecot-version", "2.4.1", "pw"), list)).isEqualTo(doveadm24(list))));
        return tests.stream();
    }

    /** Hand-picked stored values: C.10, the failure texts, suffixes, guessing, crypt formats. */
    static final String[] CORPUS = {
        "{PLAIN}test", "{CRYPT}//EsnG9FLTKjo", "{PLAIN-MD4}db346d691d7acc4dc2625db19f9e3f52",
        "{MD5}$1$wmyrgRuV$kImF6.9MAFQNHe23kq5vI/", "{SHA1}qUqP5cyxm6YcTAhz05Hph5gvu9M=",
        "{SMD5}JTu1KRwptKZJg/RLd+6Vn5GUd0M=", "{LDAP-MD5}CY9rzUYh03PK3k6DJie09g==",
        "{SHA256}n4bQgYhMfWWaL+qgxVrQFaO/TxsrC4Is0V1sFbDwCgg=",
        "{SHA512}7iaw3Ur350mqGo7jwQrpkj9hiYB3Lkc/iBml1JQODbJ6wYX4oOHV+E+IvIh/1nsUNzLDBMxfqa2Ob1f1ACio/w==",
        "{SSHA}H/zrDv8FXUu1JmwvVYijfrYEF34jVZcO", "{MD5-CRYPT}$1$GgvxyNz8$OjZhLh4P.gF1lxYEbLZ3e/",
        "{OTP}sha1 1024 ae6b49aa481f7233 f69fc7f98b8fbf54",
        "{PBKDF2}$1$bUnT4Pl7yFtYX0KU$5000$50a83cafdc517b9f46519415e53c6a858908680a",
        "{CRAM-MD5}e02d374fde0dc75a17a557039a3a5338c7743304777dccd376f332bee68d2cf6",
        "{HMAC-MD5}e02d374fde0dc75a17a557039a3a5338c7743304777dccd376f332bee68d2cf6",
        "{SCRAM-SHA-1}4096,GetyLXdBuHzf1FWf8SLz2Q==,NA/OqmF4hhrsrB9KR7po+dliTGM=,QBiURvQaE6H6qYTmeghDHLANBFQ=",
        "{SCRAM-SHA-256}4096,LfNGSFqiFykEZ1xDAYlnKQ==,HACNf9CII7cMz3XjRy/Oh3Ae2LHApoDyNw74d3YtFws=,"
                + "AQH0j7Hf8J12g8eNBadvzlNB2am3PxgNwFCFd3RxEaw=",
        "{BLF-CRYPT}$2y$05$11ipvo5dR6CwkzwmhwM26OXgzXwhV2PyPuLV.Qi31ILcRcThQpEiW",
        "{ARGON2I}$argon2i$v=19$m=32768,t=4,p=1$f2iuP4aUeNMrgu34fhOkkg$1XSZZMWlIs0zmE+snlUIcLADO3GXbA2O/hsQmmc317k",
        "{ARGON2ID}$argon2id$v=19$m=65536,t=3,p=1$vBb99oJ12p3WAdYlaMHz1A$jtFOtbo/sYV9OSlTxDo/nVNq3uArHd5GJSEx0ty85Cc",
        "{DES-CRYPT}JBOZ0DgmtucwE", "{PLAIN-TRUNC}4-test", "{PLAIN-TRUNC}abc", "{PLAIN.b64}dGVz dA==",
        "{PLAIN.b64}dGVzdA", "{sha1}a94a8fe5ccb19ba61c4c0873d391e987982fbbd3",
        "{SHA1.HEX}a94a8fe5ccb19ba61c4c0873d391e987982fbbd", "{SHA1.xyz}a", "{SHA1}dGVzdA==", "{SSHA}aa==",
        "{PBKDF2}$2$a$1$b", "{PBKDF2}$1$a$1", "{PBKDF2}$1$a$1$bb", "{SCRAM-SHA-1}1,2,3", "{SCRAM-SHA-1}1,a,b,c",
        "{SCRAM-SHA-1}4096,a,b,c", "{OTP}foo", "{OTP}md5 10 Seed 0000000000000000", "{BLF-CRYPT}$2y$05$abc",
        "{BLF-CRYPT}", "{ARGON2I}xyz", "{MD5}zzz", "{MD5}098f6bcd4621d373cade4e832627b4f6", "{CRYPT}",
        "{CRYPT}xx", "{CRYPT}*", "{CRYPT}$7$xxx", "{FOO}x", "{}x", "abc", "$1$wmyrgRuV$kImF6.9MAFQNHe23kq5vI/$junk",
        "{CRYPT}$5$XtUywQCSjW0zAJgE$YjuPKQnsLuH4iE9kranZyy1lbil5IrRUfs7X6EyJyG1",
        // yescrypt, scrypt and gost-yescrypt: mkpasswd -m yescrypt [-R 1] PASS, crypt('test',
        // '$7$C6..../....SodiumChloride') and mkpasswd -m gost-yescrypt test
        "{CRYPT}$y$j9T$R8Swba26cOxkjKOj3j5dx/$SpIC.DiT2rJ2b3HUJ3ER4YJsMr/PwoX36mJUS.zTJn.",
        "{CRYPT}$y$j75$.2olovHxNc7CnzWnsnSGJ/$/eGcwpzD.copr/nYgqRudMuFckTJ1mbo8Cxzfmh9Ay6",
        "{CRYPT}$7$C6..../....SodiumChloride$UaIUP7VYGQe3f/6J7uTnpogOw4n0XcMkub/oZqD.B06",
        "{CRYPT}$y$j9T$ab", "{CRYPT}$y$jD5$", "{CRYPT}$gy$j9T$ASKlj1VAiM5eclqtZSCHM0$wLJEd89qqUW13USQW5H54S3/ZG1aI60cF5QcJwtlnh.", "{SHA512-CRYPT}$y$j9T$R8Swba26cOxkjKOj3j5dx/$SpIC.DiT2rJ2b3HUJ3ER4YJsMr/PwoX36mJUS.zTJn.",
    };

    @TestFactory
    Stream<DynamicTest> corpus() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String hash : CORPUS) {
            for (String pw : new String[] {"test", "password", "wrong"}) {
                tests.add(same(hash + " / " + pw, "-t", hash, "-p", pw));
            }
        }
        tests.add(same("DIGEST-MD5 with -u", "-t", "{DIGEST-MD5}77c1a8c437c9b08ba2f460fe5d58db5d", "-p", "test",
                "-u", "testuser1"));
        tests.add(same("DIGEST-MD5 without -u", "-t", "{DIGEST-MD5}77c1a8c437c9b08ba2f460fe5d58db5d", "-p", "test"));
        tests.add(same("list", "-l"));
        return tests.stream();
    }

    /** Every scheme real doveadm lists: it generates from a seeded password, both sides test it. */
    @TestFactory
    Stream<DynamicTest> generatedByDoveadm() throws Exception {
        List<DynamicTest> tests = new ArrayList<>();
        Command.Result list = doveadm("-l");
        Random rnd = new Random(SEED);
        String alphabet = "abcXYZ019 !$%{}äöü€";
        for (String scheme : list.stdout().trim().split(" ")) {
            for (int i = 0; i < 2; i++) {
                StringBuilder pw = new StringBuilder();
                int len = 1 + rnd.nextInt(20);
                for (int k = 0; k < len; k++) {
                    pw.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
                }
                String password = pw.toString();
                Command.Result gen = doveadm("-s", scheme, "-p", password, "-u", "user" + i + "@example.org");
                String hash = gen.stdout().trim();
                String why = scheme + " seed=" + SEED + " #" + i + " [" + password + "] " + hash;
                tests.add(same(why + " right", "-t", hash, "-p", password, "-u", "user" + i + "@example.org"));
                tests.add(same(why + " wrong", "-t", hash, "-p", password + "x", "-u", "user" + i + "@example.org"));
            }
        }
        return tests.stream();
    }
}
