package dev.switchboard.onos.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.onos.api.DispatcherStatus;
import org.onosproject.codec.CodecContext;
import org.onosproject.codec.JsonCodec;

/** JSON of a dispatcher's status ({@code Dispatcher}), as the northbound API shows it. */
public final class DispatcherStatusCodec extends JsonCodec<DispatcherStatus> {
    @Override
    public ObjectNode encode(DispatcherStatus d, CodecContext context) {
        return ApiViews.dispatcher(d);
    }
}
