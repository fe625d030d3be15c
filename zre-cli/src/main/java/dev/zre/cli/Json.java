package dev.zre.cli;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The little JSON this tool needs, without a JSON library in the jar: {@link #write} turns maps,
 * lists, strings, numbers, booleans and {@code null} into one line of JSON; {@link #parse} reads one
 * JSON value (objects become {@link LinkedHashMap}, arrays {@link ArrayList}, numbers {@link Long} or
 * {@link Double}).
 */
final class Json {

    private Json() {
    }

    /** One line of JSON (no line breaks: control characters in strings are escaped). */
    static String write(@Nullable Object value) {
        StringBuilder sb = new StringBuilder(128);
        write(sb, value);
        return sb.toString();
    }

    private static void write(StringBuilder sb, @Nullable Object value) {
        if (value == null) {
            sb.append("null");
        } else if (value instanceof CharSequence s) {
            string(sb, s.toString());
        } else if (value instanceof Boolean || value instanceof Integer || value instanceof Long) {
            sb.append(value);
        } else if (value instanceof Number n) {
            double d = n.doubleValue();
            sb.append(Double.isFinite(d) ? String.valueOf(d) : "null");
        } else if (value instanceof Map<?, ?> map) {
            sb.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!first) {
                    sb.append(',');
                }
                first = false;
                string(sb, String.valueOf(e.getKey()));
                sb.append(':');
                write(sb, e.getValue());
            }
            sb.append('}');
        } else if (value instanceof Collection<?> list) {
            sb.append('[');
            boolean first = true;
            for (Object o : list) {
                if (!first) {
                    sb.append(',');
                }
                first = false;
                write(sb, o);
            }
            sb.append(']');
        } else {
            string(sb, value.toString());
        }
    }

    private static void string(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }

    /** A line that is not valid JSON; the message says where and what was expected. */
    static final class JsonException extends IllegalArgumentException {

        private static final long serialVersionUID = 1L;

        JsonException(String message) {
            super(message);
        }
    }

    /** Parses exactly one JSON value (surrounding white space allowed). */
    static @Nullable Object parse(String text) {
        Parser p = new Parser(text);
        p.skipSpace();
        Object value = p.value(0);
        p.skipSpace();
        if (p.at < text.length()) {
            throw p.fail("end of input");
        }
        return value;
    }

    private static final class Parser {
        private static final int MAX_DEPTH = 64;
        private final String s;
        private int at;

        Parser(String s) {
            this.s = s;
        }

        JsonException fail(String expected) {
            String found = at < s.length() ? "'" + s.charAt(at) + "'" : "end of input";
            return new JsonException("invalid JSON at character " + (at + 1) + ": expected " + expected + ", found " + found);
        }

        void skipSpace() {
            while (at < s.length()) {
                char c = s.charAt(at);
                if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                    return;
                }
                at++;
            }
        }

        @Nullable Object value(int depth) {
            if (depth > MAX_DEPTH) {
                throw fail("less nesting");
            }
            if (at >= s.length()) {
                throw fail("a value");
            }
            char c = s.charAt(at);
            return switch (c) {
                case '{' -> object(depth);
                case '[' -> array(depth);
                case '"' -> string();
                case 't' -> literal("true", true);
                case 'f' -> literal("false", false);
                case 'n' -> literal("null", null);
                default -> {
                    if (c == '-' || (c >= '0' && c <= '9')) {
                        yield number();
                    }
                    throw fail("a value");
                }
            };
        }

        private @Nullable Object literal(String word, @Nullable Object value) {
            if (!s.startsWith(word, at)) {
                throw fail("'" + word + "'");
            }
            at += word.length();
            return value;
        }

        private Map<String, @Nullable Object> object(int depth) {
            Map<String, @Nullable Object> map = new LinkedHashMap<>();
            at++;
            skipSpace();
            if (at < s.length() && s.charAt(at) == '}') {
                at++;
                return map;
            }
            while (true) {
                skipSpace();
                if (at >= s.length() || s.charAt(at) != '"') {
                    throw fail("a member name in double quotes");
                }
                String key = string();
                skipSpace();
                expect(':');
                skipSpace();
                map.put(key, value(depth + 1));
                skipSpace();
                if (at < s.length() && s.charAt(at) == ',') {
                    at++;
                    continue;
                }
                expect('}');
                return map;
            }
        }

        private List<@Nullable Object> array(int depth) {
            List<@Nullable Object> list = new ArrayList<>();
            at++;
            skipSpace();
            if (at < s.length() && s.charAt(at) == ']') {
                at++;
                return list;
            }
            while (true) {
                skipSpace();
                list.add(value(depth + 1));
                skipSpace();
                if (at < s.length() && s.charAt(at) == ',') {
                    at++;
                    continue;
                }
                expect(']');
                return list;
            }
        }

        private void expect(char c) {
            if (at >= s.length() || s.charAt(at) != c) {
                throw fail("'" + c + "'");
            }
            at++;
        }

        private String string() {
            at++; // opening quote
            StringBuilder sb = new StringBuilder();
            while (true) {
                if (at >= s.length()) {
                    throw fail("a closing '\"'");
                }
                char c = s.charAt(at++);
                if (c == '"') {
                    return sb.toString();
                }
                if (c < 0x20) {
                    at--;
                    throw fail("an escaped control character");
                }
                if (c != '\\') {
                    sb.append(c);
                    continue;
                }
                if (at >= s.length()) {
                    throw fail("an escape character");
                }
                char e = s.charAt(at++);
                switch (e) {
                    case '"' -> sb.append('"');
                    case '\\' -> sb.append('\\');
                    case '/' -> sb.append('/');
                    case 'b' -> sb.append('\b');
                    case 'f' -> sb.append('\f');
                    case 'n' -> sb.append('\n');
                    case 'r' -> sb.append('\r');
                    case 't' -> sb.append('\t');
                    case 'u' -> {
                        if (at + 4 > s.length()) {
                            throw fail("four hex digits");
                        }
                        try {
                            sb.append((char) Integer.parseInt(s.substring(at, at + 4), 16));
                        } catch (NumberFormatException ex) {
                            throw fail("four hex digits");
                        }
                        at += 4;
                    }
                    default -> {
                        at--;
                        throw fail("a valid escape (\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)");
                    }
                }
            }
        }

        private Number number() {
            int start = at;
            if (s.charAt(at) == '-') {
                at++;
            }
            boolean fraction = false;
            while (at < s.length()) {
                char c = s.charAt(at);
                if (c >= '0' && c <= '9') {
                    at++;
                } else if (c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-') {
                    fraction = true;
                    at++;
                } else {
                    break;
                }
            }
            String text = s.substring(start, at);
            try {
                if (!fraction) {
                    return Long.parseLong(text);
                }
                return Double.parseDouble(text);
            } catch (NumberFormatException e) {
                at = start;
                throw fail("a number");
            }
        }
    }
}
