package org.dovelua.dict;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The peer credentials lib's connection.c puts in a UNIX connection's log label
 * ({@code connection_update_property_label}: {@code pid=P,uid=U}, from SO_PEERCRED). Java does not
 * give a peer's pid, so it is found as Linux shows it: the listening socket's inode in
 * /proc/net/unix, the process holding it in /proc/PID/fd, its real uid in /proc/PID/status. The
 * built-in server is this process. Without /proc the label is {@code uid=U} of the socket's owner,
 * the form connection.c uses when the pid is unknown.
 */
final class UnixPeer {
    private UnixPeer() {
    }

    /** {@code pid=P,uid=U} of whoever listens on {@code socket} (a path on this machine). */
    static String label(Path socket, boolean builtIn) {
        try {
            if (builtIn) {
                long pid = ProcessHandle.current().pid();
                return "pid=" + pid + ",uid=" + uid(pid);
            }
            String inode = listeningInode(socket.toAbsolutePath().toString());
            if (inode != null) {
                Long pid = holder(inode);
                if (pid != null) {
                    return "pid=" + pid + ",uid=" + uid(pid);
                }
            }
            return "uid=" + Files.getAttribute(socket, "unix:uid");
        } catch (IOException | RuntimeException e) {
            return "uid=0";
        }
    }

    private static String listeningInode(String path) throws IOException {
        List<String> lines = Files.readAllLines(Path.of("/proc/net/unix"));
        for (String l : lines) {
            String[] f = l.trim().split("\\s+");
            // Num RefCount Protocol Flags Type St Inode Path; flags 00010000 = __SO_ACCEPTCON (listening)
            if (f.length >= 8 && f[7].equals(path) && f[3].equals("00010000")) {
                return f[6];
            }
        }
        return null;
    }

    private static Long holder(String inode) throws IOException {
        String want = "socket:[" + inode + "]";
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), p -> p.getFileName().toString().matches("\\d+"))) {
            for (Path proc : procs) {
                try (DirectoryStream<Path> fds = Files.newDirectoryStream(proc.resolve("fd"))) {
                    for (Path fd : fds) {
                        try {
                            if (Files.readSymbolicLink(fd).toString().equals(want)) {
                                return Long.parseLong(proc.getFileName().toString());
                            }
                        } catch (IOException e) {
                            // a descriptor closed meanwhile
                        }
                    }
                } catch (IOException e) {
                    // a process gone or not ours to read
                }
            }
        }
        return null;
    }

    /** The real uid of process {@code pid}, or {@code 0} when /proc does not say. */
    static String uidOf(long pid) {
        try {
            return uid(pid);
        } catch (IOException | RuntimeException e) {
            return "0";
        }
    }

    private static String uid(long pid) throws IOException {
        for (String l : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (l.startsWith("Uid:")) {
                return l.substring(4).trim().split("\\s+")[0];
            }
        }
        return "0";
    }
}
