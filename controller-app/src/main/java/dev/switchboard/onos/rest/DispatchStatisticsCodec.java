package dev.switchboard.onos.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.onos.api.DispatchStatistics;
import org.onosproject.codec.CodecContext;
import org.onosproject.codec.JsonCodec;

/** JSON of the statistics. */
public final class DispatchStatisticsCodec extends JsonCodec<DispatchStatistics> {
    @Override
    public ObjectNode encode(DispatchStatistics s, CodecContext context) {
        ObjectNode node = context.mapper().createObjectNode()
                .put("activeSessions", s.sessions())
                .put("locks", s.locks())
                .put("tombstones", s.tombstones());
        ObjectNode perServer = node.putObject("sessionsPerServer");
        s.sessionsPerServer().forEach(perServer::put);
        ObjectNode counters = node.putObject("counters");
        s.localCounters().forEach((c, v) -> counters.put(DispatcherStatusCodec.CounterNames.of(c), v));
        return node;
    }
}
