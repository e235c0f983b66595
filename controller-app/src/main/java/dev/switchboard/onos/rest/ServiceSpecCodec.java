package dev.switchboard.onos.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.onos.config.ServiceSpec;
import dev.switchboard.onos.config.TopologyCodec;
import org.onosproject.codec.CodecContext;
import org.onosproject.codec.JsonCodec;
import org.onosproject.net.config.InvalidFieldException;

/** JSON of a service, the same object as in the netcfg {@code services} list. */
public final class ServiceSpecCodec extends JsonCodec<ServiceSpec> {
    @Override
    public ObjectNode encode(ServiceSpec service, CodecContext context) {
        return TopologyCodec.encodeService(service, context.mapper());
    }

    /**
     * @throws IllegalArgumentException naming the field that is wrong
     */
    @Override
    public ServiceSpec decode(ObjectNode json, CodecContext context) {
        try {
            return TopologyCodec.service(json, "");
        } catch (InvalidFieldException e) {
            throw new IllegalArgumentException(TopologyCodec.describe(e), e);
        }
    }
}
