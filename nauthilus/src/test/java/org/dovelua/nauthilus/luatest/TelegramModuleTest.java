package org.dovelua.nauthilus.luatest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.dovelua.lua.http.HttpRouter;
import org.dovelua.lua.sandbox.StubShell;
import org.dovelua.nauthilus.net.NetworkAccess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * vadv/gopher-lua-libs telegram (VadvTelegram) through dovelua's router: the form each method posts to
 * https://api.telegram.org/bot&lt;TOKEN&gt;/&lt;method&gt;, the answer read as bot.go makeRequest does and handed
 * back through types.go's structs. Loopback only.
 */
class TelegramModuleTest {
    @TempDir
    Path dir;

    final List<String> hints = new ArrayList<>();
    final HttpRouter router = new HttpRouter(hints::add);

    TestResult run(String body) throws Exception {
        Files.writeString(dir.resolve("script.lua"), "function nauthilus_call_action(r)\n local telegram = require('telegram')\n"
                + " local function log(k, ...) local t = {} for i = 1, select('#', ...) do t[#t + 1] = tostring(select(i, ...)) end"
                + " nauthilus_builtin.custom_log_add(k, table.concat(t, ' ')) end\n" + body + "\n return 0 end");
        return TestRunner.create("script.lua", CallbackKind.ACTION, "", TestModeModules.standard(), dir)
                .network(new NetworkAccess(router, new StubShell(List.of()))).run();
    }

    MockWebServer server(String... bodies) throws Exception {
        MockWebServer server = new MockWebServer();
        for (String b : bodies) {
            server.enqueue(new MockResponse().setBody(b).addHeader("content-type", "application/json"));
        }
        server.start(InetAddress.getLoopbackAddress(), 0);
        router.routeStub("https://api.telegram.org", server.url("/"));
        return server;
    }

    @Test
    void botCreationSendsNothingAndStartsAtOffsetZero() throws Exception {
        try (MockWebServer server = server()) {
            TestResult r = run(" local bot = telegram.bot('123:ABC')\n"
                    + " local c = require('http').client({})\n local bot2 = telegram.bot('9:Z', c)\n"
                    + " log('bot', type(bot), bot:getOffset(), bot2:getOffset(), pcall(telegram.bot, 'x', {}))\n"
                    + " log('ud', pcall(telegram.bot, 'x', bot))");
            assertThat(r.errors).isEmpty();
            assertThat(r.logs).containsExactly(
                    "[CUSTOM] bot: userdata 0 0 false bad argument #2 to bot (userdata expected, got table)",
                    "[CUSTOM] ud: false bad argument #2 to bot (must be http_client_ud)");
            assertThat(server.getRequestCount()).isZero(); // api.go NewBot sends no getMe
        }
    }

    @Test
    void sendMessagePostsConfigGosFormAndReturnsTheMessageThroughGosStruct() throws Exception {
        try (MockWebServer server = server("{\"ok\":true,\"result\":{\"message_id\":5,\"date\":1700000000,"
                + "\"chat\":{\"id\":42,\"type\":\"private\"},\"text\":\"hi there\",\"extra\":\"dropped\"}}")) {
            TestResult r = run(" local bot = telegram.bot('123:ABC')\n"
                    + " local m, err = bot:sendMessage({chat_id = 42, text = 'hi there', parse_mode = 'HTML',"
                    + " reply_markup = {remove_keyboard = true, selective = false}})\n"
                    + " log('m', err, m.message_id, m.date, m.chat.id, m.chat.type, '[' .. m.chat.title .. ']', m.text,"
                    + " m.extra, m.from, m.delete_chat_photo, m.passport_data)");
            assertThat(r.errors).isEmpty();
            // json.Marshal(Message): zero values of non-omitempty fields are there; unknown keys and nil pointers not
            assertThat(r.logs).containsExactly("[CUSTOM] m: nil 5 1700000000 42 private [] hi there nil nil false nil");
            RecordedRequest req = server.takeRequest(5, TimeUnit.SECONDS);
            assertThat(req.getMethod()).isEqualTo("POST");
            assertThat(req.getPath()).isEqualTo("/bot123:ABC/sendMessage");
            assertThat(req.getHeader("Content-Type")).isEqualTo("application/x-www-form-urlencoded");
            assertThat(req.getBody().readUtf8()).isEqualTo("chat_id=42&disable_notification=false"
                    + "&disable_web_page_preview=false&parse_mode=HTML"
                    + "&reply_markup=%7B%22remove_keyboard%22%3Atrue%2C%22selective%22%3Afalse%7D&text=hi+there");
            assertThat(hints).isEmpty();
        }
    }

