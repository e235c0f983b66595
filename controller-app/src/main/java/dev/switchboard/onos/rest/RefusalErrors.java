package dev.switchboard.onos.rest;

import dev.switchboard.api.ApiException;
import dev.switchboard.api.ErrorCode;
import dev.switchboard.onos.api.OperationRefused;

/** Maps a change the manager refused to the API error both the REST resources and the CLI report. */
public final class RefusalErrors {
    private RefusalErrors() {
    }

    /** @return the API error for a change the manager refused */
    public static ApiException of(OperationRefused refused) {
        switch (refused.reason()) {
            case NOT_FOUND:
                return new ApiException(ErrorCode.NOT_FOUND, refused.field(), refused.getMessage());
            case CONFLICT:
                return new ApiException(ErrorCode.CONFLICT, refused.field(), refused.getMessage());
            case UNKNOWN_REFERENCE:
                return new ApiException(ErrorCode.UNKNOWN_REFERENCE, refused.field(), refused.getMessage());
            default:
                return new ApiException(ErrorCode.INVALID_FIELD, refused.field(), refused.getMessage());
        }
    }
}
