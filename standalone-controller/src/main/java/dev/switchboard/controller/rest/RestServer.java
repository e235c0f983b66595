package dev.switchboard.controller.rest;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.switchboard.api.ApiException;
import dev.switchboard.api.ErrorCode;
import dev.switchboard.api.QueryParameters;
import dev.switchboard.controller.config.RestConfig;
import dev.switchboard.controller.dispatch.OperationRefused;
import dev.switchboard.controller.dispatch.SwitchboardService;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The northbound API of the standalone controller (docs/api.md) on the JDK's HTTP server.
 *
 * <p>Requests run on a small pool of their own threads, never on the OpenFlow event loops: a handler
 * may wait (with a deadline) for the dispatchers, which answer table reads on their own loops, and a
 * slow client can never delay a packet-in.
 */
public final class RestServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RestServer.class);
    /** Largest request body: the biggest legitimate body (a group with many members) is a few KiB. */
    static final int MAX_BODY_BYTES = 1 << 20;
    private static final int THREADS = 4;

    static {
        // The JDK server writes a response's headers and body in separate segments; with Nagle on, the
        // body waits for the client's delayed ACK (40 ms on Linux) on every request. Read once, when the
        // server classes load, so it is set here, before the first server exists.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final Router router;
    private final BearerAuth auth;

    private RestServer(HttpServer server, ExecutorService executor, Router router, BearerAuth auth) {
        this.server = server;
        this.executor = executor;
        this.router = router;
        this.auth = auth;
    }

    /**
     * Binds {@code rest.listen:rest.port} and serves.
     *
     * @throws UncheckedIOException when the address cannot be bound
     */
    public static RestServer start(RestConfig config, SwitchboardService service) {
        Router router = routes(service);
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(config.listen()), config.port()), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + config.listen() + ":" + config.port() + ": "
                    + e.getMessage(), e);
        }
        AtomicInteger threads = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(THREADS, r -> {
            Thread t = new Thread(r, "switchboard-rest-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        RestServer rest = new RestServer(server, executor, router, new BearerAuth(config.token()));
        server.createContext("/", rest::handle);
        server.setExecutor(executor);
        server.start();
        log.info("REST API on http://{}:{}/api/v1 ({})", config.listen(), rest.address().getPort(),
                config.writesEnabled() ? "writes need the bearer token" : "read-only: no rest.token configured");
        return rest;
    }

    /** @return every route of the API */
    static Router routes(SwitchboardService service) {
        Router router = new Router();
        new ServicesResource(service).register(router);
        new GroupsResource(service).register(router);
        new ServersResource(service).register(router);
        new DispatchersResource(service).register(router);
        new SessionsResource(service).register(router);
        new ConfigResource(service).register(router);
        OpenApiResource.register(router);
        SwitchboardMetrics metrics = new SwitchboardMetrics();
        router.add("GET", "/metrics", r -> Response.text(SwitchboardMetrics.CONTENT_TYPE,
                metrics.scrape(Await.result(service.stats()))));
        return router;
    }

    /** @return the bound address (its port, when the configuration asked for port 0) */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    private void handle(HttpExchange exchange) {
        Response response;
        try {
            response = respond(exchange);
        } catch (Router.MethodNotAllowed e) {
            response = Response.error(e.error(), Map.of("Allow", String.join(", ", e.allowed())));
        } catch (ApiException e) {
            response = Response.error(e, e.code() == ErrorCode.UNAUTHORIZED
                    ? Map.of("WWW-Authenticate", "Bearer realm=\"switchboard\"") : Map.of());
        } catch (OperationRefused e) {
            response = Response.error(refusal(e), Map.of());
        } catch (IllegalArgumentException e) {
            // The dispatch model refused a change the API's own checks let through: a state conflict.
            response = Response.error(new ApiException(ErrorCode.CONFLICT, null, e.getMessage()), Map.of());
        } catch (RuntimeException e) {
            log.error("{} {} failed", exchange.getRequestMethod(), exchange.getRequestURI(), e);
            response = Response.error(new ApiException(ErrorCode.INTERNAL, null, "internal error: " + e), Map.of());
        }
        send(exchange, response);
    }

    static ApiException refusal(OperationRefused e) {
        ErrorCode code;
        switch (e.reason()) {
            case NOT_FOUND:
                code = ErrorCode.NOT_FOUND;
                break;
            case CONFLICT:
                code = ErrorCode.CONFLICT;
                break;
            case UNKNOWN_REFERENCE:
                code = ErrorCode.UNKNOWN_REFERENCE;
                break;
            default:
                code = ErrorCode.INVALID_FIELD;
                break;
        }
        return new ApiException(code, e.field(), e.field() == null || e.getMessage().startsWith(e.field() + ":")
                ? e.getMessage() : e.field() + ": " + e.getMessage());
    }

    private Response respond(HttpExchange exchange) {
        URI uri = exchange.getRequestURI();
        String method = exchange.getRequestMethod();
        Router.Match match = router.match(method, uri.getRawPath());
        if (match.route().isWrite()) {
            auth.check(exchange.getRequestHeaders());
        }
        Map<String, String> query = QueryParameters.parse(uri.getRawQuery(), match.route().queryParameters());
        byte[] body = readBody(exchange);
        Request request = new Request(method, match.pathParams(), query, exchange.getRequestHeaders(), body);
        return match.route().handler().handle(request);
    }

    private static byte[] readBody(HttpExchange exchange) {
        String length = exchange.getRequestHeaders().getFirst("Content-Length");
        if (length != null && length.chars().allMatch(Character::isDigit) && length.length() < 19
                && Long.parseLong(length) > MAX_BODY_BYTES) {
            throw tooLarge();
        }
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
            if (body.length > MAX_BODY_BYTES) {
                throw tooLarge();
            }
            return body;
        } catch (IOException e) {
            throw new UncheckedIOException("reading the request body", e);
        }
    }

    private static ApiException tooLarge() {
        return new ApiException(ErrorCode.BODY_TOO_LARGE, null, "the body is larger than " + MAX_BODY_BYTES
                + " bytes");
    }

    private static void send(HttpExchange exchange, Response response) {
        try (exchange) {
            if (response.contentType() != null) {
                exchange.getResponseHeaders().set("Content-Type", response.contentType());
            }
            response.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
            boolean empty = response.body().length == 0;
            exchange.sendResponseHeaders(response.status(), empty ? -1 : response.body().length);
            if (!empty) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(response.body());
                }
            }
        } catch (IOException e) {
            log.debug("client went away before the response was sent: {}", e.toString());
        }
    }

    /**
     * Stops listening and stops the threads. Requests in progress are cut off: a graceful delay would
     * wait out every idle keep-alive connection too.
     */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    /** @return every route of a server for this service, for tests that compare them with the OpenAPI paths */
    static List<Route> routesOf(SwitchboardService service) {
        return routes(service).routes();
    }
}