    @Test
    void anAnswerThatIsNotOkIsItsDescription() throws Exception {
        try (MockWebServer server = server("{\"ok\":false,\"error_code\":400,\"description\":\"Bad Request: chat not found\"}",
                "", "{\"ok\":tru", "{\"ok\":false,\"description\":\"x\"} trailing <garbage>", "{\"ok\":1}")) {
            TestResult r = run(" local bot = telegram.bot('T')\n log('a', bot:sendMessage({chat_id = 1, text = 'x'}))\n"
                    + " log('b', bot:deleteMessage({chat_id = 1, message_id = 2}))\n"
                    + " log('c', bot:forwardMessage({chat_id = 1, from_chat_id = 2, message_id = 3}))\n"
                    + " log('d', bot:sendMessage({chat_id = 'abc'}))\n"
                    + " log('e', bot:deleteMessage({chat_id = 1, message_id = 2}))\n"
                    + " log('f', bot:deleteMessage({chat_id = 1, message_id = 2}))");
            assertThat(r.logs).containsExactly("[CUSTOM] a: nil Bad Request: chat not found",
                    "[CUSTOM] b: nil EOF", // json.Decoder on an empty body
                    "[CUSTOM] c: nil unexpected EOF", // json.Decoder on a cut-off value (io.ErrUnexpectedEOF)
                    // Go 1.24+ (nauthilus builds with go 1.26): the field path names the embedded BaseChat
                    "[CUSTOM] d: nil json: cannot unmarshal string into Go struct field MessageConfig.BaseChat.chat_id"
                            + " of type int64",
                    "[CUSTOM] e: nil x", // the Decoder reads the first value only
                    "[CUSTOM] f: nil json: cannot unmarshal number into Go struct field APIResponse.ok of type bool");
            assertThat(server.takeRequest().getBody().readUtf8()).isEqualTo("chat_id=1&disable_notification=false"
                    + "&disable_web_page_preview=false&text=x");
            assertThat(server.takeRequest().getBody().readUtf8()).isEqualTo("chat_id=1&message_id=2");
            assertThat(server.takeRequest().getBody().readUtf8()).isEqualTo("chat_id=1&disable_notification=false"
                    + "&from_chat_id=2&message_id=3");
            assertThat(server.getRequestCount()).isEqualTo(5); // the type error stops before sending
        }
    }

    @Test
    void getUpdatesReadsUpdatesAndAdvancesTheOffset() throws Exception {
        try (MockWebServer server = server("{\"ok\":true,\"result\":[{\"update_id\":10,\"message\":{\"message_id\":1,"
                + "\"text\":\"/start\"}},{\"update_id\":11}]}", "{\"ok\":true,\"result\":[]}")) {
            TestResult r = run(" local bot = telegram.bot('T')\n local u, err = bot:getUpdates()\n"
                    + " log('u', err, #u, u[1].update_id, u[1].message.text, u[2].update_id, u[2].message, bot:getOffset())\n"
                    + " local u2 = bot:getUpdates()\n log('u2', #u2, bot:getOffset())\n"
                    + " log('cfg', bot:getUpdates({limit = 1}))");
            assertThat(r.errors).isEmpty();
            assertThat(r.logs).containsExactly("[CUSTOM] u: nil 2 10 /start 11 nil 12", "[CUSTOM] u2: 0 12",
                    // api.go unmarshals a config into its nil *UpdateConfig
                    "[CUSTOM] cfg: nil json: Unmarshal(nil *telegram.UpdateConfig)");
            RecordedRequest first = server.takeRequest();
            assertThat(first.getPath()).isEqualTo("/botT/getUpdates");
            assertThat(first.getBody().readUtf8()).isEmpty();
            assertThat(server.takeRequest().getBody().readUtf8()).isEqualTo("offset=12");
            assertThat(server.getRequestCount()).isEqualTo(2);
        }
    }

