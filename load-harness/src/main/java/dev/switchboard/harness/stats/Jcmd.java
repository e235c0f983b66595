package dev.switchboard.harness.stats;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs {@code jcmd PID COMMAND} against the controller. The jcmd next to the harness's own java is preferred: the
 * JDK that runs the harness is the one known to be there, and a jcmd of another version may refuse to attach.
 */
public final class Jcmd {
    private Jcmd() {
    }

    /** @return jcmd beside the running java, else plain {@code jcmd} from the PATH */
    static Path executable() {
        return ProcessHandle.current().info().command()
                .map(java -> Path.of(java).resolveSibling("jcmd"))
                .filter(Files::isExecutable)
                .orElse(Path.of("jcmd"));
    }

    /**
     * @param pid the target process
     * @param command the diagnostic command, e.g. {@code GC.heap_info}
     * @param timeout how long jcmd may take before it is killed
     * @return jcmd's output (standard output and error)
     * @throws IOException when jcmd cannot be started, exits with an error or takes longer than the timeout (the
     *                     message says which, with the output)
     * @throws InterruptedException when interrupted while waiting (jcmd is killed)
     */
    public static String run(long pid, String command, Duration timeout) throws IOException, InterruptedException {
        Path jcmd = executable();
        Process p = new ProcessBuilder(jcmd.toString(), Long.toString(pid), command)
                .redirectErrorStream(true)
                .start();
        try {
            // Read on another thread: a stuck jcmd must not block past the timeout, and reading concurrently keeps
            // a large output (a class histogram is ~100 KB) from filling the pipe and stalling jcmd.
            CompletableFuture<String> output = new CompletableFuture<>();
            Thread reader = new Thread(() -> {
                try (InputStream in = p.getInputStream()) {
                    output.complete(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                } catch (IOException e) {
                    output.completeExceptionally(e);
                }
            }, "harness-jcmd-reader");
            reader.setDaemon(true);
            reader.start();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IOException(jcmd + " " + pid + " " + command + " did not finish within "
                        + timeout.toSeconds() + " s");
            }
            String text;
            try {
                text = output.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException | TimeoutException e) {
                throw new IOException(jcmd + " " + pid + " " + command + ": reading its output failed: " + e, e);
            }
            if (p.exitValue() != 0) {
                throw new IOException(jcmd + " " + pid + " " + command + " exited with " + p.exitValue() + ": "
                        + firstLines(text));
            }
            return text;
        } finally {
            if (p.isAlive()) {
                p.destroyForcibly();
            }
        }
    }

    private static String firstLines(String text) {
        String trimmed = text.strip();
        return trimmed.length() <= 300 ? trimmed : trimmed.substring(0, 300) + "...";
    }
}
