package org.dovelua.nauthilus.net;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The form fields each config of vadv/gopher-lua-libs telegram sends (config.go {@code values()} of
 * MessageConfig, ForwardConfig, PhotoConfig, DeleteMessageConfig and the BaseEdit configs; BaseChat.values),
 * read from the config as {@link TelegramStructs} decoded it.
 */
final class TelegramConfigs {
    /** A request: the API method, its form values, and whether bot.go would upload a file instead. */
    record Request(String method, Map<String, List<String>> values, boolean upload, String error) {
        Request(String method, Map<String, List<String>> values, boolean upload) {
            this(method, values, upload, null);
        }
    }

    private TelegramConfigs() {
    }

    static Request request(String configType, JsonNode c) {
        Map<String, List<String>> v = new TreeMap<>();
        switch (configType) {
            case "MessageConfig" -> {
                baseChat(c, v);
                add(v, "text", c.get("text").textValue());
                add(v, "disable_web_page_preview", bool(c, "disable_web_page_preview"));
                if (!c.get("parse_mode").textValue().isEmpty()) {
                    add(v, "parse_mode", c.get("parse_mode").textValue());
                }
                return new Request("sendMessage", v, false);
            }
            case "ForwardConfig" -> {
                baseChat(c, v);
                add(v, "from_chat_id", num(c, "from_chat_id"));
                add(v, "message_id", num(c, "message_id"));
                return new Request("forwardMessage", v, false);
            }
            case "PhotoConfig" -> {
                // bot.go send: a Fileable; sendFile uses values() only with UseExisting, else uploadAndSend
                JsonNode photo = c.get("photo");
                if (!c.get("UseExisting").booleanValue()) {
                    if (photo == null || !photo.isTextual()) {
                        // bot.go uploadFile: neither a path nor a FileBytes/FileReader/url.URL
                        return new Request("sendPhoto", v, false, "bad file type");
                    }
                    return new Request("sendPhoto", v, true);
                }
                baseChat(c, v);
                JsonNode fileId = c.get("file_id");
                add(v, "photo", fileId == null ? "" : fileId.textValue());
                String caption = c.get("caption").textValue();
                if (!caption.isEmpty()) {
                    add(v, "caption", caption);
                    if (!c.get("parse_mode").textValue().isEmpty()) {
                        add(v, "parse_mode", c.get("parse_mode").textValue());
                    }
                }
                return new Request("sendPhoto", v, false);
            }
            case "DeleteMessageConfig" -> {
                add(v, "chat_id", num(c, "chat_id"));
                add(v, "message_id", num(c, "message_id"));
                return new Request("deleteMessage", v, false);
            }
            case "EditMessageTextConfig" -> {
                baseEdit(c, v);
                add(v, "text", c.get("text").textValue());
                add(v, "parse_mode", c.get("parse_mode").textValue());
                add(v, "disable_web_page_preview", bool(c, "disable_web_page_preview"));
                return new Request("editMessageText", v, false);
            }
            case "EditMessageCaptionConfig" -> {
                baseEdit(c, v);
                add(v, "caption", c.get("caption").textValue());
                if (!c.get("parse_mode").textValue().isEmpty()) {
                    add(v, "parse_mode", c.get("parse_mode").textValue());
                }
                return new Request("editMessageCaption", v, false);
            }
            case "EditMessageReplyMarkupConfig" -> {
                baseEdit(c, v);
                return new Request("editMessageReplyMarkup", v, false);
            }
            default -> throw new IllegalArgumentException(configType);
        }
    }

    /** config.go BaseChat.values. */
    private static void baseChat(JsonNode c, Map<String, List<String>> v) {
        String user = c.get("username").textValue();
        add(v, "chat_id", user.isEmpty() ? num(c, "chat_id") : user);
        if (c.get("reply_to_message_id") != null) { // omitempty: present only when not zero
            add(v, "reply_to_message_id", num(c, "reply_to_message_id"));
        }
        JsonNode markup = c.get("reply_markup");
        if (markup != null && !markup.isNull()) {
            StringBuilder sb = new StringBuilder();
            goMarshal(markup, sb);
            add(v, "reply_markup", sb.toString());
        }
        add(v, "disable_notification", bool(c, "disable_notification"));
    }

    /** config.go BaseEdit.values. */
    private static void baseEdit(JsonNode c, Map<String, List<String>> v) {
        String inline = c.get("inline_message_id").textValue();
        if (inline.isEmpty()) {
            String user = c.get("username").textValue();
            add(v, "chat_id", user.isEmpty() ? num(c, "chat_id") : user);
            add(v, "message_id", num(c, "message_id"));
        } else {
            add(v, "inline_message_id", inline);
        }
        JsonNode markup = c.get("reply_markup");
        if (!markup.isNull()) {
            StringBuilder sb = new StringBuilder();
            goMarshal(markup, sb);
            add(v, "reply_markup", sb.toString());
        }
    }

    private static String num(JsonNode c, String field) {
        return Long.toString(c.get(field).longValue());
    }

    private static String bool(JsonNode c, String field) {
        return Boolean.toString(c.get(field).booleanValue()); // strconv.FormatBool
    }

    private static void add(Map<String, List<String>> v, String key, String value) {
        VadvTelegram.add(v, key, value);
    }

    /** encoding/json Marshal of an already-ordered value: compact; strings with Go's HTML-safe escapes. */
    static void goMarshal(JsonNode n, StringBuilder out) {
        if (n.isObject()) {
            out.append('{');
            var it = n.fields();
            boolean first = true;
            while (it.hasNext()) {
                var e = it.next();
                if (!first) {
                    out.append(',');
                }
                first = false;
                string(e.getKey(), out);
                out.append(':');
                goMarshal(e.getValue(), out);
            }
            out.append('}');
        } else if (n.isArray()) {
            out.append('[');
            for (int i = 0; i < n.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                goMarshal(n.get(i), out);
            }
            out.append(']');
        } else if (n.isTextual()) {
            string(n.textValue(), out);
        } else if (n.isFloatingPointNumber() && n.doubleValue() == Math.rint(n.doubleValue())
                && Math.abs(n.doubleValue()) < 1e21) {
            out.append((long) n.doubleValue()); // Go writes an integral float64 without a fraction
        } else {
            out.append(n.toString());
        }
    }

    private static void string(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (ch < 0x20 || ch == '<' || ch == '>' || ch == '&' || ch == '\u2028' || ch == '\u2029') {
                        out.append(String.format("\\u%04x", (int) ch)); // encode.go appendString, HTML-safe
                    } else {
                        out.append(ch);
                    }
                }
            }
        }
        out.append('"');
    }
}
