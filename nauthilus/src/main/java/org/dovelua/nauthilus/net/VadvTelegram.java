package org.dovelua.nauthilus.net;

import static org.dovelua.nauthilus.LuaFunctions.fn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.dovelua.lua.http.HttpRouter;
import org.dovelua.nauthilus.GopherArgs;
import org.dovelua.nauthilus.lib.GoJson;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaUserdata;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.TwoArgFunction;
import org.luaj.vm2.lib.VarArgFunction;

/**
 * vadv/gopher-lua-libs {@code telegram} (telegram/loader.go, api.go, bot.go, config.go): {@code bot(token[,
 * http_client])} (no request at creation, as api.go NewBot) and the bot's methods, each a form POST to
 * {@code https://api.telegram.org/bot<TOKEN>/<method>} over {@link GoHttpTransport} (a {@code --stub} answers;
 * others fail as an unresolvable host with the router's hint). Answers are read as bot.go makeRequest does and
 * handed back through the Go structs (types.go) as {@link TelegramStructs}. Uploading a new file (sendPhoto
 * with a path) is not emulated and raises an error naming the method.
 */
public final class VadvTelegram extends TwoArgFunction implements AutoCloseable {
    /** config.go APIEndpoint. */
    static final String API_ENDPOINT = "https://api.telegram.org/bot%s/%s";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final GoHttpTransport transport;

    public VadvTelegram(HttpRouter router) {
        this.transport = new GoHttpTransport(router);
    }

    @Override
    public void close() {
        transport.close();
    }

    /** bot.go luaBot. */
    static final class Bot {
        final String token;
        final VadvHttp.Client client; // null: lua_http.NewPureClient()
        long offset;

        Bot(String token, VadvHttp.Client client) {
            this.token = token;
            this.client = client;
        }
    }

    @Override
    public LuaValue call(LuaValue modname, LuaValue env) {
        LuaTable mt = new LuaTable(); // telegram_bot_ud (loader.go sets it as a global too)
        LuaTable methods = new LuaTable();
        methods.set("getUpdates", fn(this::getUpdates));
        methods.set("getOffset", fn(a -> valueOf((double) bot(a).offset)));
        methods.set("sendMessage", fn(a -> sendGeneric(a, "MessageConfig")));
        methods.set("deleteMessage", fn(a -> sendGeneric(a, "DeleteMessageConfig")));
        methods.set("forwardMessage", fn(a -> sendGeneric(a, "ForwardConfig")));
        methods.set("sendPhoto", fn(a -> sendGeneric(a, "PhotoConfig")));
        methods.set("editMessageText", fn(a -> sendGeneric(a, "EditMessageTextConfig")));
        methods.set("editMessageCaption", fn(a -> sendGeneric(a, "EditMessageCaptionConfig")));
        methods.set("editMessageReplyMarkup", fn(a -> sendGeneric(a, "EditMessageReplyMarkupConfig")));
        mt.set("__index", methods);
        if (env.istable()) {
            env.set("telegram_bot_ud", mt);
        }
        LuaTable mod = new LuaTable();
        mod.set("bot", fn(a -> newBot(a, mt)));
        return mod;
    }

    /** api.go NewBot: the token, and an http_client_ud if given; nothing is sent. */
    private static Varargs newBot(Varargs a, LuaTable mt) {
        GopherArgs args = new GopherArgs("bot", a);
        String token = args.checkString(1);
        VadvHttp.Client client = null;
        if (a.narg() > 1) {
            Object o = args.checkUserData(2);
            if (!(o instanceof VadvHttp.Client c)) {
                throw args.argError(2, "must be http_client_ud");
            }
            client = c;
        }
        return new LuaUserdata(new Bot(token, client), mt);
    }

    private static Bot bot(Varargs a) {
        GopherArgs args = new GopherArgs("?", a);
        if (args.checkUserData(1) instanceof Bot b) {
            return b;
        }
        throw args.argError(1, "telegram_bot_ud excepted");
    }

    /** A failed step: Go's error text, returned as (nil, err). */
    private static final class GoError extends Exception {
        GoError(String message) {
            super(message, null, false, false);
        }
    }

    /** api.go GetUpdates. */
    private Varargs getUpdates(Varargs a) {
        Bot bot = bot(a);
        try {
            if (a.narg() > 1) {
                LuaTable config = new GopherArgs("getUpdates", a).checkTable(2);
                encode(config);
                // api.go declares `var c *UpdateConfig` and unmarshals into the nil pointer
                throw new GoError("json: Unmarshal(nil *telegram.UpdateConfig)");
            }
            // bot.go getUpdates: offset only once one was seen
            Map<String, List<String>> v = new TreeMap<>();
            if (bot.offset != 0) {
                add(v, "offset", Long.toString(bot.offset));
            }
            JsonNode result = makeRequest(bot, "getUpdates", v).get("result");
            JsonNode updates = TelegramStructs.unmarshal(result, "[]Update", new TelegramStructs.Decoded());
            for (JsonNode u : updates) {
                long id = u.get("update_id").longValue();
                if (id >= bot.offset) {
                    bot.offset = id + 1;
                }
            }
            return GoJson.valueDecode(marshal(updates));
        } catch (GoError e) {
            return varargsOf(NIL, valueOf(e.getMessage()));
        }
    }

