package dev.switchboard.controller.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import dev.switchboard.dispatch.model.Ipv4;
import dev.switchboard.dispatch.model.ServerState;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Good paths of services, groups and servers: every change is visible in the API and in the catalog. */
class CatalogApiTest {
    private final ApiFixture api = ApiFixture.start();
    private final ApiClient client = api.client();

    @AfterEach
    void stop() {
        api.close();
    }

    private JsonObject ok(ApiClient.Reply reply, int status) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        return reply.json().getAsJsonObject();
    }

    @Test
    @DisplayName("services: create, list, get, delete")
    void services() {
        ApiClient.Reply created = client.write("POST", "/api/v1/services",
                "{\"name\": \"shop\", \"vip\": \"198.51.100.20\", \"protocol\": \"tcp\", \"port\": 443, "
                        + "\"group\": \"web\"}");
        JsonObject shop = ok(created, 201);
        assertThat(created.header("Location")).hasValue("/api/v1/services/shop");
        assertThat(shop.get("vip").getAsString()).isEqualTo("198.51.100.20");
        assertThat(api.service().catalog().serviceAt(Ipv4.parse("198.51.100.20"), 6, 443).group()).isEqualTo("web");

        JsonArray list = ok(client.get("/api/v1/services"), 200).getAsJsonArray("services");
        assertThat(list).hasSize(4);
        assertThat(list.get(3)).isEqualTo(shop);
        assertThat(ok(client.get("/api/v1/services/shop"), 200)).isEqualTo(shop);

        assertThat(client.write("DELETE", "/api/v1/services/shop", null).status()).isEqualTo(204);
        assertThat(client.get("/api/v1/services/shop").status()).isEqualTo(404);
        assertThat(api.service().catalog().service("shop")).isNull();
    }

    @Test
    @DisplayName("a UDP service may share VIP and port number with a TCP one")
    void udpAndTcpShareAPort() {
        ok(client.write("POST", "/api/v1/services",
                "{\"name\": \"web-udp\", \"vip\": \"198.51.100.10\", \"protocol\": \"udp\", \"port\": 80, "
                        + "\"group\": \"web\"}"),
                201);
        assertThat(api.service().catalog().services()).hasSize(4);
    }

    @Test
    @DisplayName("groups: create, add and remove members, list with the services they serve, delete")
    void groups() {
        JsonObject spare = ok(client.write("POST", "/api/v1/groups", "{\"name\": \"spare\", \"servers\": [\"api-1\"]}"),
                201);
        assertThat(spare.getAsJsonArray("servers")).containsExactly(new JsonPrimitive("api-1"));
        assertThat(spare.getAsJsonArray("services")).isEmpty();

        JsonObject grown = ok(client.write("PUT", "/api/v1/groups/spare/servers/web-2", null), 200);
        assertThat(grown.getAsJsonArray("servers").toString()).isEqualTo("[\"api-1\",\"web-2\"]");
        JsonObject again = ok(client.write("PUT", "/api/v1/groups/spare/servers/web-2", null), 200);
        assertThat(again).as("adding a member twice changes nothing").isEqualTo(grown);

        JsonObject shrunk = ok(client.write("DELETE", "/api/v1/groups/spare/servers/api-1", null), 200);
        assertThat(shrunk.getAsJsonArray("servers").toString()).isEqualTo("[\"web-2\"]");

        JsonObject web = ok(client.get("/api/v1/groups/web"), 200);
        assertThat(web.getAsJsonArray("services").toString()).isEqualTo("[\"web\"]");
        assertThat(ok(client.get("/api/v1/groups"), 200).getAsJsonArray("groups")).hasSize(3);

        assertThat(client.write("DELETE", "/api/v1/groups/spare", null).status()).isEqualTo(204);
        assertThat(api.service().catalog().group("spare")).isNull();
    }

    @Test
    @DisplayName("an empty group can be created without listing servers")
    void emptyGroup() {
        JsonObject empty = ok(client.write("POST", "/api/v1/groups", "{\"name\": \"later\"}"), 201);
        assertThat(empty.getAsJsonArray("servers")).isEmpty();
    }

    @Test
    @DisplayName("servers: add to a group in one step, weight, load, drain, disable, enable, remove")
    void servers() {
        JsonObject web3 = ok(client.write("POST", "/api/v1/servers", "{\"name\": \"web-3\", \"ip\": \"203.0.113.13\", "
                + "\"mac\": \"02:00:00:00:0b:03\", \"sanSwitchPort\": 7, \"weight\": 2, \"group\": \"web\"}"), 201);
        assertThat(web3.get("state").getAsString()).isEqualTo("active");
        assertThat(web3.get("sanSwitchPort").getAsInt()).isEqualTo(7);
        assertThat(web3.get("groups").toString()).isEqualTo("[\"web\"]");
        assertThat(web3.get("activeSessions").getAsInt()).isZero();
        assertThat(api.service().catalog().group("web").members()).hasSize(3);
        assertThat(api.service().sanPortOf("web-3")).isEqualTo(7);

        assertThat(ok(client.write("PUT", "/api/v1/servers/web-3/weight", "{\"weight\": 5}"), 200)
                .get("weight").getAsInt()).isEqualTo(5);
        assertThat(ok(client.write("PUT", "/api/v1/servers/web-3/load", "{\"load\": 0.7}"), 200)
                .get("load").getAsDouble()).isEqualTo(0.7);
        assertThat(api.service().catalog().server("web-3").reportedLoad()).isEqualTo(0.7);

        assertThat(ok(client.write("POST", "/api/v1/servers/web-3/drain", null), 200).get("state").getAsString())
                .isEqualTo("draining");
        assertThat(api.service().catalog().server("web-3").state()).isEqualTo(ServerState.DRAINING);
        assertThat(ok(client.write("POST", "/api/v1/servers/web-3/disable", "{}"), 200).get("state").getAsString())
                .isEqualTo("disabled");
        assertThat(api.service().catalog().server("web-3").state()).isEqualTo(ServerState.DOWN);
        assertThat(ok(client.write("POST", "/api/v1/servers/web-3/enable", null), 200).get("state").getAsString())
                .isEqualTo("active");

        ok(client.write("DELETE", "/api/v1/groups/web/servers/web-3", null), 200);
        assertThat(client.write("DELETE", "/api/v1/servers/web-3", null).status()).isEqualTo(204);
        assertThat(client.get("/api/v1/servers/web-3").status()).isEqualTo(404);
        assertThat(api.service().sanPortOf("web-3")).as("its SAN port is free again").isEqualTo(-1);
        ok(client.write("POST", "/api/v1/servers",
                "{\"name\": \"web-4\", \"ip\": \"203.0.113.14\", \"sanSwitchPort\": 7}"), 201);
    }

    @Test
    @DisplayName("a server without a MAC is listed with mac null, to be learned by ARP")
    void serverWithoutMac() {
        JsonObject api1 = ok(client.get("/api/v1/servers/api-1"), 200);
        assertThat(api1.get("mac").isJsonNull()).isTrue();
        assertThat(api1.get("weight").getAsInt()).isEqualTo(1);
    }

    @Test
    @DisplayName("names are percent-decoded in paths")
    void percentEncodedNames() {
        assertThat(client.get("/api/v1/servers/web%2D1").status()).isEqualTo(200);
        assertThat(client.get("/api/v1/servers/web-1/").status()).as("a trailing slash is ignored").isEqualTo(200);
    }
}
