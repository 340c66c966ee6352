package org.dovelua.dict;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where a {@code proxy:} dict's socket is: a built-in server for a {@code proxy::NAME} (or
 * {@code proxy:SOCKET:NAME}) fixture with the same dict name (and socket, when the fixture names
 * one), else the user's own server at the socket path through {@code --mount} when a socket is
 * there, else Dovecot's dict service when the path is one of its listeners ({@link DictService}),
 * else the mounted path or nowhere (the connect fails as Dovecot's does when the socket does not
 * exist).
 */
final class ProxyEndpoints {
    private ProxyEndpoints() {
    }

    static ProxyDict.Endpoint find(ProxyUri uri, DictContext ctx) throws DictInitException {
        for (DictFixtures.Fixture f : ctx.fixtures().of("proxy")) {
            int colon = f.args().indexOf(':');
            String socket = colon < 0 ? "" : f.args().substring(0, colon);
            String name = colon < 0 ? f.args() : f.args().substring(colon + 1);
            if (!name.equals(uri.dictName())) {
                continue;
            }
            if (!socket.isEmpty() && !ProxyUri.parse(f.args(), ctx.baseDir()).socketPath().equals(uri.socketPath())) {
                continue;
            }
            DictProxyData data;
            try {
                data = DictProxyData.read(f.data());
            } catch (IllegalArgumentException e) {
                throw new DictInitException("dovelua: proxy:" + f.args() + " data: " + e.getMessage());
            }
            try {
                DictProxyServer server = DictProxyServer.startPrivate(data);
                return new ProxyDict.Endpoint(server.socket(), server::hangs, server);
            } catch (IOException e) {
                throw new DictInitException("dovelua: could not start the dict server for proxy:" + f.args()
                        + ": " + e.getMessage());
            }
        }
        Optional<Path> mounted = ctx.resolve(uri.socketPath());
        if (mounted.isPresent() && Files.exists(mounted.get())) {
            return new ProxyDict.Endpoint(mounted.get(), null, null);
        }
        Optional<DictService> service = ctx.dictService();
        Optional<String> listener = service.flatMap(s -> s.listener(uri.socketPath()));
        if (listener.isPresent()) {
            try {
                DictProxyServer server = service.get().serve(listener.get());
                return new ProxyDict.Endpoint(server.socket(), server::hangs, server);
            } catch (IOException e) {
                throw new DictInitException("dovelua: could not start the dict service's listener " + listener.get()
                        + ": " + e.getMessage());
            }
        }
        return new ProxyDict.Endpoint(mounted.orElse(null), null, null);
    }
}
