package dev.switchboard.onos.rest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.dispatch.model.Ipv4;
import dev.switchboard.dispatch.table.SessionFlags;
import dev.switchboard.dispatch.table.Stamp;
import dev.switchboard.onos.api.DispatchSession;
import dev.switchboard.onos.api.RegisterKind;
import org.onosproject.codec.CodecContext;
import org.onosproject.codec.JsonCodec;

import java.util.Locale;

/** JSON of a session entry or client lock. */
public final class DispatchSessionCodec extends JsonCodec<DispatchSession> {
    @Override
    public ObjectNode encode(DispatchSession s, CodecContext context) {
        ObjectNode node = context.mapper().createObjectNode()
                .put("id", SessionIds.format(s.key()))
                .put("protocol", s.key().protocol().name().toLowerCase(Locale.ROOT))
                .put("client", Ipv4.format(s.key().clientAddress()))
                .put("clientPort", s.key().clientPort())
                .put("vip", Ipv4.format(s.key().vip()))
                .put("vipPort", s.key().vipPort())
                .put("state", s.kind() == RegisterKind.LOCK ? "lock" : "active")
                .put("dispatcher", s.owner())
                .put("stamp", Stamp.format(s.stamp()))
                .put("updatedMillis", s.updatedMillis());
        if (s.kind() == RegisterKind.ENTRY) {
            node.put("server", s.server())
                    .put("clientFin", (s.flags() & SessionFlags.CLIENT_FIN) != 0)
                    .put("serverFin", (s.flags() & SessionFlags.SERVER_FIN) != 0)
                    .put("reset", (s.flags() & SessionFlags.RESET) != 0);
            ArrayNode idle = node.putArray("idleOn");
            for (int d = 0; d < 64; d++) {
                if ((s.idleMask() & (1L << d)) != 0) {
                    idle.add(d);
                }
            }
        }
        return node;
    }
}
