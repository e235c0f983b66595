package dev.switchboard.harness.config;

import java.util.List;
import java.util.Optional;

/**
 * What the harness needs of the controller's configuration file: the switches to emulate, their ports, the
 * services to load and where the controller listens.
 *
 * @param controllerHost openflow.listen (where the controller accepts switches)
 * @param controllerPort openflow.port
 * @param routerDpid datapath id of the router
 * @param routerPorts client ports then trunk ports of the router
 * @param routerGatewayMac MAC the router answers for the client gateway (destination MAC of client frames)
 * @param dispatchers dispatcher switches in file order
 * @param sanDpid datapath id of the SAN switch, empty when the file has no {@code san} section
 * @param sanPorts the SAN switch's ports: one per dispatcher, then one per server
 * @param services load-balanced services in file order
 */
public record HarnessConfig(String controllerHost, int controllerPort, long routerDpid, List<Integer> routerPorts,
                            long routerGatewayMac, List<DispatcherSpec> dispatchers, Optional<Long> sanDpid,
                            List<Integer> sanPorts, List<ServiceSpec> services) {

    /** Default OpenFlow listen address when the file has no {@code openflow} section. */
    public static final String DEFAULT_HOST = "127.0.0.1";
    /** Default OpenFlow port. */
    public static final int DEFAULT_PORT = 6653;

    public HarnessConfig {
        routerPorts = List.copyOf(routerPorts);
        dispatchers = List.copyOf(dispatchers);
        sanPorts = List.copyOf(sanPorts);
        services = List.copyOf(services);
    }

    /**
     * @param k how many dispatchers to emulate
     * @return the first {@code k} dispatchers of the file
     * @throws ConfigException when the file has fewer
     */
    public List<DispatcherSpec> firstDispatchers(int k) {
        if (k < 1 || k > dispatchers.size()) {
            throw new ConfigException("dispatchers", "--dispatchers " + k + " asks for more dispatchers than the "
                    + dispatchers.size() + " configured (use 1.." + dispatchers.size() + ")");
        }
        return dispatchers.subList(0, k);
    }

    /**
     * @param name a service name, or {@code null} for the first TCP service
     * @return the service connection requests go to
     * @throws ConfigException when there is no such TCP service
     */
    public ServiceSpec service(String name) {
        for (ServiceSpec s : services) {
            if (s.isTcp() && (name == null || s.name().equals(name))) {
                return s;
            }
        }
        if (name == null) {
            throw new ConfigException("services", "no tcp service configured; the harness sends TCP connection "
                    + "requests");
        }
        throw new ConfigException("services", "no tcp service named '" + name + "' (configured: "
                + services.stream().map(s -> s.name() + "/" + s.protocol()).toList() + ")");
    }
}
