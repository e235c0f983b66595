package dev.switchboard.controller.rest;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.switchboard.api.ApiException;
import dev.switchboard.controller.dispatch.SwitchboardService;
import dev.switchboard.dispatch.model.Protocol;
import dev.switchboard.dispatch.model.Service;

import java.util.Map;

/** {@code /services}: VIP + protocol + port, served by a server group. */
final class ServicesResource {
    static final Map<String, Protocol> PROTOCOLS = Map.of("tcp", Protocol.TCP, "udp", Protocol.UDP);

    private final SwitchboardService service;

    ServicesResource(SwitchboardService service) {
        this.service = service;
    }

    void register(Router router) {
        router.add("GET", "/api/v1/services", r -> list())
                .add("POST", "/api/v1/services", this::create)
                .add("GET", "/api/v1/services/{name}", r -> Response.ok(Views.service(find(r.path("name")))))
                .add("DELETE", "/api/v1/services/{name}", this::delete);
    }

    private Response list() {
        JsonArray array = new JsonArray();
        service.catalog().services().forEach(s -> array.add(Views.service(s)));
        JsonObject root = new JsonObject();
        root.add("services", array);
        return Response.ok(root);
    }

    private Service find(String name) {
        Service s = service.catalog().service(name);
        if (s == null) {
            throw ApiException.notFound("service '" + name + "' does not exist");
        }
        return s;
    }

    private Response create(Request r) {
        JsonFields body = r.body("name", "vip", "protocol", "port", "group");
        String name = body.name("name");
        int vip = body.unicastIpv4("vip");
        Protocol protocol = body.choice("protocol", PROTOCOLS);
        int port = body.integer("port", 1, 0xffff);
        String group = body.name("group");
        Service created = service.addService(name, vip, protocol, port, group);
        return Response.created("/api/v1/services/" + name, Views.service(created));
    }

    private Response delete(Request r) {
        service.removeService(r.path("name"));
        return Response.noContent();
    }
}
