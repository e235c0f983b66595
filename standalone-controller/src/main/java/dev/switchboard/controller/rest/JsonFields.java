package dev.switchboard.controller.rest;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.switchboard.api.ApiException;
import dev.switchboard.api.ErrorCode;
import dev.switchboard.controller.json.StrictJson;
import dev.switchboard.dispatch.model.Ipv4;
import dev.switchboard.dispatch.model.MacAddress;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A request body object whose field names were checked against the fields the resource knows. Every
 * typed read returns a valid value or throws an {@link ApiException} naming the field and quoting the
 * value. A field that is absent or JSON {@code null} counts as not given.
 */
final class JsonFields {
    /** Names of services, groups and servers: they appear in paths and metric labels. */
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");

    private final JsonObject object;

    private JsonFields(JsonObject object) {
        this.object = object;
    }

    /**
     * @param known the only field names allowed
     * @throws ApiException when the body is not an object or has a field not in {@code known}
     */
    static JsonFields of(JsonElement body, String... known) {
        if (!body.isJsonObject()) {
            throw new ApiException(ErrorCode.MALFORMED_JSON, null, "expected a JSON object, got " + describe(body));
        }
        Set<String> allowed = Set.of(known);
        for (String name : body.getAsJsonObject().keySet()) {
            if (!allowed.contains(name)) {
                throw new ApiException(ErrorCode.UNKNOWN_FIELD, name, name + ": unknown field (expected "
                        + (known.length == 0 ? "no fields" : "one of: " + String.join(", ", known)) + ")");
            }
        }
        return new JsonFields(body.getAsJsonObject());
    }

    boolean has(String name) {
        JsonElement value = object.get(name);
        return value != null && !value.isJsonNull();
    }

    private JsonElement required(String name) {
        if (!has(name)) {
            throw new ApiException(ErrorCode.MISSING_FIELD, name, name + ": required field is missing");
        }
        return object.get(name);
    }

    /** @return a non-blank string */
    String string(String name) {
        return string(name, required(name));
    }

    private static String string(String field, JsonElement value) {
        if (!isString(value)) {
            throw ApiException.invalidField(field, field + ": expected a string, got " + describe(value));
        }
        String text = value.getAsString();
        if (text.isBlank()) {
            throw ApiException.invalidField(field, field + ": must not be empty");
        }
        return text;
    }

    /** @return a name fit for paths and labels: letters, digits, '.', '_', '-', at most 63 characters */
    String name(String name) {
        return checkName(name, string(name));
    }

    /** @return the field's name, or {@code null} when not given */
    String optionalName(String name) {
        return has(name) ? name(name) : null;
    }

    private static String checkName(String field, String text) {
        if (!NAME.matcher(text).matches()) {
            throw ApiException.invalidField(field, field + ": '" + text + "' is not a valid name (letters, digits, "
                    + "'.', '_', '-'; starting with a letter or digit; at most 63 characters)");
        }
        return text;
    }

    /** @return an integer within {@code min..max} */
    int integer(String name, int min, int max) {
        return integer(name, required(name), min, max);
    }

    /** @return the field's integer within {@code min..max}, or {@code defaultValue} when not given */
    int integer(String name, int defaultValue, int min, int max) {
        return has(name) ? integer(name, object.get(name), min, max) : defaultValue;
    }

    private static int integer(String field, JsonElement value, int min, int max) {
        BigDecimal number = number(field, value, "an integer").stripTrailingZeros();
        if (number.scale() > 0) {
            throw ApiException.invalidField(field, field + ": " + describe(value) + " is not an integer");
        }
        if (number.compareTo(BigDecimal.valueOf(min)) < 0 || number.compareTo(BigDecimal.valueOf(max)) > 0) {
            throw ApiException.invalidField(field, field + ": " + describe(value) + " is out of range " + min + ".."
                    + max);
        }
        return number.intValueExact();
    }

    /** @return a number within {@code min..max} */
    double decimal(String name, double min, double max) {
        JsonElement value = required(name);
        double number = number(name, value, "a number").doubleValue();
        if (!(number >= min && number <= max)) {
            throw ApiException.invalidField(name, name + ": " + describe(value) + " is out of range " + min + ".."
                    + max);
        }
        return number;
    }

    private static BigDecimal number(String field, JsonElement value, String what) {
        if (value.isJsonPrimitive() && value.getAsJsonPrimitive().isNumber()) {
            return value.getAsBigDecimal();
        }
        throw ApiException.invalidField(field, field + ": expected " + what + ", got " + describe(value));
    }

    /** @return a dotted-quad IPv4 address as a big-endian int */
    int ipv4(String name) {
        JsonElement value = required(name);
        if (!isString(value)) {
            throw ApiException.invalidField(name, name + ": expected an IPv4 address string, got " + describe(value));
        }
        return parseIpv4(name, value.getAsString());
    }

    /**
     * @return a dotted-quad address a host can have: not 0.0.0.0/8, loopback, multicast, reserved or
     *     broadcast
     */
    int unicastIpv4(String name) {
        int address = ipv4(name);
        int first = address >>> 24;
        if (first == 0 || first == 127 || first >= 224) {
            throw ApiException.invalidField(name, name + ": '" + Ipv4.format(address)
                    + "' is not a unicast host address");
        }
        return address;
    }

    /** Parses an address the API received, naming the field or parameter on failure. */
    static int parseIpv4(String field, String text) {
        if (!text.equals(text.trim())) {
            throw ApiException.invalidField(field, field + ": '" + text
                    + "' is not an IPv4 address (surrounding blanks)");
        }
        try {
            return Ipv4.parse(text);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidField(field, field + ": " + e.getMessage());
        }
    }

    /** @return the field's MAC address, or {@link MacAddress#UNKNOWN} when not given */
    long optionalMac(String name) {
        if (!has(name)) {
            return MacAddress.UNKNOWN;
        }
        JsonElement value = object.get(name);
        if (!isString(value)) {
            throw ApiException.invalidField(name, name + ": expected a MAC address string, got " + describe(value));
        }
        String text = value.getAsString();
        try {
            if (!text.equals(text.trim())) {
                throw new IllegalArgumentException("'" + text + "' is not a MAC address (surrounding blanks)");
            }
            long mac = MacAddress.parse(text);
            if ((mac & 0x0100_0000_0000L) != 0) {
                throw new IllegalArgumentException("'" + text + "' is a multicast MAC address");
            }
            return mac;
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidField(name, name + ": " + e.getMessage());
        }
    }

    /** @return the constant spelled as the field's string */
    <E> E choice(String name, Map<String, E> choices) {
        JsonElement value = required(name);
        if (isString(value)) {
            E choice = choices.get(value.getAsString());
            if (choice != null) {
                return choice;
            }
        }
        throw ApiException.invalidField(name, name + ": " + describe(value) + " is not one of "
                + String.join(", ", choices.keySet()));
    }

    /** @return the names in an array field, each checked like {@link #name} */
    List<String> names(String name) {
        JsonElement value = required(name);
        if (!value.isJsonArray()) {
            throw ApiException.invalidField(name, name + ": expected an array of names, got " + describe(value));
        }
        JsonArray array = value.getAsJsonArray();
        List<String> result = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            String field = name + "[" + i + "]";
            result.add(checkName(field, string(field, array.get(i))));
        }
        return result;
    }

    private static boolean isString(JsonElement value) {
        return value.isJsonPrimitive() && value.getAsJsonPrimitive().isString();
    }

    /** Quotes a value the way errors show it: strings in single quotes, numbers bare, containers by kind. */
    static String describe(JsonElement value) {
        return StrictJson.describe(value);
    }
}
