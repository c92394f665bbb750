package se.kaa.reporting.spec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.json.JsonFactory;

/**
 * A JSON document read into a tree that remembers the line of every value, so that each problem of
 * a spec can name its line. Jackson's own tree forgets locations.
 */
public final class JsonTree {

    private static final JsonFactory FACTORY = new JsonFactory();

    public sealed interface Node permits Obj, Arr, Val {
        int line();
    }

    public record Member(String name, int line, Node value) {
    }

    /** An object; a repeated name keeps its first value and is listed in {@code duplicates}. */
    public record Obj(int line, Map<String, Member> members, List<Member> duplicates) implements Node {
        public Member member(String name) {
            return members.get(name);
        }
    }

    public record Arr(int line, List<Node> items) implements Node {
    }

    /** A scalar: {@code text} is the string's value or the literal's text (null for null). */
    public record Val(int line, JsonToken token, String text) implements Node {
        public boolean isNull() {
            return token == JsonToken.VALUE_NULL;
        }

        public boolean isString() {
            return token == JsonToken.VALUE_STRING;
        }

        public boolean isBoolean() {
            return token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE;
        }

        public boolean isInteger() {
            return token == JsonToken.VALUE_NUMBER_INT;
        }
    }

    /** Why a document could not be read as JSON at all: its message is the kind – empty, encoding, trailing or syntax. */
    public static final class SyntaxError extends Exception {
        private static final long serialVersionUID = 1L;
        public final int line;
        public final int column;

        SyntaxError(String message, int line, int column) {
            super(message);
            this.line = line;
            this.column = column;
        }
    }

    private JsonTree() {
    }

    public static Node read(byte[] json) throws SyntaxError {
        try (JsonParser parser = FACTORY.createParser(ObjectReadContext.empty(), json)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new SyntaxError("empty", 1, 1);
            }
            Node root = value(parser);
            if (parser.nextToken() != null) {
                TokenStreamLocation at = parser.currentTokenLocation();
                throw new SyntaxError("trailing", at.getLineNr(), at.getColumnNr());
            }
            return root;
        } catch (JacksonException e) {
            TokenStreamLocation at = e.getLocation();
            // Jackson names a byte that is not UTF-8 in its message; a file saved as Latin-1 is a common mistake
            String original = String.valueOf(e.getOriginalMessage());
            String kind = original.contains("UTF-8") || original.contains("UTF8") ? "encoding" : "syntax";
            throw new SyntaxError(kind, at == null ? 1 : Math.max(1, at.getLineNr()), at == null ? 1 : Math.max(1, at.getColumnNr()));
        }
    }

    private static Node value(JsonParser parser) {
        JsonToken token = parser.currentToken();
        int line = parser.currentTokenLocation().getLineNr();
        switch (token) {
            case START_OBJECT -> {
                Map<String, Member> members = new LinkedHashMap<>();
                List<Member> duplicates = new ArrayList<>();
                while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                    String name = parser.currentName();
                    int nameLine = parser.currentTokenLocation().getLineNr();
                    parser.nextToken();
                    Member member = new Member(name, nameLine, value(parser));
                    if (members.containsKey(name)) {
                        duplicates.add(member);
                    } else {
                        members.put(name, member);
                    }
                }
                return new Obj(line, members, duplicates);
            }
            case START_ARRAY -> {
                List<Node> items = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    items.add(value(parser));
                }
                return new Arr(line, items);
            }
            case VALUE_NULL -> {
                return new Val(line, token, null);
            }
            default -> {
                return new Val(line, token, parser.getString());
            }
        }
    }

    /** How a value is named in a Swedish message: "texten "x"", "talet 3", "en lista [ … ]". */
    public static String describe(Node n) {
        if (n instanceof Obj) {
            return "ett objekt { … }";
        }
        if (n instanceof Arr) {
            return "en lista [ … ]";
        }
        Val v = (Val) n;
        return switch (v.token()) {
            case VALUE_STRING -> "texten \"" + abbreviate(v.text()) + "\"";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "talet " + abbreviate(v.text());
            case VALUE_TRUE, VALUE_FALSE -> v.text();
            case VALUE_NULL -> "null";
            default -> String.valueOf(v.text());
        };
    }

    public static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }
}
