package dev.switchboard.controller;

import dev.switchboard.controller.openflow.SwitchConnection;
import dev.switchboard.controller.openflow.SwitchListener;
import org.projectfloodlight.openflow.protocol.OFErrorMsg;
import org.projectfloodlight.openflow.protocol.OFFlowRemoved;
import org.projectfloodlight.openflow.protocol.OFPacketIn;
import org.projectfloodlight.openflow.protocol.OFPortStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logs switch events and does nothing else; what runs until the dispatch logic is wired in. */
public final class LoggingSwitchListener implements SwitchListener {
    private static final Logger log = LoggerFactory.getLogger(LoggingSwitchListener.class);

    @Override
    public void switchReady(SwitchConnection connection) {
        log.info("{} ready, ports {}", connection, connection.ports().keySet());
    }

    @Override
    public void switchDisconnected(SwitchConnection connection) {
        log.info("{} gone", connection);
    }

    @Override
    public void packetIn(SwitchConnection connection, OFPacketIn packetIn) {
        log.debug("{}: packet-in {} bytes", connection, packetIn.getData().length);
    }

    @Override
    public void flowRemoved(SwitchConnection connection, OFFlowRemoved flowRemoved) {
        log.debug("{}: flow removed, cookie {}", connection, flowRemoved.getCookie());
    }

    @Override
    public void portStatus(SwitchConnection connection, OFPortStatus portStatus) {
        log.info("{}: port {} {}", connection, portStatus.getDesc().getPortNo(), portStatus.getReason());
    }

    @Override
    public void error(SwitchConnection connection, OFErrorMsg error) {
        log.warn("{}: error {}", connection, error);
    }
}
