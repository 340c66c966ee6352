package org.dovelua.auth;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The auth process's lookups of proxy host names (auth-request.c {@code auth_request_proxy_host_lookup},
 * through the dns-client service, which asks getaddrinfo). dovelua is offline by default: a name is
 * looked up in the host's {@code /etc/hosts} (as getaddrinfo's {@code files} source would first), and
 * only with {@code --allow-network} through the system resolver. A name neither gives is not looked
 * up at all: the request goes on as if the host were another server, without {@code hostip}, and a
 * hint says so once per name.
 */
public final class ProxyHosts {
    /** The host's hosts file. */
    public static final Path HOSTS = Path.of("/etc/hosts");

    /** One lookup's answer: its addresses (getaddrinfo's order), or the resolver's error text. */
    public record Lookup(List<String> ips, String error, long msecs) {
    }

    private final BooleanSupplier networkAllowed;
    private final Consumer<String> hints;
    private final Path hostsFile;
    private final Set<String> hinted = ConcurrentHashMap.newKeySet();

    public ProxyHosts(BooleanSupplier networkAllowed, Consumer<String> hints, Path hostsFile) {
        this.networkAllowed = networkAllowed;
        this.hints = hints;
        this.hostsFile = hostsFile;
    }

    /** Looks nothing up anywhere (tests, setups without a network policy). */
    public static ProxyHosts offline(Consumer<String> hints) {
        return new ProxyHosts(() -> false, hints, null);
    }

    /** The lookup of {@code name}, or null when dovelua does not look it up (offline, not in the hosts file). */
    public Lookup lookup(String name) {
        return lookup(name, "proxy host " + name + " was not looked up (dovelua is offline and " + hostsFile
                + " does not list it): real Dovecot adds hostip=<its first address> and compares the addresses"
                + " with this server's; give the passdb a hostip field, or use --allow-network");
    }

    private Lookup lookup(String name, String unresolvedHint) {
        long start = System.nanoTime();
        List<String> listed = fromHostsFile(name);
        if (!listed.isEmpty()) {
            return new Lookup(listed, null, (System.nanoTime() - start) / 1_000_000);
        }
        if (networkAllowed.getAsBoolean()) {
            try {
                List<String> ips = new ArrayList<>();
                for (InetAddress a : InetAddress.getAllByName(name)) {
                    ips.add(a.getHostAddress());
                }
                return new Lookup(ips, null, (System.nanoTime() - start) / 1_000_000);
            } catch (UnknownHostException e) {
                // the JDK's text is "NAME: <gai_strerror>", the dns-client's error is gai_strerror's
                String m = String.valueOf(e.getMessage());
                String prefix = name + ": ";
                return new Lookup(List.of(), m.startsWith(prefix) ? m.substring(prefix.length()) : m,
                        (System.nanoTime() - start) / 1_000_000);
            }
        }
        if (hinted.add(name)) {
            hints.accept(unresolvedHint);
        }
        return null;
    }

    /** The addresses the hosts file gives {@code name}, in file order (names compare case-insensitively). */
    List<String> fromHostsFile(String name) {
        if (hostsFile == null) {
            return List.of();
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(hostsFile, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
        String wanted = name.toLowerCase(Locale.ROOT);
        List<String> ips = new ArrayList<>();
        for (String line : lines) {
            int hash = line.indexOf('#');
            String[] f = (hash >= 0 ? line.substring(0, hash) : line).trim().split("\\s+");
            for (int i = 1; i < f.length; i++) {
                if (f[i].toLowerCase(Locale.ROOT).equals(wanted)) {
                    byte[] ip = AuthProxy.ipLiteral(f[0]);
                    if (ip != null) {
                        String text = AuthProxy.ipText(ip);
                        if (!ips.contains(text)) {
                            ips.add(text);
                        }
                    }
                    break;
                }
            }
        }
        return ips;
    }

    /** The last {@link #selfIps} answer: auth-settings.c resolves the setting once, when the settings are read. */
    private volatile Map.Entry<String, List<byte[]>> self;

    /** {@code auth_proxy_self}'s addresses ({@code auth_proxy_self_ips}: net_gethostbyname of each word). */
    List<byte[]> selfIps(String proxySelf) {
        Map.Entry<String, List<byte[]>> known = self;
        if (known != null && known.getKey().equals(proxySelf)) {
            return known.getValue();
        }
        List<byte[]> out = resolveSelf(proxySelf);
        self = Map.entry(proxySelf, out);
        return out;
    }

    private List<byte[]> resolveSelf(String proxySelf) {
        List<byte[]> out = new ArrayList<>();
        for (String word : proxySelf.trim().split("\\s+")) {
            if (word.isEmpty()) {
                continue;
            }
            byte[] ip = AuthProxy.ipLiteral(word);
            if (ip != null) {
                out.add(ip);
                continue;
            }
            Lookup l = lookup(word, "auth_proxy_self: " + word + " was not looked up (dovelua is offline and "
                    + hostsFile + " does not list it), so no address of it counts as this server; write its"
                    + " address, or use --allow-network");
            if (l != null) {
                for (String a : l.ips()) {
                    out.add(AuthProxy.ipLiteral(a));
                }
            }
        }
        return out;
    }
}