    /** api.go sendGeneric: Lua table -> JSON -> the config struct -> bot.send -> the Message as Lua. */
    private Varargs sendGeneric(Varargs a, String configType) {
        Bot bot = bot(a);
        LuaTable message = new GopherArgs("?", a).checkTable(2);
        try {
            byte[] data = encode(message);
            TelegramStructs.Decoded d = new TelegramStructs.Decoded();
            JsonNode c = TelegramStructs.unmarshal(parse(data), configType, d);
            if (d.error != null) {
                throw new GoError(d.error);
            }
            TelegramConfigs.Request req = TelegramConfigs.request(configType, c);
            if (req.error() != null) {
                throw new GoError(req.error());
            }
            if (req.upload()) {
                throw new LuaError("dovelua: telegram " + req.method()
                        + " uploading a file (vadv/gopher-lua-libs bot.go uploadFile) is not emulated by dovelua");
            }
            JsonNode response = makeRequest(bot, req.method(), req.values());
            // bot.go makeMessageRequest: json.Unmarshal(resp.Result, &message), its error ignored
            JsonNode m = TelegramStructs.unmarshal(response.get("result"), "Message", new TelegramStructs.Decoded());
            return GoJson.valueDecode(marshal(m));
        } catch (GoError e) {
            return varargsOf(NIL, valueOf(e.getMessage()));
        }
    }

    private static byte[] encode(LuaValue v) throws GoError {
        try {
            return GoJson.valueEncode(v).getBytes(StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new GoError(e.getMessage());
        }
    }

    private static JsonNode parse(byte[] data) throws GoError {
        try {
            return JSON.readTree(data);
        } catch (java.io.IOException e) {
            throw new GoError(e.getMessage());
        }
    }

    /**
     * bot.go makeRequest: PostForm of the values (url.Values.Encode: keys sorted), then
     * json.NewDecoder(body).Decode(&APIResponse); not ok is the description (types.go Error.Error()).
     */
    private JsonNode makeRequest(Bot bot, String endpoint, Map<String, List<String>> params) throws GoError {
        String url = String.format(API_ENDPOINT, bot.token, endpoint);
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        // http/client/client.go PostFormRequest is the embedded http.Client's PostForm: the client's timeout
        // applies, but not its user agent, headers or basic auth (updateRequest runs only for DoRequest)
        java.time.Duration timeout = bot.client == null ? null : bot.client.timeout;
        headers.add(Map.entry("Content-Type", "application/x-www-form-urlencoded")); // client.go PostForm
        GoHttpTransport.GoResponse res;
        try {
            res = transport.send("POST", url, headers, formEncode(params).getBytes(StandardCharsets.UTF_8), timeout);
        } catch (GoHttpTransport.GoHttpError e) {
            throw new GoError(e.getMessage());
        }
        JsonNode body = decodeFirst(res.body());
        TelegramStructs.Decoded d = new TelegramStructs.Decoded();
        JsonNode api = TelegramStructs.unmarshal(body, "APIResponse", d);
        if (d.error != null) {
            throw new GoError(d.error);
        }
        if (!api.get("ok").booleanValue()) {
            throw new GoError(api.get("description").textValue());
        }
        return api;
    }

    /** json.Decoder.Decode (stream.go): the first value only; an empty body is io.EOF. */
    private static JsonNode decodeFirst(byte[] body) throws GoError {
        String err = org.dovelua.nauthilus.GoJsonSyntax.decoderCheck(body);
        if (err != null) {
            throw new GoError(err);
        }
        try (var p = JSON.createParser(body)) {
            return JSON.readTree(p);
        } catch (java.io.IOException e) {
            throw new GoError(e.getMessage());
        }
    }

    static void add(Map<String, List<String>> v, String key, String value) {
        v.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
    }

    /** net/url Values.Encode: keys sorted, each value QueryEscape'd. */
    static String formEncode(Map<String, List<String>> v) {
        StringBuilder sb = new StringBuilder();
        new TreeMap<>(v).forEach((k, vs) -> vs.forEach(val -> {
            if (sb.length() > 0) {
                sb.append('&');
            }
            sb.append(escape(k)).append('=').append(escape(val));
        }));
        return sb.toString();
    }

    private static String escape(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("*", "%2A").replace("%7E", "~");
    }

    /** encoding/json Marshal of the value as rendered: compact, with Go's HTML-safe string escapes. */
    static byte[] marshal(JsonNode n) {
        StringBuilder sb = new StringBuilder();
        TelegramConfigs.goMarshal(n, sb);
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }
}
