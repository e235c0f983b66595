package dev.switchboard.onos.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.api.ErrorCode;
import org.glassfish.jersey.server.model.Resource;
import org.glassfish.jersey.server.model.ResourceMethod;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The document {@code GET /api/v1/openapi.json} serves is docs/openapi.yaml, and it describes exactly the routes
 * the ONOS resources serve and the error codes they answer.
 */
class OpenApiDocumentTest {
    private static final Path CONTRACT = Path.of("../docs/openapi.yaml");

    private static JsonNode served() throws IOException {
        return ApiHarness.MAPPER.readTree(OpenApiWebResource.load());
    }

    @Test
    void theServedDocumentIsDocsOpenapiYaml() throws IOException {
        Object yaml;
        try (Reader in = Files.newBufferedReader(CONTRACT)) {
            yaml = new Yaml().load(in);
        }
        assertThat(served()).isEqualTo(ApiHarness.MAPPER.valueToTree(yaml));
    }

    @Test
    void theDocumentListsExactlyTheRoutesTheResourcesServe() throws IOException {
        Set<String> documented = new TreeSet<>();
        Iterator<String> paths = served().get("paths").fieldNames();
        while (paths.hasNext()) {
            String path = paths.next();
            served().get("paths").get(path).fieldNames().forEachRemaining(method -> {
                if (!method.equals("parameters")) {
                    documented.add(method.toUpperCase(Locale.ROOT) + " " + path);
                }
            });
        }
        Set<String> served = new TreeSet<>();
        for (Class<?> resource : SwitchboardWebApplication.resources()) {
            collect(Resource.from(resource), "", served);
        }
        assertThat(served).isEqualTo(documented);
    }

    private static void collect(Resource resource, String parent, Set<String> routes) {
        String path = parent + "/" + resource.getPath().replaceAll("^/+|/+$", "");
        for (ResourceMethod method : resource.getResourceMethods()) {
            routes.add(method.getHttpMethod() + " " + path.replaceFirst("^/api/v1", ""));
        }
        for (Resource child : resource.getChildResources()) {
            collect(child, path, routes);
        }
    }

    @Test
    void theDocumentsErrorCodesAreTheApis() throws IOException {
        JsonNode codes = served().get("components").get("schemas").get("Error").get("properties").get("error")
                .get("properties").get("code").get("enum");
        Set<String> documented = new TreeSet<>();
        codes.forEach(c -> documented.add(c.asText()));
        assertThat(documented).isEqualTo(Arrays.stream(ErrorCode.values()).map(ErrorCode::apiName)
                .collect(Collectors.toCollection(TreeSet::new)));
    }
}
