package dev.switchboard.controller.config;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import dev.switchboard.controller.json.StrictJson;
import dev.switchboard.dispatch.model.Ipv4;
import dev.switchboard.dispatch.model.MacAddress;

import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One JSON value together with the path that leads to it. Every typed read either returns a valid value
 * or throws a {@link ConfigException} that names this path and quotes the value, so the parser never
 * has to build error messages itself.
 */
final class ConfigNode {
    /** How the top level of the file is named in errors. */
    static final String ROOT_NAME = "(top level)";

    private final String path;
    private final JsonElement value;

    ConfigNode(String path, JsonElement value) {
        this.path = path;
        this.value = value;
    }

    static String child(String parent, String name) {
        return StrictJson.child(parent, name);
    }

    static String element(String parent, int index) {
        return StrictJson.element(parent, index);
    }

    String path() {
        return path.isEmpty() ? ROOT_NAME : path;
    }

    ConfigException error(String problem) {
        return new ConfigException(path(), problem);
    }

    /**
     * @param knownFields the only field names allowed in this object
     * @return the value as an object
     * @throws ConfigException when it is not an object or holds a field not in {@code knownFields}
     */
    ConfigObject object(String... knownFields) throws ConfigException {
        if (!value.isJsonObject()) {
            throw error("expected an object, got " + describe(value));
        }
        Set<String> known = Set.of(knownFields);
        for (String name : value.getAsJsonObject().keySet()) {
            if (!known.contains(name)) {
                throw new ConfigException(child(path, name),
                        "unknown field (expected one of: " + String.join(", ", knownFields) + ")");
            }
        }
        return new ConfigObject(path, value.getAsJsonObject());
    }

    /** @return the elements of an array, each with its own path */
    List<ConfigNode> array() throws ConfigException {
        if (!value.isJsonArray()) {
            throw error("expected an array, got " + describe(value));
        }
        JsonArray array = value.getAsJsonArray();
        List<ConfigNode> elements = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            elements.add(new ConfigNode(element(path, i), array.get(i)));
        }
        return elements;
    }

    /** @return a non-blank string */
    String string() throws ConfigException {
        if (!isString()) {
            throw error("expected a string, got " + describe(value));
        }
        String text = value.getAsString();
        if (text.isBlank()) {
            throw error("must not be empty");
        }
        return text;
    }

    /** @return an integer within {@code min..max} */
    int integer(int min, int max) throws ConfigException {
        BigDecimal number = number();
        BigDecimal integral = number.stripTrailingZeros();
        if (integral.scale() > 0) {
            throw error(describe(value) + " is not an integer");
        }
        if (integral.compareTo(BigDecimal.valueOf(min)) < 0 || integral.compareTo(BigDecimal.valueOf(max)) > 0) {
            throw error(describe(value) + " is out of range " + min + ".." + max);
        }
        return integral.intValueExact();
    }

    /** @return a port number 1..{@code max} */
    int port(int max) throws ConfigException {
        return integer(1, max);
    }

    /**
     * A datapath id: a string in {@code 0x} hex or decimal, or a JSON integer.
     *
     * @return the 64-bit id
     */
    long dpid() throws ConfigException {
        String text;
        if (isString()) {
            text = value.getAsString().trim();
        } else if (value.isJsonPrimitive() && value.getAsJsonPrimitive().isNumber()) {
            text = value.getAsBigDecimal().toPlainString();
        } else {
            throw error("expected a datapath id (0x hex or decimal), got " + describe(value));
        }
        try {
            if (text.startsWith("0x") || text.startsWith("0X")) {
                String hex = text.substring(2);
                if (hex.isEmpty() || hex.length() > 16) {
                    throw new NumberFormatException(text);
                }
                return Long.parseUnsignedLong(hex, 16);
            }
            if (text.isEmpty() || !text.chars().allMatch(Character::isDigit)) {
                throw new NumberFormatException(text);
            }
            return Long.parseUnsignedLong(text);
        } catch (NumberFormatException e) {
            throw error(describe(value) + " is not a datapath id (0x hex or decimal, at most 64 bits)");
        }
    }

    /** @return a dotted-quad IPv4 address as a big-endian int */
    int ipv4() throws ConfigException {
        if (!isString()) {
            throw error("expected an IPv4 address string, got " + describe(value));
        }
        String text = value.getAsString();
        if (!text.equals(text.trim())) {
            throw error(describe(value) + " is not an IPv4 address (surrounding blanks)");
        }
        try {
            return Ipv4.parse(text);
        } catch (IllegalArgumentException e) {
            throw error(e.getMessage());
        }
    }

    /** @return an IPv4 or IPv6 address literal, never a host name (nothing is resolved at start) */
    String ipLiteral() throws ConfigException {
        String text = string();
        boolean ipv4 = text.chars().allMatch(c -> Character.isDigit(c) || c == '.');
        boolean ipv6 = text.indexOf(':') >= 0 && text.chars().allMatch(c -> Character.digit(c, 16) >= 0
                || c == ':' || c == '.');
        if (ipv4) {
            try {
                Ipv4.parse(text);
                return text;
            } catch (IllegalArgumentException e) {
                throw error(e.getMessage());
            }
        }
        if (ipv6) {
            try {
                // A literal of only hex digits, colons and dots is parsed, not resolved.
                InetAddress.getByName(text);
                return text;
            } catch (UnknownHostException e) {
                throw error(describe(value) + " is not an IP address");
            }
        }
        throw error(describe(value) + " is not an IP address literal (host names are not resolved)");
    }

    /** @return a MAC address in the low 48 bits */
    long mac() throws ConfigException {
        if (!isString()) {
            throw error("expected a MAC address string, got " + describe(value));
        }
        String text = value.getAsString();
        if (!text.equals(text.trim())) {
            throw error(describe(value) + " is not a MAC address (surrounding blanks)");
        }
        try {
            return MacAddress.parse(text);
        } catch (IllegalArgumentException e) {
            throw error(e.getMessage());
        }
    }

    /**
     * @param constants the choices
     * @param spelling how the configuration file spells each choice, such as {@code least-load}
     * @return the constant spelled as this string
     */
    <E extends Enum<E>> E choice(E[] constants, java.util.function.Function<E, String> spelling)
            throws ConfigException {
        if (isString()) {
            for (E constant : constants) {
                if (spelling.apply(constant).equals(value.getAsString())) {
                    return constant;
                }
            }
        }
        throw error(describe(value) + " is not one of "
                + Arrays.stream(constants).map(spelling).collect(Collectors.joining(", ")));
    }

    private BigDecimal number() throws ConfigException {
        if (value.isJsonPrimitive() && value.getAsJsonPrimitive().isNumber()) {
            return value.getAsBigDecimal();
        }
        throw error(describe(value) + " is not an integer");
    }

    private boolean isString() {
        return value.isJsonPrimitive() && value.getAsJsonPrimitive().isString();
    }

    /** Quotes a value the way errors show it: strings in single quotes, numbers bare, containers by kind. */
    static String describe(JsonElement value) {
        return StrictJson.describe(value);
    }
}
