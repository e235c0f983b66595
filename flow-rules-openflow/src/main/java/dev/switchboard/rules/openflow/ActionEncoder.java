package dev.switchboard.rules.openflow;

import dev.switchboard.rules.Action;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.protocol.action.OFAction;
import org.projectfloodlight.openflow.protocol.action.OFActions;
import org.projectfloodlight.openflow.protocol.oxm.OFOxms;
import org.projectfloodlight.openflow.types.IPv4Address;
import org.projectfloodlight.openflow.types.MacAddress;
import org.projectfloodlight.openflow.types.OFGroup;
import org.projectfloodlight.openflow.types.OFPort;

import java.util.ArrayList;
import java.util.List;

/** Encodes rule model actions (without goto-table) as openflowj actions of one OpenFlow version. */
final class ActionEncoder {
    /** OFPCML_NO_BUFFER: the switch sends the whole packet to the controller and buffers nothing. */
    static final int CONTROLLER_MAX_LEN = 0xffff;

    private final OFFactory factory;
    private final OFActions actions;
    private final boolean of10;

    ActionEncoder(OFFactory factory) {
        this.factory = factory;
        this.actions = factory.actions();
        this.of10 = factory.getVersion() == OFVersion.OF_10;
    }

    List<OFAction> encode(List<Action> list, Object context) {
        List<OFAction> encoded = new ArrayList<>(list.size());
        for (Action a : list) {
            encoded.add(encode(a, context));
        }
        return encoded;
    }

    private OFAction encode(Action a, Object context) {
        return switch (a.type()) {
            case OUTPUT -> actions.output(MatchEncoder.port(factory.getVersion(), a.port(), context), 0);
            case OUTPUT_IN_PORT -> actions.output(OFPort.IN_PORT, 0);
            case OUTPUT_CONTROLLER -> actions.output(OFPort.CONTROLLER, CONTROLLER_MAX_LEN);
            case SET_ETH_SRC -> of10 ? actions.setDlSrc(MacAddress.of(a.mac()))
                    : actions.setField(oxms().ethSrc(MacAddress.of(a.mac())));
            case SET_ETH_DST -> of10 ? actions.setDlDst(MacAddress.of(a.mac()))
                    : actions.setField(oxms().ethDst(MacAddress.of(a.mac())));
            case SET_IPV4_SRC -> of10 ? actions.setNwSrc(IPv4Address.of(a.ipv4()))
                    : actions.setField(oxms().ipv4Src(IPv4Address.of(a.ipv4())));
            case SET_IPV4_DST -> of10 ? actions.setNwDst(IPv4Address.of(a.ipv4()))
                    : actions.setField(oxms().ipv4Dst(IPv4Address.of(a.ipv4())));
            case GROUP -> {
                if (of10) {
                    throw new UnsupportedOperationException("OpenFlow 1.0 has no groups: " + context);
                }
                yield actions.group(OFGroup.of((int) a.groupId()));
            }
            case GOTO_TABLE -> throw new IllegalStateException(a + " is an instruction, not an action: " + context);
        };
    }

    private OFOxms oxms() {
        return factory.oxms();
    }
}
