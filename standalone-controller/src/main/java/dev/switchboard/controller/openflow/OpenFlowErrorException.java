package dev.switchboard.controller.openflow;

import org.projectfloodlight.openflow.protocol.OFErrorMsg;

/** Fails a pending request that the switch answered with an OpenFlow error. */
public final class OpenFlowErrorException extends RuntimeException {
    private final transient OFErrorMsg error;

    public OpenFlowErrorException(OFErrorMsg error) {
        super("switch answered with " + error.getErrType() + ": " + error);
        this.error = error;
    }

    /** @return the error the switch sent */
    public OFErrorMsg error() {
        return error;
    }
}
