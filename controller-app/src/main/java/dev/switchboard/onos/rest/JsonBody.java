package dev.switchboard.onos.rest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.ApiException;
import dev.switchboard.api.ErrorCode;

import java.io.IOException;

/**
 * Reads a request body strictly: no comments, no trailing content, no repeated keys. Jackson's tree reader
 * would keep the last of two equal keys, letting a typo silently win, so the tree is built here from the
 * token stream. Numbers keep their exact decimal value, so {@code 443.5} is not taken for {@code 443}.
 */
final class JsonBody {
    /** Comments, single quotes, unquoted names, NaN and leading zeros are off by default; they stay off. */
    private static final JsonFactory FACTORY = new JsonFactory();
    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    private JsonBody() {
    }

    /**
     * @return the root value
     * @throws ApiException {@link ErrorCode#MALFORMED_JSON} naming the position or the repeated key
     */
    static JsonNode parse(String text) {
        if (text.isBlank()) {
            throw malformed(null, "the request body is empty; expected a JSON object");
        }
        try (JsonParser parser = FACTORY.createParser(text)) {
            JsonNode root = read(parser, parser.nextToken(), "");
            JsonToken after;
            try {
                after = parser.nextToken();
            } catch (JsonProcessingException e) {
                after = JsonToken.NOT_AVAILABLE;
            }
            if (after != null) {
                throw malformed(null, "unexpected content after the JSON value");
            }
            return root;
        } catch (JsonProcessingException e) {
            throw malformed(null, "not valid JSON: " + describe(e));
        } catch (IOException e) {
            throw malformed(null, "not valid JSON: " + firstLine(e.getMessage()));
        }
    }

    private static ApiException malformed(String field, String message) {
        return new ApiException(ErrorCode.MALFORMED_JSON, field, message);
    }

    private static JsonNode read(JsonParser parser, JsonToken token, String path) throws IOException {
        if (token == null) {
            throw malformed(null, "not valid JSON: the body ends before a value");
        }
        switch (token) {
            case START_OBJECT: {
                ObjectNode object = NODES.objectNode();
                for (JsonToken t = parser.nextToken(); t != JsonToken.END_OBJECT; t = parser.nextToken()) {
                    String name = parser.getCurrentName();
                    String child = path.isEmpty() ? name : path + "." + name;
                    if (object.has(name)) {
                        throw malformed(child, child + ": field appears twice");
                    }
                    object.set(name, read(parser, parser.nextToken(), child));
                }
                return object;
            }
            case START_ARRAY: {
                ArrayNode array = NODES.arrayNode();
                for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
                    array.add(read(parser, t, path + "[" + array.size() + "]"));
                }
                return array;
            }
            case VALUE_STRING:
                return NODES.textNode(parser.getText());
            case VALUE_NUMBER_INT:
                return NODES.numberNode(parser.getBigIntegerValue());
            case VALUE_NUMBER_FLOAT:
                return NODES.numberNode(parser.getDecimalValue());
            case VALUE_TRUE:
                return NODES.booleanNode(true);
            case VALUE_FALSE:
                return NODES.booleanNode(false);
            case VALUE_NULL:
                return NODES.nullNode();
            default:
                throw malformed(null, "not valid JSON: unexpected " + token + " at " + path);
        }
    }

    private static String describe(JsonProcessingException e) {
        JsonLocation where = e.getLocation();
        String message = firstLine(e.getOriginalMessage());
        return where == null ? message : message + " (line " + where.getLineNr() + ", column "
                + where.getColumnNr() + ")";
    }

    /** Jackson's messages may span lines; a client needs one. */
    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable input";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
