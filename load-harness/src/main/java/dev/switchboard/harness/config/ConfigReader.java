package dev.switchboard.harness.config;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the standalone controller's configuration file (docs/config.md) for the harness.
 *
 * <p>Tolerant on purpose: fields the harness does not need are ignored, so the harness keeps working while the
 * controller's format grows. The controller validates the file fully; the harness checks only what it uses and
 * names the field path of anything it cannot use.
 */
public final class ConfigReader {
    private static final long DEFAULT_GATEWAY_MAC = 0x02_5b_00_00_00_01L;

    private ConfigReader() {
    }

    /**
     * @param file the controller's configuration file
     * @return the harness's view of it
     * @throws IOException when the file cannot be read
     * @throws ConfigException when a field the harness needs is missing or malformed
     */
    public static HarnessConfig read(Path file) throws IOException {
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(in);
        }
    }

    /** @return the configuration in {@code json} (see {@link #read(Path)}) */
    public static HarnessConfig parse(String json) {
        try {
            return read(new StringReader(json));
        } catch (IOException e) {
            throw new IllegalStateException("reading a string failed", e);
        }
    }

    private static HarnessConfig read(Reader in) throws IOException {
        JsonElement root;
        try {
            root = JsonParser.parseReader(in);
        } catch (JsonParseException e) {
            throw new ConfigException("", "not valid JSON: " + e.getMessage());
        }
        JsonObject top = object(root, "");

        String host = HarnessConfig.DEFAULT_HOST;
        int port = HarnessConfig.DEFAULT_PORT;
        if (top.has("openflow")) {
            JsonObject of = object(top.get("openflow"), "openflow");
            if (of.has("listen")) {
                host = string(of.get("listen"), "openflow.listen");
            }
            if (of.has("port")) {
                port = integer(of.get("port"), "openflow.port", 1, 0xffff);
            }
        }

        JsonObject router = object(required(top, "router", ""), "router");
        long routerDpid = dpid(required(router, "dpid", "router"), "router.dpid");
        Set<Integer> routerPorts = new LinkedHashSet<>();
        if (router.has("clientPorts")) {
            JsonArray clientPorts = array(router.get("clientPorts"), "router.clientPorts");
            for (int i = 0; i < clientPorts.size(); i++) {
                routerPorts.add(port(clientPorts.get(i), "router.clientPorts[" + i + "]"));
            }
        }
        long gatewayMac = DEFAULT_GATEWAY_MAC;
        if (router.has("gateway")) {
            JsonObject gateway = object(router.get("gateway"), "router.gateway");
            if (gateway.has("mac")) {
                gatewayMac = mac(gateway.get("mac"), "router.gateway.mac");
            }
        }
        if (router.has("trunk")) {
            JsonObject trunk = object(router.get("trunk"), "router.trunk");
            if (trunk.has("links")) {
                JsonArray links = array(trunk.get("links"), "router.trunk.links");
                for (int i = 0; i < links.size(); i++) {
                    String path = "router.trunk.links[" + i + "]";
                    JsonObject link = object(links.get(i), path);
                    routerPorts.add(port(required(link, "port", path), path + ".port"));
                }
            }
        }

        JsonArray dispatcherArray = array(required(top, "dispatchers", ""), "dispatchers");
        if (dispatcherArray.isEmpty()) {
            throw new ConfigException("dispatchers", "must list at least one dispatcher");
        }
        List<DispatcherSpec> dispatchers = new ArrayList<>();
        Set<Long> dpids = new LinkedHashSet<>();
        dpids.add(routerDpid);
        for (int i = 0; i < dispatcherArray.size(); i++) {
            String path = "dispatchers[" + i + "]";
            JsonObject d = object(dispatcherArray.get(i), path);
            DispatcherSpec spec = new DispatcherSpec(integer(required(d, "id", path), path + ".id", 0, 255),
                    dpid(required(d, "dpid", path), path + ".dpid"),
                    port(required(d, "trunkPort", path), path + ".trunkPort"),
                    port(required(d, "sanPort", path), path + ".sanPort"),
                    d.has("sanSwitchPort") ? port(d.get("sanSwitchPort"), path + ".sanSwitchPort") : 0);
            if (!dpids.add(spec.dpid())) {
                throw new ConfigException(path + ".dpid", "0x" + Long.toHexString(spec.dpid())
                        + " is used by another switch");
            }
            dispatchers.add(spec);
        }

        Optional<Long> sanDpid = Optional.empty();
        Set<Integer> sanPorts = new LinkedHashSet<>();
        if (top.has("san")) {
            JsonObject san = object(top.get("san"), "san");
            long dpid = dpid(required(san, "dpid", "san"), "san.dpid");
            if (!dpids.add(dpid)) {
                throw new ConfigException("san.dpid", "0x" + Long.toHexString(dpid) + " is used by another switch");
            }
            sanDpid = Optional.of(dpid);
            for (DispatcherSpec d : dispatchers) {
                if (d.sanSwitchPort() > 0) {
                    sanPorts.add(d.sanSwitchPort());
                }
            }
            if (top.has("servers")) {
                JsonArray servers = array(top.get("servers"), "servers");
                for (int i = 0; i < servers.size(); i++) {
                    String path = "servers[" + i + "]";
                    JsonObject server = object(servers.get(i), path);
                    if (server.has("sanSwitchPort")) {
                        sanPorts.add(port(server.get("sanSwitchPort"), path + ".sanSwitchPort"));
                    }
                }
            }
        }

        List<ServiceSpec> services = new ArrayList<>();
        if (top.has("services")) {
            JsonArray array = array(top.get("services"), "services");
            for (int i = 0; i < array.size(); i++) {
                String path = "services[" + i + "]";
                JsonObject s = object(array.get(i), path);
                String protocol = string(required(s, "protocol", path), path + ".protocol");
                if (!protocol.equals("tcp") && !protocol.equals("udp")) {
                    throw new ConfigException(path + ".protocol", "'" + protocol + "' is not one of tcp, udp");
                }
                services.add(new ServiceSpec(string(required(s, "name", path), path + ".name"),
                        ipv4(required(s, "vip", path), path + ".vip"), protocol,
                        integer(required(s, "port", path), path + ".port", 1, 0xffff)));
            }
        }
        return new HarnessConfig(host, port, routerDpid, List.copyOf(routerPorts), gatewayMac, dispatchers, sanDpid,
                List.copyOf(sanPorts), services);
    }

    private static JsonElement required(JsonObject o, String field, String parent) {
        JsonElement e = o.get(field);
        if (e == null || e.isJsonNull()) {
            throw new ConfigException(parent.isEmpty() ? field : parent + "." + field, "is required");
        }
        return e;
    }

    private static JsonObject object(JsonElement e, String path) {
        if (!e.isJsonObject()) {
            throw new ConfigException(path, "must be an object, was " + e);
        }
        return e.getAsJsonObject();
    }

    private static JsonArray array(JsonElement e, String path) {
        if (!e.isJsonArray()) {
            throw new ConfigException(path, "must be an array, was " + e);
        }
        return e.getAsJsonArray();
    }

    private static String string(JsonElement e, String path) {
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
            throw new ConfigException(path, "must be a string, was " + e);
        }
        return e.getAsString();
    }

    private static int integer(JsonElement e, String path, int min, int max) {
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
            throw new ConfigException(path, "must be a number, was " + e);
        }
        double value = e.getAsDouble();
        if (value != Math.rint(value) || value < min || value > max) {
            throw new ConfigException(path, e + " is not an integer in " + min + ".." + max);
        }
        return (int) value;
    }

    private static int port(JsonElement e, String path) {
        return integer(e, path, 1, Integer.MAX_VALUE);
    }

    /** A datapath id: a number, a {@code 0x} hex string or a decimal string. */
    static long dpid(JsonElement e, String path) {
        if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber()) {
            double value = e.getAsDouble();
            if (value != Math.rint(value) || value < 0 || value >= 0x1p53) {
                throw new ConfigException(path, e + " is not a datapath id (write large ids as \"0x...\")");
            }
            return (long) value;
        }
        String text = string(e, path).trim();
        try {
            if (text.startsWith("0x") || text.startsWith("0X")) {
                return Long.parseUnsignedLong(text.substring(2).replace(":", ""), 16);
            }
            return Long.parseUnsignedLong(text);
        } catch (NumberFormatException ex) {
            throw new ConfigException(path, "'" + text + "' is not a datapath id (0x hex or decimal)");
        }
    }

    /** @return the dotted IPv4 address as an int */
    static int ipv4(JsonElement e, String path) {
        String text = string(e, path);
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            throw new ConfigException(path, "'" + text + "' is not an IPv4 address");
        }
        int address = 0;
        for (String part : parts) {
            int octet;
            try {
                octet = part.isEmpty() || part.length() > 3 ? -1 : Integer.parseInt(part);
            } catch (NumberFormatException ex) {
                octet = -1;
            }
            if (octet < 0 || octet > 255) {
                throw new ConfigException(path, "'" + text + "' is not an IPv4 address");
            }
            address = (address << 8) | octet;
        }
        return address;
    }

    private static long mac(JsonElement e, String path) {
        String text = string(e, path);
        String[] parts = text.split(":", -1);
        if (parts.length != 6) {
            throw new ConfigException(path, "'" + text + "' is not a MAC address");
        }
        long mac = 0;
        for (String part : parts) {
            if (part.length() != 2) {
                throw new ConfigException(path, "'" + text + "' is not a MAC address");
            }
            try {
                mac = (mac << 8) | Integer.parseInt(part, 16);
            } catch (NumberFormatException ex) {
                throw new ConfigException(path, "'" + text + "' is not a MAC address");
            }
        }
        return mac;
    }
}
