package dev.switchboard.onos.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.onosproject.rest.AbstractWebResource;

import java.io.IOException;
import java.io.InputStream;

/**
 * What the Switchboard resources share: reading a JSON object body with errors the API reports as 400. Errors
 * become JSON by ONOS's exception mappers: {@link IllegalArgumentException} 400, {@code ItemNotFoundException}
 * 404, {@link IllegalStateException} 409, each as {@code {"code": ..., "message": ...}}.
 */
abstract class SwitchboardResource extends AbstractWebResource {
    /**
     * @throws IllegalArgumentException when the body is empty, not JSON or not an object
     */
    ObjectNode readObject(InputStream body) {
        JsonNode tree;
        try {
            tree = mapper().readTree(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("body: malformed JSON (" + e.getOriginalMessage() + ")", e);
        } catch (IOException e) {
            throw new IllegalArgumentException("body: unreadable (" + e.getMessage() + ")", e);
        }
        if (tree == null || tree.isMissingNode()) {
            throw new IllegalArgumentException("body: a JSON object is required");
        }
        if (!tree.isObject()) {
            throw new IllegalArgumentException("body: must be a JSON object");
        }
        return (ObjectNode) tree;
    }
}
