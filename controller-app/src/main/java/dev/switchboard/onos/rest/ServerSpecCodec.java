package dev.switchboard.onos.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.onos.config.ServerSpec;
import dev.switchboard.onos.config.TopologyCodec;
import org.onosproject.codec.CodecContext;
import org.onosproject.codec.JsonCodec;
import org.onosproject.net.config.InvalidFieldException;

/**
 * JSON of a server, the same object as in the netcfg {@code servers} list. Decoding accepts an extra
 * {@code group} field (the group to add the server to), which the resource reads itself.
 */
public final class ServerSpecCodec extends JsonCodec<ServerSpec> {
    @Override
    public ObjectNode encode(ServerSpec server, CodecContext context) {
        return TopologyCodec.encodeServer(server, context.mapper());
    }

    /**
     * @throws IllegalArgumentException naming the field that is wrong
     */
    @Override
    public ServerSpec decode(ObjectNode json, CodecContext context) {
        try {
            return TopologyCodec.server(json, "", "group");
        } catch (InvalidFieldException e) {
            throw new IllegalArgumentException(TopologyCodec.describe(e), e);
        }
    }
}
