package dev.switchboard.onos.rest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.onos.api.DispatchAdminService;
import dev.switchboard.onos.api.DispatchService;
import dev.switchboard.onos.config.ServiceSpec;
import dev.switchboard.onos.config.SwitchboardTopology;
import org.onlab.util.ItemNotFoundException;

import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import java.io.InputStream;
import java.net.URI;
import java.util.List;

/** Balanced services: VIP, protocol and port to a server group. */
@Path("services")
public class ServicesWebResource extends SwitchboardResource {
    /**
     * Lists services.
     *
     * @return 200 OK with {"services": [...]}
     */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response list() {
        ObjectNode root = mapper().createObjectNode();
        ArrayNode array = root.putArray("services");
        for (ServiceSpec s : services()) {
            array.add(codec(ServiceSpec.class).encode(s, this));
        }
        return ok(root).build();
    }

    /**
     * Gets one service.
     *
     * @param name the service's name
     * @return 200 OK with the service; 404 when there is none
     */
    @GET
    @Path("{name}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response get(@PathParam("name") String name) {
        ServiceSpec service = services().stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new ItemNotFoundException("service '" + name + "' does not exist"));
        return ok(codec(ServiceSpec.class).encode(service, this)).build();
    }

    /**
     * Creates a service.
     *
     * @param body {"name", "vip", "protocol" (tcp|udp), "port", "group"}
     * @return 201 CREATED; 400 naming the field that is wrong or the conflict; 409 before any configuration
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response create(InputStream body) {
        ServiceSpec service = codec(ServiceSpec.class).decode(readObject(body), this);
        get(DispatchAdminService.class).addService(service);
        return Response.created(URI.create("services/" + service.name()))
                .entity(codec(ServiceSpec.class).encode(service, this)).build();
    }

    /**
     * Deletes a service; its sessions end as their packets find no service.
     *
     * @param name the service's name
     * @return 204 NO CONTENT; 404 when there is none
     */
    @DELETE
    @Path("{name}")
    public Response delete(@PathParam("name") String name) {
        if (services().stream().noneMatch(s -> s.name().equals(name))) {
            throw new ItemNotFoundException("service '" + name + "' does not exist");
        }
        get(DispatchAdminService.class).removeService(name);
        return Response.noContent().build();
    }

    private List<ServiceSpec> services() {
        return get(DispatchService.class).topology().map(SwitchboardTopology::services).orElse(List.of());
    }
}
