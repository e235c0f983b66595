package dev.switchboard.onos.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.onos.api.DispatchService;
import dev.switchboard.onos.api.DispatchStatistics;
import org.onosproject.codec.CodecContext;
import org.onosproject.codec.JsonCodec;

/** JSON of the statistics ({@code Stats}), as the northbound API shows them. */
public final class DispatchStatisticsCodec extends JsonCodec<DispatchStatistics> {
    @Override
    public ObjectNode encode(DispatchStatistics s, CodecContext context) {
        DispatchService dispatch = context.getService(DispatchService.class);
        return ApiViews.stats(s, dispatch.dispatchers(), dispatch.topology().orElse(null), dispatch.catalog());
    }
}
