package dev.switchboard.onos.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.ApiException;
import dev.switchboard.api.ErrorCode;
import dev.switchboard.api.Table;
import dev.switchboard.onos.api.DispatchAdminService;
import dev.switchboard.onos.api.OperationRefused;
import dev.switchboard.onos.rest.ApiErrorMapper;
import dev.switchboard.onos.rest.ApiViews;
import dev.switchboard.onos.rest.RefusalErrors;
import org.onosproject.cli.AbstractShellCommand;

/**
 * What the {@code sb-*} commands share. A command runs the same operations as the REST API ({@code *Api} in the
 * rest package) with the body the standalone CLI would send, so both check and answer alike; {@code -j} prints the
 * API's JSON, otherwise an aligned table. A refused request prints one line on stderr:
 * {@code error: server 'ghost' does not exist [not_found]}.
 */
abstract class SwitchboardCommand extends AbstractShellCommand {
    /** Set by tests; in the shell the service comes from the OSGi registry on each call. */
    DispatchAdminService dispatch;

    @Override
    protected final void doExecute() {
        try {
            run();
        } catch (ApiException e) {
            fail(e);
        } catch (OperationRefused e) {
            fail(RefusalErrors.of(e));
        } catch (IllegalStateException e) {
            error("error: %s", e.getMessage());
        }
    }

    /** Runs the command; refusals are reported by {@link #doExecute()}. */
    abstract void run();

    DispatchAdminService dispatch() {
        return dispatch != null ? dispatch : get(DispatchAdminService.class);
    }

    private void fail(ApiException e) {
        if (outputJson()) {
            error("%s", ApiErrorMapper.body(e));
        } else {
            error("error: %s [%s]", e.getMessage(), e.code().apiName());
        }
    }

    /** Prints the JSON with {@code -j}, otherwise the human form. */
    void print(JsonNode answer, Runnable human) {
        if (outputJson()) {
            print("%s", answer);
        } else {
            human.run();
        }
    }

    void print(Table table) {
        table.lines().forEach(line -> print("%s", line));
    }

    /** @return a new JSON object for a request body */
    static ObjectNode body() {
        return ApiViews.MAPPER.createObjectNode();
    }

    /** Puts a command-line value as a JSON integer when it is one, else as text (which the API then refuses). */
    static void putInteger(ObjectNode body, String field, String value) {
        try {
            body.put(field, Integer.parseInt(value));
        } catch (NumberFormatException e) {
            body.put(field, value);
        }
    }

    static String text(JsonNode o, String field) {
        JsonNode e = o.get(field);
        return e == null || e.isNull() ? null : e.asText();
    }

    static String list(JsonNode o, String field) {
        StringBuilder b = new StringBuilder();
        o.get(field).forEach(e -> b.append(b.length() == 0 ? "" : ",").append(e.asText()));
        return b.length() == 0 ? "-" : b.toString();
    }

    /** @throws ApiException naming the missing argument */
    static String require(String value, String what, String usage) {
        if (value == null) {
            throw new ApiException(ErrorCode.MISSING_FIELD, what, what
                    + ": required argument is missing (usage: " + usage + ")");
        }
        return value;
    }

    /** @throws ApiException for an action the command does not know */
    static ApiException unknownAction(String action, String known) {
        return new ApiException(ErrorCode.INVALID_PARAMETER, "action", "action: '"
                + action + "' is not one of " + known);
    }
}
