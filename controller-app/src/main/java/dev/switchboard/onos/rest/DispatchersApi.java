package dev.switchboard.onos.rest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.ApiException;
import dev.switchboard.api.QueryParameters;
import dev.switchboard.onos.api.DispatchService;
import dev.switchboard.onos.api.DispatcherStatus;

import java.util.List;

/** {@code /dispatchers} and {@code /stats}: what the dispatchers are doing, for the REST resource and the CLI. */
public final class DispatchersApi {
    private final DispatchService dispatch;

    public DispatchersApi(DispatchService dispatch) {
        this.dispatch = dispatch;
    }

    /** @return {@code {"dispatchers": [Dispatcher]}}, every configured dispatcher */
    public ObjectNode list() {
        ObjectNode root = ApiViews.MAPPER.createObjectNode();
        ArrayNode array = root.putArray("dispatchers");
        dispatch.dispatchers().forEach(d -> array.add(ApiViews.dispatcher(d)));
        return root;
    }

    /**
     * @param idText the path segment
     * @throws ApiException 400 when it is not an integer, 404 when no dispatcher has that id
     */
    public ObjectNode get(String idText) {
        int id = QueryParameters.integer("id", idText, 0, Integer.MAX_VALUE);
        List<DispatcherStatus> all = dispatch.dispatchers();
        return ApiViews.dispatcher(all.stream().filter(d -> d.id() == id).findFirst()
                .orElseThrow(() -> ApiException.notFound("dispatcher " + id + " is not configured")));
    }

    /** @return {@code Stats} */
    public ObjectNode stats() {
        return ApiViews.stats(dispatch.statistics(), dispatch.dispatchers(), dispatch.topology().orElse(null),
                dispatch.catalog());
    }
}
