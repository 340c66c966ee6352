package org.dovelua.auth.scheme;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Dovecot's own FreeBSD md5crypt (src/auth/password-scheme-md5crypt.c,
 * password_generate_md5_crypt): the salt is whatever follows {@code $1$}, up to 8 bytes or the
 * first {@code $}; unlike libc no alphabet is enforced.
 */
public final class Md5Crypt {
    private static final String ITOA64 = "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final byte[] MAGIC = "$1$".getBytes(StandardCharsets.US_ASCII);

    private Md5Crypt() {
    }

    public static byte[] crypt(byte[] pw, byte[] salt) {
        int sp = 0;
        if (startsWith(salt, MAGIC)) {
            sp = 3;
        }
        int ep = sp;
        while (ep < salt.length && salt[ep] != '$' && ep < sp + 8) {
            ep++;
        }
        byte[] s = java.util.Arrays.copyOfRange(salt, sp, ep);
        MessageDigest ctx = md5();
        ctx.update(pw);
        ctx.update(MAGIC);
        ctx.update(s);
        MessageDigest ctx1 = md5();
        ctx1.update(pw);
        ctx1.update(s);
        ctx1.update(pw);
        byte[] fin = ctx1.digest();
        for (int pl = pw.length; pl > 0; pl -= 16) {
            ctx.update(fin, 0, Math.min(pl, 16));
        }
        java.util.Arrays.fill(fin, (byte) 0);
        for (int i = pw.length; i != 0; i >>>= 1) {
            ctx.update((i & 1) != 0 ? fin[0] : pw[0]);
        }
        fin = ctx.digest();
        for (int i = 0; i < 1000; i++) {
            ctx1 = md5();
            ctx1.update((i & 1) != 0 ? pw : fin);
            if (i % 3 != 0) {
                ctx1.update(s);
            }
            if (i % 7 != 0) {
                ctx1.update(pw);
            }
            ctx1.update((i & 1) != 0 ? fin : pw);
            fin = ctx1.digest();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(MAGIC);
        out.writeBytes(s);
        out.write('$');
        to64(out, (b(fin, 0) << 16) | (b(fin, 6) << 8) | b(fin, 12), 4);
        to64(out, (b(fin, 1) << 16) | (b(fin, 7) << 8) | b(fin, 13), 4);
        to64(out, (b(fin, 2) << 16) | (b(fin, 8) << 8) | b(fin, 14), 4);
        to64(out, (b(fin, 3) << 16) | (b(fin, 9) << 8) | b(fin, 15), 4);
        to64(out, (b(fin, 4) << 16) | (b(fin, 10) << 8) | b(fin, 5), 4);
        to64(out, b(fin, 11), 2);
        return out.toByteArray();
    }

    private static int b(byte[] a, int i) {
        return a[i] & 0xff;
    }

    private static void to64(ByteArrayOutputStream out, int v, int n) {
        while (--n >= 0) {
            out.write(ITOA64.charAt(v & 0x3f));
            v >>>= 6;
        }
    }

    static boolean startsWith(byte[] a, byte[] prefix) {
        if (a.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (a[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
