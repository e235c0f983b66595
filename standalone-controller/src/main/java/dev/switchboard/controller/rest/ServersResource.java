package dev.switchboard.controller.rest;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.switchboard.api.ApiException;
import dev.switchboard.controller.dispatch.NewServer;
import dev.switchboard.controller.dispatch.SwitchboardService;
import dev.switchboard.dispatch.model.Server;
import dev.switchboard.dispatch.model.ServerState;
import dev.switchboard.dispatch.model.ServiceCatalog;

import java.util.Map;

/** {@code /servers}: add, remove, weight, drain, disable, enable, report load. */
final class ServersResource {
    /**
     * Highest switch port: 0xfeff is the last physical port of OpenFlow 1.0, the oldest version the
     * controller speaks (the configuration file has the same limit).
     */
    static final int MAX_SWITCH_PORT = 0xfeff;

    private final SwitchboardService service;

    ServersResource(SwitchboardService service) {
        this.service = service;
    }

    void register(Router router) {
        router.add("GET", "/api/v1/servers", r -> list())
                .add("POST", "/api/v1/servers", this::create)
                .add("GET", "/api/v1/servers/{name}", r -> Response.ok(view(find(r.path("name")))))
                .add("DELETE", "/api/v1/servers/{name}", this::delete)
                .add("PUT", "/api/v1/servers/{name}/weight", this::weight)
                .add("PUT", "/api/v1/servers/{name}/load", this::load)
                .add("POST", "/api/v1/servers/{name}/drain", r -> state(r, ServerState.DRAINING))
                .add("POST", "/api/v1/servers/{name}/disable", r -> state(r, ServerState.DOWN))
                .add("POST", "/api/v1/servers/{name}/enable", r -> state(r, ServerState.ACTIVE));
    }

    private Response list() {
        ServiceCatalog c = service.catalog();
        Map<Integer, Integer> active = Await.result(service.activeSessionsByServer());
        JsonArray array = new JsonArray();
        for (Server s : c.servers()) {
            array.add(Views.server(s, c, active.getOrDefault(s.index(), 0), service.sanPortOf(s.name())));
        }
        JsonObject root = new JsonObject();
        root.add("servers", array);
        return Response.ok(root);
    }

    private JsonObject view(Server s) {
        Map<Integer, Integer> active = Await.result(service.activeSessionsByServer());
        return Views.server(s, service.catalog(), active.getOrDefault(s.index(), 0), service.sanPortOf(s.name()));
    }

    private Server find(String name) {
        Server s = service.catalog().server(name);
        if (s == null) {
            throw ApiException.notFound("server '" + name + "' does not exist");
        }
        return s;
    }

    private Response create(Request r) {
        JsonFields body = r.body("name", "ip", "mac", "sanSwitchPort", "weight", "group");
        NewServer s = new NewServer(body.name("name"), body.unicastIpv4("ip"), body.optionalMac("mac"),
                body.integer("sanSwitchPort", 1, MAX_SWITCH_PORT), body.integer("weight", 1, 1, Server.MAX_WEIGHT),
                body.optionalName("group"));
        Server created = service.addServer(s);
        return Response.created("/api/v1/servers/" + s.name(), view(created));
    }

    private Response delete(Request r) {
        service.removeServer(r.path("name"));
        return Response.noContent();
    }

    private Response weight(Request r) {
        int weight = r.body("weight").integer("weight", 1, Server.MAX_WEIGHT);
        return Response.ok(view(service.setWeight(r.path("name"), weight)));
    }

    private Response load(Request r) {
        double load = r.body("load").decimal("load", 0.0, 1.0);
        return Response.ok(view(service.reportLoad(r.path("name"), load)));
    }

    private Response state(Request r, ServerState state) {
        r.noBody();
        return Response.ok(view(service.setState(r.path("name"), state)));
    }
}
