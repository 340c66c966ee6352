package org.dovelua.lua.http;

/**
 * A process's file descriptor table as lib-http's sockets see it: the kernel gives a new socket
 * the lowest free number (POSIX socket/accept), so the fd a debug line shows follows from which
 * numbers are taken at that moment. The auth worker's is {@link WorkerFds}; the auth process's,
 * where db-oauth2's client connects, is its connections' table.
 */
public interface SocketFds {
    /** socket()/epoll_create(): the lowest free number, now taken. */
    int open();

    /** close(): the number is free again. */
    void close(int fd);
}
