package dev.switchboard.onos;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.dispatch.model.Ipv4;
import org.onlab.packet.Ethernet;
import org.onlab.packet.IPv4;
import org.onlab.packet.MacAddress;
import org.onlab.packet.TCP;
import org.onosproject.net.DeviceId;

import java.io.IOException;
import java.io.UncheckedIOException;

/** The Mininet topology of docs/topology.md with two dispatchers, and packets in it. */
public final class Fixtures {
    public static final DeviceId ROUTER = DeviceId.deviceId("of:0000000000000100");
    public static final DeviceId D1 = DeviceId.deviceId("of:0000000000000201");
    public static final DeviceId D2 = DeviceId.deviceId("of:0000000000000202");
    public static final DeviceId SAN = DeviceId.deviceId("of:0000000000000300");

    public static final String VIP = "198.51.100.10";
    public static final String CLIENT = "192.0.2.11";
    public static final String WEB_1 = "203.0.113.11";
    public static final String WEB_2 = "203.0.113.12";
    public static final long TRUNK_PORT = 1;
    public static final long SAN_PORT = 2;

    public static final String JSON = "{"
            + "\"router\": {\"deviceId\": \"of:0000000000000100\", \"clientPorts\": [1, 2],"
            + "  \"gateway\": {\"ip\": \"192.0.2.1\", \"mac\": \"02:5b:00:00:00:01\"},"
            + "  \"trunk\": {\"mode\": \"flow-hash\", \"links\": [{\"dispatcher\": 1, \"port\": 3},"
            + "                                               {\"dispatcher\": 2, \"port\": 4}]}},"
            + "\"dispatchers\": ["
            + "  {\"id\": 1, \"deviceId\": \"of:0000000000000201\", \"trunkPort\": 1, \"sanPort\": 2,"
            + "   \"sanSwitchPort\": 1},"
            + "  {\"id\": 2, \"deviceId\": \"of:0000000000000202\", \"trunkPort\": 1, \"sanPort\": 2,"
            + "   \"sanSwitchPort\": 2}],"
            + "\"san\": {\"deviceId\": \"of:0000000000000300\","
            + "  \"gateway\": {\"ip\": \"203.0.113.1\", \"mac\": \"02:5b:00:00:00:02\"}},"
            + "\"servers\": ["
            + "  {\"name\": \"web-1\", \"ip\": \"203.0.113.11\", \"mac\": \"02:00:00:00:0b:01\", \"sanSwitchPort\": 3},"
            + "  {\"name\": \"web-2\", \"ip\": \"203.0.113.12\", \"mac\": \"02:00:00:00:0b:02\", \"sanSwitchPort\": 4,"
            + "   \"weight\": 2}],"
            + "\"groups\": [{\"name\": \"web\", \"servers\": [\"web-1\", \"web-2\"]}],"
            + "\"services\": [{\"name\": \"web\", \"vip\": \"198.51.100.10\", \"protocol\": \"tcp\", \"port\": 80,"
            + "  \"group\": \"web\"}]"
            + "}";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Fixtures() {
    }

    /** @return a fresh copy of the topology's JSON */
    public static ObjectNode json() {
        try {
            return (ObjectNode) MAPPER.readTree(JSON);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @return a TCP segment from a client to the VIP:80 as the router forwards it onto the trunk (Ethernet
     *     destination still the gateway MAC)
     */
    public static Ethernet clientTcp(String client, int clientPort, short flags) {
        TCP tcp = new TCP();
        tcp.setSourcePort(clientPort);
        tcp.setDestinationPort(80);
        tcp.setFlags(flags);
        tcp.setSequence(1000);
        tcp.setWindowSize((short) 64240);
        IPv4 ip = new IPv4();
        ip.setSourceAddress(Ipv4.parse(client));
        ip.setDestinationAddress(Ipv4.parse(VIP));
        ip.setProtocol(IPv4.PROTOCOL_TCP);
        ip.setTtl((byte) 64);
        ip.setPayload(tcp);
        Ethernet eth = new Ethernet();
        eth.setSourceMACAddress(MacAddress.valueOf("02:00:00:00:0a:01"));
        eth.setDestinationMACAddress(MacAddress.valueOf("02:5b:00:00:00:01"));
        eth.setEtherType(Ethernet.TYPE_IPV4);
        eth.setPayload(ip);
        return eth;
    }

    /** @return a TCP segment from a server's service port back to a client, as it leaves the SAN */
    public static Ethernet serverTcp(String server, String client, int clientPort, short flags) {
        TCP tcp = new TCP();
        tcp.setSourcePort(80);
        tcp.setDestinationPort(clientPort);
        tcp.setFlags(flags);
        tcp.setWindowSize((short) 64240);
        IPv4 ip = new IPv4();
        ip.setSourceAddress(Ipv4.parse(server));
        ip.setDestinationAddress(Ipv4.parse(client));
        ip.setProtocol(IPv4.PROTOCOL_TCP);
        ip.setTtl((byte) 64);
        ip.setPayload(tcp);
        Ethernet eth = new Ethernet();
        eth.setSourceMACAddress(MacAddress.valueOf("02:00:00:00:0b:01"));
        eth.setDestinationMACAddress(MacAddress.valueOf("02:5b:00:00:00:02"));
        eth.setEtherType(Ethernet.TYPE_IPV4);
        eth.setPayload(ip);
        return eth;
    }
}
