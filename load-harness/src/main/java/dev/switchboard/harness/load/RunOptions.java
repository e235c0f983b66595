package dev.switchboard.harness.load;

import org.projectfloodlight.openflow.protocol.OFPacketInReason;

import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * Everything a run needs besides the controller configuration.
 *
 * @param controller where the controller accepts switches
 * @param dispatchers k: the first k dispatchers of the configuration are emulated
 * @param service service to load (name), {@code null} for the first TCP service
 * @param plan rate or outstanding, phases, limits
 * @param firstClient {@link ClientSpace} index of the first session (to use fresh clients against a controller
 *                    that still holds the sessions of an earlier run)
 * @param connectTimeout for connecting and completing every handshake
 * @param settle the controller must have sent no programming message (anything but echo, packet-out and session
 *               rules) for this long before the load starts: it has finished installing its base rules
 * @param settleLimit start anyway after this long
 * @param emulateRouter whether to connect the router switch
 * @param emulateSan whether to connect the SAN switch (when the configuration has one)
 * @param reason packet-in reason of the requests
 * @param controllerPid process to sample for CPU and memory, {@code null} for none
 * @param heapHistogram take class histograms of the controller before the switches connect and after the run, for
 *                      the live heap per session (needs {@code controllerPid})
 * @param label names the run in plots, {@code null} for the default
 * @param command the command line, for the record
 * @param configFile the configuration file, for the record
 */
public record RunOptions(InetSocketAddress controller, int dispatchers, String service, LoadPlan plan,
                         long firstClient, Duration connectTimeout, Duration settle, Duration settleLimit,
                         boolean emulateRouter, boolean emulateSan, OFPacketInReason reason, Long controllerPid,
                         boolean heapHistogram, String label, String command, String configFile) {
    public RunOptions {
        if (heapHistogram && controllerPid == null) {
            throw new IllegalArgumentException("--heap-histogram needs --controller-pid: the histograms are the "
                    + "controller's");
        }
    }
}
