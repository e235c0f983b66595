package dev.switchboard.onos.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.dispatch.model.Ipv4;
import dev.switchboard.dispatch.model.MacAddress;
import org.onosproject.net.DeviceId;
import org.onosproject.net.PortNumber;
import org.onosproject.net.config.InvalidFieldException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * Reads typed values out of a JSON tree and fails with an {@link InvalidFieldException} whose field is the
 * full path ({@code dispatchers[1].deviceId}), so an operator can find the mistake in a large netcfg file.
 */
final class JsonFields {
    private JsonFields() {
    }

    static String path(String parent, String field) {
        return parent.isEmpty() ? field : parent + "." + field;
    }

    static String index(String parent, int i) {
        return parent + "[" + i + "]";
    }

    static InvalidFieldException invalid(String path, String reason) {
        return new InvalidFieldException(path, reason);
    }

    /** Rejects fields the schema does not know; a typo must not silently fall back to a default. */
    static void onlyFields(JsonNode node, String path, String... allowed) {
        List<String> known = Arrays.asList(allowed);
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!known.contains(name)) {
                throw invalid(path(path, name), "unknown field (known: " + String.join(", ", allowed) + ")");
            }
        }
    }

    static JsonNode object(JsonNode parent, String field, String parentPath) {
        JsonNode node = parent.get(field);
        String p = path(parentPath, field);
        if (node == null || node.isNull()) {
            throw invalid(p, "is required");
        }
        if (!node.isObject()) {
            throw invalid(p, "must be an object");
        }
        return node;
    }

    static JsonNode array(JsonNode parent, String field, String parentPath, boolean required) {
        JsonNode node = parent.get(field);
        String p = path(parentPath, field);
        if (node == null || node.isNull()) {
            if (required) {
                throw invalid(p, "is required");
            }
            return null;
        }
        if (!node.isArray()) {
            throw invalid(p, "must be an array");
        }
        return node;
    }

    static String text(JsonNode parent, String field, String parentPath) {
        JsonNode node = parent.get(field);
        String p = path(parentPath, field);
        if (node == null || node.isNull()) {
            throw invalid(p, "is required");
        }
        if (!node.isTextual() || node.asText().isBlank()) {
            throw invalid(p, "must be a non-empty string");
        }
        return node.asText().trim();
    }

    static String optionalText(JsonNode parent, String field, String parentPath, String fallback) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            return fallback;
        }
        return text(parent, field, parentPath);
    }

    static long integer(JsonNode parent, String field, String parentPath, long min, long max) {
        JsonNode node = parent.get(field);
        String p = path(parentPath, field);
        if (node == null || node.isNull()) {
            throw invalid(p, "is required");
        }
        return integerValue(node, p, min, max);
    }

    static long optionalInteger(JsonNode parent, String field, String parentPath, long min, long max, long fallback) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            return fallback;
        }
        return integerValue(node, path(parentPath, field), min, max);
    }

    static long integerValue(JsonNode node, String p, long min, long max) {
        if (!node.isIntegralNumber()) {
            throw invalid(p, "must be an integer, was " + node);
        }
        long value = node.asLong();
        if (value < min || value > max) {
            throw invalid(p, "must be " + min + ".." + max + ", was " + value);
        }
        return value;
    }

    static int ipv4(JsonNode parent, String field, String parentPath) {
        String p = path(parentPath, field);
        String text = text(parent, field, parentPath);
        try {
            return Ipv4.parse(text);
        } catch (IllegalArgumentException e) {
            throw invalid(p, e.getMessage());
        }
    }

    static long mac(JsonNode parent, String field, String parentPath) {
        String p = path(parentPath, field);
        String text = text(parent, field, parentPath);
        try {
            return MacAddress.parse(text);
        } catch (IllegalArgumentException e) {
            throw invalid(p, e.getMessage());
        }
    }

    /**
     * Reads a switch as {@code deviceId} (an ONOS id, {@code of:0000000000000100}) or {@code dpid} (as in the
     * standalone controller's configuration: {@code "0x100"} or a decimal number), exactly one of the two.
     */
    static DeviceId device(JsonNode parent, String parentPath) {
        boolean hasId = parent.hasNonNull("deviceId");
        boolean hasDpid = parent.hasNonNull("dpid");
        if (hasId && hasDpid) {
            throw invalid(path(parentPath, "dpid"), "give deviceId or dpid, not both");
        }
        if (hasDpid) {
            return DeviceIds.deviceId(dpid(parent.get("dpid"), path(parentPath, "dpid")));
        }
        String p = path(parentPath, "deviceId");
        String text = text(parent, "deviceId", parentPath).toLowerCase(Locale.ROOT);
        try {
            DeviceIds.dpid(DeviceId.deviceId(text));
        } catch (IllegalArgumentException e) {
            throw invalid(p, e.getMessage());
        }
        return DeviceId.deviceId(text);
    }

    private static long dpid(JsonNode node, String p) {
        if (node.isIntegralNumber() && node.asLong() >= 0) {
            return node.asLong();
        }
        String text = node.isTextual() ? node.asText().trim().toLowerCase(Locale.ROOT) : "";
        try {
            long value = text.startsWith("0x") ? Long.parseUnsignedLong(text.substring(2), 16) : Long.parseLong(text);
            if (value < 0) {
                throw new NumberFormatException(text);
            }
            return value;
        } catch (NumberFormatException e) {
            throw invalid(p, "'" + node.asText() + "' is not a datapath id (want 0x hex or decimal, such as 0x100)");
        }
    }

    static PortNumber port(JsonNode parent, String field, String parentPath) {
        return PortNumber.portNumber(integer(parent, field, parentPath, 1, DeviceIds.MAX_PORT));
    }

    static List<PortNumber> ports(JsonNode array, String p) {
        List<PortNumber> result = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            result.add(PortNumber.portNumber(integerValue(array.get(i), index(p, i), 1, DeviceIds.MAX_PORT)));
        }
        return result;
    }
}
