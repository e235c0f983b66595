package dev.switchboard.onos.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.onos.api.DispatchService;
import dev.switchboard.onos.api.DispatchSession;
import dev.switchboard.onos.api.RegisterKind;
import org.onosproject.codec.CodecContext;
import org.onosproject.codec.JsonCodec;

/** JSON of a session entry ({@code Session}) or client lock ({@code Lock}), as the northbound API shows them. */
public final class DispatchSessionCodec extends JsonCodec<DispatchSession> {
    @Override
    public ObjectNode encode(DispatchSession s, CodecContext context) {
        DispatchService dispatch = context.getService(DispatchService.class);
        return s.kind() == RegisterKind.LOCK ? ApiViews.lock(s, dispatch.catalog())
                : ApiViews.session(s, dispatch.catalog());
    }
}
