package dev.switchboard.controller.rest;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.switchboard.api.ApiException;
import dev.switchboard.api.QueryParameters;
import dev.switchboard.controller.dispatch.DispatcherStatus;
import dev.switchboard.controller.dispatch.SwitchboardService;

import java.util.List;

/** {@code /dispatchers} and {@code /stats}: what the dispatchers are doing. */
final class DispatchersResource {
    private final SwitchboardService service;

    DispatchersResource(SwitchboardService service) {
        this.service = service;
    }

    void register(Router router) {
        router.add("GET", "/api/v1/dispatchers", r -> list())
                .add("GET", "/api/v1/dispatchers/{id}", this::get)
                .add("GET", "/api/v1/stats", r -> Response.ok(Views.stats(Await.result(service.stats()))));
    }

    private Response list() {
        JsonArray array = new JsonArray();
        Await.result(service.dispatchers()).forEach(d -> array.add(Views.dispatcher(d)));
        JsonObject root = new JsonObject();
        root.add("dispatchers", array);
        return Response.ok(root);
    }

    private Response get(Request r) {
        int id = QueryParameters.integer("id", r.path("id"), 0, Integer.MAX_VALUE);
        List<DispatcherStatus> all = Await.result(service.dispatchers());
        return Response.ok(Views.dispatcher(all.stream().filter(d -> d.id() == id).findFirst()
                .orElseThrow(() -> ApiException.notFound("dispatcher " + id + " is not configured"))));
    }
}
