package org.dovelua.auth.request;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** {@code auth_request_validate_networks()}: the {@code allow_nets}/{@code allow_real_nets} check (§7.1). */
final class AllowNets {
    private AllowNets() {
    }

    static void validate(AuthRequest r, String name, String networks, String remoteIp) {
        boolean found = false;
        for (String net : networks.split("[, ]+")) {
            if (net.isEmpty()) {
                continue;
            }
            r.dbEvent().debug(name + ": Matching for network " + net);
            if (net.equals("local")) {
                if (remoteIp == null) {
                    found = true;
                    break;
                }
                continue;
            }
            byte[][] range = parseRange(net);
            if (range == null) {
                r.dbEvent().info(name + ": Invalid network '" + net + "'");
            } else if (remoteIp != null && inNetwork(remoteIp, range)) {
                found = true;
                break;
            }
        }
        if (!found) {
            if (remoteIp == null) {
                r.dbEvent().info(name + " check failed: Remote IP not known and 'local' missing");
            } else {
                r.dbEvent().info(name + " check failed: IP " + remoteIp + " not in allowed networks");
            }
            r.failed = true;
        }
    }

    /** {@code net_parse_range()}: {@code ip[/bits]}; returns {address, {bits}} or null. */
    private static byte[][] parseRange(String net) {
        int slash = net.indexOf('/');
        String ip = slash < 0 ? net : net.substring(0, slash);
        byte[] addr = parseIp(ip);
        if (addr == null) {
            return null;
        }
        int bits = addr.length * 8;
        if (slash >= 0) {
            try {
                bits = Integer.parseInt(net.substring(slash + 1));
            } catch (NumberFormatException e) {
                return null;
            }
            if (bits < 0 || bits > addr.length * 8) {
                return null;
            }
        }
        return new byte[][] {addr, {(byte) bits}};
    }

    /** Literal IPv4/IPv6 only: never a DNS lookup. */
    static byte[] parseIp(String ip) {
        if (ip.isEmpty() || !(ip.matches("[0-9.]+") || ip.contains(":"))) {
            return null;
        }
        if (ip.matches("[0-9.]+") && !ip.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            return null;
        }
        try {
            return InetAddress.getByName(ip).getAddress();
        } catch (UnknownHostException | SecurityException e) {
            return null;
        }
    }

    private static boolean inNetwork(String ip, byte[][] range) {
        byte[] a = parseIp(ip);
        byte[] n = range[0];
        int bits = range[1][0] & 0xff;
        if (a == null) {
            return false;
        }
        if (a.length != n.length) {
            // IPv4-mapped IPv6 addresses match IPv4 networks in net_is_in_network()
            if (a.length == 16 && n.length == 4 && isV4Mapped(a)) {
                a = java.util.Arrays.copyOfRange(a, 12, 16);
            } else {
                return false;
            }
        }
        BigInteger mask = bits == 0 ? BigInteger.ZERO
                : BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE).shiftLeft(a.length * 8 - bits);
        return new BigInteger(1, a).and(mask).equals(new BigInteger(1, n).and(mask));
    }

    private static boolean isV4Mapped(byte[] a) {
        for (int i = 0; i < 10; i++) {
            if (a[i] != 0) {
                return false;
            }
        }
        return a[10] == (byte) 0xff && a[11] == (byte) 0xff;
    }
}
