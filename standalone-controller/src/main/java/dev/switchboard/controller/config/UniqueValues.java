package dev.switchboard.controller.config;

import java.util.HashMap;
import java.util.Map;

/** Remembers where each value was first used, so that a repeat can be reported with both paths. */
final class UniqueValues<K> {
    private final Map<K, String> firstUse = new HashMap<>();

    /**
     * @param key the value that must be unique
     * @param path where it is used now
     * @param shown how the value is shown in the error, such as {@code '0x201'}
     * @throws ConfigException naming {@code path} and the first path when the value was used before
     */
    void claim(K key, String path, String shown) throws ConfigException {
        String first = firstUse.putIfAbsent(key, path);
        if (first != null) {
            throw new ConfigException(path, shown + " is already used by " + first);
        }
    }

    /** @return the path of the first use, or {@code null} */
    String firstUse(K key) {
        return firstUse.get(key);
    }
}
