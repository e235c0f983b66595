package dev.switchboard.controller.rest;

import dev.switchboard.api.ApiException;
import dev.switchboard.api.ErrorCode;
import dev.switchboard.controller.dispatch.OperationRefused;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Waits on a REST thread (never an event loop) for work the dispatchers do on their own threads,
 * with a deadline: a dispatcher that does not answer makes the request fail with 503, not hang.
 */
final class Await {
    /** Longer than the per-dispatcher read timeout, so partial answers win over a 503. */
    static final Duration TIMEOUT = Duration.ofSeconds(5);

    private Await() {
    }

    static <T> T result(CompletableFuture<T> future) {
        try {
            return future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new ApiException(ErrorCode.UNAVAILABLE, null, "the dispatchers did not answer within "
                    + TIMEOUT.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(ErrorCode.UNAVAILABLE, null, "interrupted while waiting for the dispatchers");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof OperationRefused refused) {
                throw refused;
            }
            throw new IllegalStateException("dispatcher query failed: " + e.getCause(), e.getCause());
        }
    }
}
