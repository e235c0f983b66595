package dev.switchboard.controller.rest;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.switchboard.api.ApiException;
import dev.switchboard.controller.dispatch.SwitchboardService;
import dev.switchboard.dispatch.model.ServerGroup;
import dev.switchboard.dispatch.model.ServiceCatalog;

import java.util.List;

/** {@code /groups}: server groups and their members. */
final class GroupsResource {
    private final SwitchboardService service;

    GroupsResource(SwitchboardService service) {
        this.service = service;
    }

    void register(Router router) {
        router.add("GET", "/api/v1/groups", r -> list())
                .add("POST", "/api/v1/groups", this::create)
                .add("GET", "/api/v1/groups/{name}", this::get)
                .add("DELETE", "/api/v1/groups/{name}", this::delete)
                .add("PUT", "/api/v1/groups/{name}/servers/{server}", this::addMember)
                .add("DELETE", "/api/v1/groups/{name}/servers/{server}", this::removeMember);
    }

    private Response list() {
        ServiceCatalog c = service.catalog();
        JsonArray array = new JsonArray();
        c.groups().forEach(g -> array.add(Views.group(g, c)));
        JsonObject root = new JsonObject();
        root.add("groups", array);
        return Response.ok(root);
    }

    private Response get(Request r) {
        ServiceCatalog c = service.catalog();
        ServerGroup g = c.group(r.path("name"));
        if (g == null) {
            throw ApiException.notFound("group '" + r.path("name") + "' does not exist");
        }
        return Response.ok(Views.group(g, c));
    }

    private Response create(Request r) {
        JsonFields body = r.body("name", "servers");
        String name = body.name("name");
        ServerGroup created = service.addGroup(name, body.has("servers") ? body.names("servers")
                : List.of());
        return Response.created("/api/v1/groups/" + name, Views.group(created, service.catalog()));
    }

    private Response delete(Request r) {
        service.removeGroup(r.path("name"));
        return Response.noContent();
    }

    private Response addMember(Request r) {
        r.noBody();
        ServerGroup g = service.addMember(r.path("name"), r.path("server"));
        return Response.ok(Views.group(g, service.catalog()));
    }

    private Response removeMember(Request r) {
        ServerGroup g = service.removeMember(r.path("name"), r.path("server"));
        return Response.ok(Views.group(g, service.catalog()));
    }
}
