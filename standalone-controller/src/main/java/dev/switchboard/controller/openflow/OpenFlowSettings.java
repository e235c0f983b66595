package dev.switchboard.controller.openflow;

import org.projectfloodlight.openflow.protocol.OFVersion;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * How the OpenFlow server listens and talks to switches. Immutable; start from {@link #of(String, int)}
 * and change single settings with the {@code with} methods.
 *
 * @param listenAddress IP address literal to listen on
 * @param port TCP port, 0 for any free port
 * @param workerThreads I/O event loops; each switch is pinned to one of them for its lifetime
 * @param handshakeTimeout a switch not READY this long after connecting is disconnected
 * @param echoInterval a switch silent this long gets an echo request; silent for another interval, it is
 *        disconnected
 * @param preferredVersion the version chosen whenever the switch offers it
 * @param acceptedVersions every version the controller is willing to speak
 */
public record OpenFlowSettings(String listenAddress, int port, int workerThreads, Duration handshakeTimeout,
                               Duration echoInterval, OFVersion preferredVersion, Set<OFVersion> acceptedVersions) {

    /** Versions this controller implements; 1.1 and 1.2 are left out as no switch in use needs them. */
    public static final Set<OFVersion> SUPPORTED_VERSIONS =
            Set.copyOf(EnumSet.of(OFVersion.OF_10, OFVersion.OF_13, OFVersion.OF_14, OFVersion.OF_15));
    /** The version the flow rules are written for first. */
    public static final OFVersion DEFAULT_PREFERRED_VERSION = OFVersion.OF_13;
    /** Long enough for a loaded switch with many ports, short enough that a stuck peer is noticed. */
    public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);
    /** Matches Open vSwitch's default inactivity probe, so both sides notice a dead link alike. */
    public static final Duration DEFAULT_ECHO_INTERVAL = Duration.ofSeconds(5);

    /** Validates and copies. */
    public OpenFlowSettings {
        Objects.requireNonNull(listenAddress, "listenAddress");
        if (port < 0 || port > 0xffff) {
            throw new IllegalArgumentException("port must be 0..65535, was " + port);
        }
        if (workerThreads < 1) {
            throw new IllegalArgumentException("workerThreads must be >= 1, was " + workerThreads);
        }
        requirePositive("handshakeTimeout", handshakeTimeout);
        requirePositive("echoInterval", echoInterval);
        acceptedVersions = Set.copyOf(acceptedVersions);
        if (acceptedVersions.isEmpty() || !SUPPORTED_VERSIONS.containsAll(acceptedVersions)) {
            throw new IllegalArgumentException("acceptedVersions must be a non-empty subset of " + SUPPORTED_VERSIONS
                    + ", was " + acceptedVersions);
        }
        if (!acceptedVersions.contains(preferredVersion)) {
            throw new IllegalArgumentException("preferredVersion " + preferredVersion + " is not accepted");
        }
    }

    /**
     * @return settings for this address with one worker per core and every other setting at its default
     */
    public static OpenFlowSettings of(String listenAddress, int port) {
        return new OpenFlowSettings(listenAddress, port, Runtime.getRuntime().availableProcessors(),
                DEFAULT_HANDSHAKE_TIMEOUT, DEFAULT_ECHO_INTERVAL, DEFAULT_PREFERRED_VERSION, SUPPORTED_VERSIONS);
    }

    public OpenFlowSettings withWorkerThreads(int threads) {
        return new OpenFlowSettings(listenAddress, port, threads, handshakeTimeout, echoInterval, preferredVersion,
                acceptedVersions);
    }

    public OpenFlowSettings withHandshakeTimeout(Duration timeout) {
        return new OpenFlowSettings(listenAddress, port, workerThreads, timeout, echoInterval, preferredVersion,
                acceptedVersions);
    }

    public OpenFlowSettings withEchoInterval(Duration interval) {
        return new OpenFlowSettings(listenAddress, port, workerThreads, handshakeTimeout, interval, preferredVersion,
                acceptedVersions);
    }

    public OpenFlowSettings withVersions(OFVersion preferred, Set<OFVersion> accepted) {
        return new OpenFlowSettings(listenAddress, port, workerThreads, handshakeTimeout, echoInterval, preferred,
                accepted);
    }

    private static void requirePositive(String name, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }
}
