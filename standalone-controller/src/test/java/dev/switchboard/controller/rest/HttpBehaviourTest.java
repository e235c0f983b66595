package dev.switchboard.controller.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** What every resource shares: authentication, method and size limits, the error body, reads without a token. */
class HttpBehaviourTest {
    private final ApiFixture api = ApiFixture.start();
    private final ApiClient client = api.client();

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    @DisplayName("reads need no token")
    void readsAreOpen() {
        for (String path : new String[] {"/api/v1/services", "/api/v1/groups", "/api/v1/servers",
            "/api/v1/dispatchers", "/api/v1/sessions", "/api/v1/locks", "/api/v1/stats", "/api/v1/config",
            "/api/v1/openapi.json", "/metrics"}) {
            assertThat(client.get(path).status()).as(path).isEqualTo(200);
        }
    }

    @Test
    @DisplayName("401 carries WWW-Authenticate: Bearer; the scheme name is case-insensitive")
    void unauthorized() {
        ApiClient.Reply reply = client.send("POST", "/api/v1/servers/web-1/drain", null, null, null);
        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.header("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        assertThat(client.send("POST", "/api/v1/servers/web-1/drain", null, null, "Basic Zm9vOmJhcg==").status())
                .isEqualTo(401);
        assertThat(client.send("POST", "/api/v1/servers/web-1/drain", null, null, "bearer " + ApiFixture.TOKEN)
                .status()).isEqualTo(200);
    }

    @Test
    @DisplayName("without a configured token the API is read-only: writes get 403 writes_disabled")
    void readOnlyWithoutToken() {
        try (ApiFixture readOnly = ApiFixture.readOnly()) {
            ApiClient.Reply reply = readOnly.client().write("POST", "/api/v1/servers/web-1/drain", null);
            assertThat(reply.status()).isEqualTo(403);
            assertThat(reply.errorCode()).isEqualTo("writes_disabled");
            assertThat(readOnly.client().get("/api/v1/servers").status()).isEqualTo(200);
        }
    }

    @Test
    @DisplayName("405 lists the allowed methods in Allow")
    void methodNotAllowed() {
        ApiClient.Reply reply = client.write("PUT", "/api/v1/services", "{}");
        assertThat(reply.status()).isEqualTo(405);
        assertThat(reply.header("Allow")).hasValue("GET, POST");
        assertThat(reply.errorCode()).isEqualTo("method_not_allowed");
    }

    /**
     * Over a raw socket: a client that keeps sending a huge body while the server has already answered
     * may see a reset instead of the answer (an HTTP client's race, not the server's), so the test
     * declares the size and sends only a little of it, as a client that waits for the answer would.
     */
    @Test
    @DisplayName("a body declared over 1 MiB gets 413 before it is read, and changes nothing")
    void bodyTooLarge() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", Integer.parseInt(client.base().replaceAll(".*:", "")))) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write(("POST /api/v1/groups HTTP/1.1\r\nHost: localhost\r\n"
                    + "Authorization: Bearer " + ApiFixture.TOKEN + "\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + (RestServer.MAX_BODY_BYTES + 1) + "\r\n\r\n{\"name\": \"x")
                    .getBytes(StandardCharsets.US_ASCII));
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII));
            assertThat(in.readLine()).startsWith("HTTP/1.1 413");
            // The server may keep the connection open for the rest of the body: read up to the error code.
            StringBuilder rest = new StringBuilder();
            for (int c = in.read(); c >= 0 && rest.indexOf("body_too_large") < 0; c = in.read()) {
                rest.append((char) c);
            }
            assertThat(rest.toString()).contains("\"code\": \"body_too_large");
        }
        assertThat(api.service().catalog().groups()).hasSize(2);
    }

    @Test
    @DisplayName("an unknown path is a JSON 404")
    void unknownPath() {
        ApiClient.Reply reply = client.get("/");
        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.errorCode()).isEqualTo("not_found");
    }

    @Test
    @DisplayName("a request line the HTTP server cannot parse is refused with a 400, not a server error")
    void badEncoding() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", Integer.parseInt(client.base().replaceAll(".*:", "")))) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write(("GET /api/v1/servers/web%zz HTTP/1.1\r\nHost: localhost\r\n"
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String status = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII)).readLine();
            assertThat(status).startsWith("HTTP/1.1 400");
        }
    }
}
