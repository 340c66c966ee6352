package org.dovelua.lua.http;

import java.util.BitSet;

/**
 * The auth worker's file descriptor table as lib-http's sockets see it: the kernel gives each new
 * socket the lowest free number (POSIX open/socket/accept), so the fd a debug line shows follows
 * from which numbers are taken at that moment. What is free (checked on real 2.3.19 by listing
 * {@code /proc/PID/fd} of the worker from its Lua script, and from the fds cases 390 and 460-469 show):
 * <ul>
 * <li>{@link #low}: {@code MASTER_LISTEN_FD_FIRST} (lib-master/master-interface.h: 7 on 2.3, 8 on
 * 2.4), the worker's {@code auth-worker} listener. A worker serves one connection (auth/main.c:
 * {@code master_service_set_service_count(master_service, 1)}), so once it is accepted the listener
 * is closed (master-service.c {@code master_service_client_connection_handled} ->
 * {@code master_service_io_listeners_close}) and its number is free;</li>
 * <li>everything from there to the accepted auth connection (2.3.19: 13, 2.4.1: 12) stays open
 * (the main ioloop's epoll, the stats connection, lib-signals' pipe, ...), so the next free number
 * is {@link #high} (14 on 2.3.19, 13 on 2.4.1).</li>
 * </ul>
 * The low number is taken by whatever opens first: the ioloop {@code http_client_wait} makes gets
 * its epoll fd as soon as its first io is added (lib/ioloop.c {@code io_add_file} /
 * {@code io_loop_run} -> {@code io_loop_initialize_handler}), before a connection to an address is
 * made in it, so that connection gets {@link #high}; a host name's dns-client connection is made
 * in {@code http_client_request_submit}, before the wait, and gets the low number, as does a
 * connection the peer's backoff timer makes on the main ioloop after the wait.
 */
final class WorkerFds implements SocketFds {
    /** Seen: the auth connection the worker accepted is fd 13 on 2.3.19, 12 on 2.4.1. */
    private static final int HIGH_23 = 14;
    private static final int HIGH_24 = 13;

    private final int low;
    private final int high;
    /** Taken numbers, from {@link #low}; {@code low + 1 .. high - 1} are always taken. */
    private final BitSet taken = new BitSet();

    WorkerFds(boolean v24) {
        this.low = v24 ? 8 : 7;
        this.high = v24 ? HIGH_24 : HIGH_23;
        taken.set(low + 1, high);
    }

    @Override
    public int open() {
        int fd = taken.nextClearBit(low);
        taken.set(fd);
        return fd;
    }

    @Override
    public void close(int fd) {
        if (fd == low || fd >= high) {
            taken.clear(fd);
        }
    }
}