    @Test
    void editsAndExistingPhotosPostTheirFormsAndANewFileUploadIsNotEmulated() throws Exception {
        try (MockWebServer server = server("{\"ok\":true,\"result\":true}", "{\"ok\":true,\"result\":{\"message_id\":8}}")) {
            TestResult r = run(" local bot = telegram.bot('T')\n"
                    + " local m = bot:editMessageText({chat_id = 1, message_id = 2, text = 'new',"
                    + " reply_markup = {inline_keyboard = {{{text = 'a', callback_data = 'b'}}}}})\n"
                    + " log('e', m.message_id, m.text)\n"
                    + " log('p', bot:sendPhoto({chat_id = 1, UseExisting = true, file_id = 'F1', caption = 'c'}).message_id)\n"
                    + " log('bad', bot:sendPhoto({chat_id = 1}))\n"
                    + " log('up', pcall(bot.sendPhoto, bot, {chat_id = 1, photo = '/tmp/x.jpg'}))");
            // bot.go makeMessageRequest ignores that `true` is no Message: a zero Message comes back
            assertThat(r.logs).startsWith("[CUSTOM] e: 0 ", "[CUSTOM] p: 8", "[CUSTOM] bad: nil bad file type");
            assertThat(r.logs.get(3)).contains("up: false").contains("sendPhoto").contains("not emulated");
            assertThat(server.takeRequest().getBody().readUtf8()).isEqualTo("chat_id=1&disable_web_page_preview=false"
                    + "&message_id=2&parse_mode=&reply_markup=%7B%22inline_keyboard%22%3A%5B%5B%7B%22text%22%3A%22a%22%2C"
                    + "%22callback_data%22%3A%22b%22%7D%5D%5D%7D&text=new");
            assertThat(server.takeRequest().getBody().readUtf8()).isEqualTo("caption=c&chat_id=1"
                    + "&disable_notification=false&photo=F1");
        }
    }

    @Test
    void aBotOnTheHttpModulesClientPostsWithoutThatClientsHeadersAsPostFormDoes() throws Exception {
        try (MockWebServer server = server("{\"ok\":true,\"result\":{\"message_id\":3}}")) {
            TestResult r = run(" local c = require('http').client({timeout = 5, user_agent = 'ua', headers = {['x-client'] = 'c'},"
                    + " basic_auth_user = 'u', basic_auth_password = 'p'})\n"
                    + " log('m', telegram.bot('T', c):sendMessage({chat_id = 1, text = 'x'}).message_id)");
            assertThat(r.logs).containsExactly("[CUSTOM] m: 3");
            RecordedRequest req = server.takeRequest();
            assertThat(req.getHeader("User-Agent")).isEqualTo("Go-http-client/1.1");
            assertThat(req.getHeader("X-Client")).isNull();
            assertThat(req.getHeader("Authorization")).isNull();
        }
    }

    @Test
    void anUnstubbedTelegramFailsAsGosClientWithTheStubHint() throws Exception {
        TestResult r = run(" log('err', telegram.bot('T'):sendMessage({chat_id = 1, text = 'x'}))");
        assertThat(r.logs).containsExactly("[CUSTOM] err: nil Post \"https://api.telegram.org/botT/sendMessage\":"
                + " dial tcp: lookup api.telegram.org: no such host");
        assertThat(hints).singleElement().asString().contains("--stub https://api.telegram.org=KIND:FILE");
    }
}
