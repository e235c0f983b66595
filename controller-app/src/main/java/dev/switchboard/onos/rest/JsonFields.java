package dev.switchboard.onos.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.api.ApiException;
import dev.switchboard.api.ErrorCode;
import dev.switchboard.dispatch.model.Ipv4;
import dev.switchboard.dispatch.model.MacAddress;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A request body object whose field names were checked against the fields the resource knows. Every typed read
 * returns a valid value or throws an {@link ApiException} naming the field and quoting the value. A field that is
 * absent or JSON {@code null} counts as not given.
 */
final class JsonFields {
    /** Names of services, groups and servers: they appear in paths and metric labels. */
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");

    private final JsonNode object;

    private JsonFields(JsonNode object) {
        this.object = object;
    }

    /**
     * @param known the only field names allowed
     * @throws ApiException when the body is not an object or has a field not in {@code known}
     */
    static JsonFields of(JsonNode body, String... known) {
        if (!body.isObject()) {
            throw new ApiException(ErrorCode.MALFORMED_JSON, null, "expected a JSON object, got " + describe(body));
        }
        List<String> allowed = Arrays.asList(known);
        Iterator<String> names = body.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw new ApiException(ErrorCode.UNKNOWN_FIELD, name, name + ": unknown field (expected "
                        + (known.length == 0 ? "no fields" : "one of: " + String.join(", ", known)) + ")");
            }
        }
        return new JsonFields(body);
    }

    boolean has(String name) {
        JsonNode value = object.get(name);
        return value != null && !value.isNull();
    }

    private JsonNode required(String name) {
        if (!has(name)) {
            throw new ApiException(ErrorCode.MISSING_FIELD, name, name + ": required field is missing");
        }
        return object.get(name);
    }

    private static String string(String field, JsonNode value) {
        if (!value.isTextual()) {
            throw ApiException.invalidField(field, field + ": expected a string, got " + describe(value));
        }
        String text = value.asText();
        if (text.isBlank()) {
            throw ApiException.invalidField(field, field + ": must not be empty");
        }
        return text;
    }

    /** @return a name fit for paths and labels: letters, digits, '.', '_', '-', at most 63 characters */
    String name(String name) {
        return checkName(name, string(name, required(name)));
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

    private static int integer(String field, JsonNode value, int min, int max) {
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
        JsonNode value = required(name);
        double number = number(name, value, "a number").doubleValue();
        if (!(number >= min && number <= max)) {
            throw ApiException.invalidField(name, name + ": " + describe(value) + " is out of range " + min + ".."
                    + max);
        }
        return number;
    }

    private static BigDecimal number(String field, JsonNode value, String what) {
        if (value.isNumber()) {
            return value.decimalValue();
        }
        throw ApiException.invalidField(field, field + ": expected " + what + ", got " + describe(value));
    }

    /**
     * @return a dotted-quad address a host can have: not 0.0.0.0/8, loopback, multicast, reserved or broadcast
     */
    int unicastIpv4(String name) {
        JsonNode value = required(name);
        if (!value.isTextual()) {
            throw ApiException.invalidField(name, name + ": expected an IPv4 address string, got " + describe(value));
        }
        int address = parseIpv4(name, value.asText());
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

    /** @return the field's unicast MAC address, or {@link MacAddress#UNKNOWN} when not given */
    long optionalMac(String name) {
        if (!has(name)) {
            return MacAddress.UNKNOWN;
        }
        JsonNode value = object.get(name);
        if (!value.isTextual()) {
            throw ApiException.invalidField(name, name + ": expected a MAC address string, got " + describe(value));
        }
        String text = value.asText();
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
        JsonNode value = required(name);
        if (value.isTextual()) {
            E choice = choices.get(value.asText());
            if (choice != null) {
                return choice;
            }
        }
        throw ApiException.invalidField(name, name + ": " + describe(value) + " is not one of "
                + String.join(", ", choices.keySet()));
    }

    /** @return the names in an array field, each checked like {@link #name} */
    List<String> names(String name) {
        JsonNode value = required(name);
        if (!value.isArray()) {
            throw ApiException.invalidField(name, name + ": expected an array of names, got " + describe(value));
        }
        List<String> result = new ArrayList<>(value.size());
        for (int i = 0; i < value.size(); i++) {
            String field = name + "[" + i + "]";
            result.add(checkName(field, string(field, value.get(i))));
        }
        return result;
    }

    /** Quotes a value the way errors show it: strings in single quotes, numbers bare, containers by kind. */
    static String describe(JsonNode value) {
        if (value.isNull()) {
            return "null";
        }
        if (value.isObject()) {
            return "an object";
        }
        if (value.isArray()) {
            return "an array";
        }
        if (value.isTextual()) {
            return "'" + value.asText() + "'";
        }
        if (value.isNumber()) {
            return value.decimalValue().toString().toLowerCase(Locale.ROOT);
        }
        return value.toString();
    }
}
