package dev.switchboard.api;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The query string and integer parameters as the API reads them: unknown and repeated parameters are refused,
 * integers must be plain decimal within a range. Both runtimes read parameters through here.
 */
public final class QueryParameters {
    private QueryParameters() {
    }

    /**
     * @param rawQuery the request's query, percent-encoded, or {@code null}
     * @param accepted the names the resource takes
     * @return the parameters by name, in the order given
     * @throws ApiException for a parameter the resource does not take, one given twice, or bad percent-encoding
     */
    public static Map<String, String> parse(String rawQuery, Set<String> accepted) {
        Map<String, String> result = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return result;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            if (!accepted.contains(name)) {
                throw ApiException.parameter(name, name + ": unknown query parameter"
                        + (accepted.isEmpty() ? " (this resource takes none)"
                        : " (expected one of: " + String.join(", ", new TreeSet<>(accepted)) + ")"));
            }
            if (result.put(name, value) != null) {
                throw ApiException.parameter(name, name + ": query parameter given twice");
            }
        }
        return result;
    }

    /**
     * Parses a path segment or query parameter that must be an integer within {@code min..max}.
     *
     * @throws ApiException {@link ErrorCode#INVALID_PARAMETER} naming the parameter
     */
    public static int integer(String name, String text, int min, int max) {
        long value;
        try {
            // Digits and minus only: Long.parseLong would also take "+5"; ten characters keep it within a long.
            if (text.isEmpty() || text.length() > 10 || !text.chars().allMatch(c -> c == '-' || Character.isDigit(c))) {
                throw new NumberFormatException(text);
            }
            value = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw ApiException.parameter(name, name + ": '" + text + "' is not an integer");
        }
        if (value < min || value > max) {
            throw ApiException.parameter(name, name + ": " + value + " is out of range " + min + ".." + max);
        }
        return (int) value;
    }

    /** @return the parameter as an integer within {@code min..max}, or {@code defaultValue} when absent */
    public static int integer(Map<String, String> query, String name, int defaultValue, int min, int max) {
        String text = query.get(name);
        return text == null ? defaultValue : integer(name, text, min, max);
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ApiException.parameter(null, "malformed percent-encoding in '" + text + "'");
        }
    }
}
