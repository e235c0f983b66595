package dev.switchboard.controller.cli;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Calls the REST API for the CLI and turns every failure into a {@link CliFailure} with one line. */
final class CliClient {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final String base;
    private final String token;

    /**
     * @param url the controller, such as {@code http://127.0.0.1:8181}
     * @param token the bearer token for writes, or {@code null}
     */
    CliClient(String url, String token) {
        this.base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        this.token = token;
    }

    static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    JsonElement get(String path) {
        return send("GET", path, null);
    }

    /**
     * @param body JSON to send, or {@code null}
     * @return the response's JSON, or {@code null} for 204
     */
    JsonElement send(String method, String path, JsonObject body) {
        URI uri;
        try {
            uri = URI.create(base + "/api/v1" + path);
        } catch (IllegalArgumentException e) {
            throw new CliFailure(SwitchboardCli.EXIT_USAGE, "bad --url '" + base + "': " + e.getMessage());
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(TIMEOUT)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body.toString()));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null && !method.equals("GET")) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            throw new CliFailure(SwitchboardCli.EXIT_UNREACHABLE, "cannot reach the controller at " + base
                    + ": connection refused");
        } catch (HttpTimeoutException e) {
            throw new CliFailure(SwitchboardCli.EXIT_UNREACHABLE, "the controller at " + base
                    + " did not answer within " + TIMEOUT.toSeconds() + " s");
        } catch (IOException e) {
            throw new CliFailure(SwitchboardCli.EXIT_UNREACHABLE, "cannot reach the controller at " + base + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliFailure(SwitchboardCli.EXIT_UNREACHABLE, "interrupted");
        }
        if (response.statusCode() == 204) {
            return null;
        }
        JsonElement json;
        try {
            json = JsonParser.parseString(response.body());
        } catch (JsonParseException e) {
            throw new CliFailure(SwitchboardCli.EXIT_REFUSED, "HTTP " + response.statusCode() + " from " + uri
                    + " without a JSON body (is --url a Switchboard controller?)");
        }
        if (response.statusCode() >= 400) {
            throw new CliFailure(SwitchboardCli.EXIT_REFUSED, describe(response.statusCode(), json));
        }
        return json;
    }

    private static String describe(int status, JsonElement json) {
        if (json.isJsonObject() && json.getAsJsonObject().has("error")) {
            JsonObject error = json.getAsJsonObject().getAsJsonObject("error");
            String advice = status == 401 ? " (give --token or set SWITCHBOARD_TOKEN)" : "";
            return error.get("message").getAsString() + advice + " [" + error.get("code").getAsString() + ", HTTP "
                    + status + "]";
        }
        return "HTTP " + status;
    }
}
