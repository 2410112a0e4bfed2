package io.ipaas.harness.bench;

import io.ipaas.bcsandbox.BcSandbox;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The Business Central sandbox in a child JVM, so the harness JVM's heap and time hold only the harness. Started on
 * a free loopback port; stopped on close, and when this JVM exits.
 */
public final class SandboxProcess implements AutoCloseable {
    private static final long START_TIMEOUT_MS = 60_000;
    private final Process process;
    private final URI baseUri;
    private final Thread stopOnExit;

    private SandboxProcess(Process process, URI baseUri, Thread stopOnExit) {
        this.process = process;
        this.baseUri = baseUri;
        this.stopOnExit = stopOnExit;
    }

    /** Starts {@code BcSandboxMain} with this JVM's class path and waits for its base URL. */
    public static SandboxProcess start(long items, long canadaItems, String clientId, String clientSecret)
            throws IOException {
        return start(items, canadaItems, 0, clientId, clientSecret);
    }

    /** @param documents sales orders, invoices and shipments per company */
    public static SandboxProcess start(
            long items, long canadaItems, long documents, String clientId, String clientSecret) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.ipaas.bcsandbox.BcSandboxMain"));
        command.addAll(
                List.of("--port", "0", "--items", Long.toString(items), "--canada-items", Long.toString(canadaItems)));
        command.addAll(List.of("--client-id", clientId, "--client-secret", clientSecret));
        // the bench measures the data path; BC's request limits are the plugin governor's business, tested elsewhere
        command.addAll(List.of("--limits", "off"));
        if (documents > 0) {
            String count = Long.toString(documents);
            command.addAll(List.of("--sales-orders", count, "--sales-invoices", count, "--sales-shipments", count));
        }
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.PIPE)
                .start();
        Thread stopOnExit = new Thread(process::destroyForcibly, "bench-sandbox-stop");
        Runtime.getRuntime().addShutdownHook(stopOnExit);
        CompletableFuture<URI> baseUri = new CompletableFuture<>();
        StringBuffer seen = new StringBuffer();
        Thread output = new Thread(() -> read(process, baseUri, seen), "bench-sandbox-output");
        output.setDaemon(true);
        output.start();
        try {
            return new SandboxProcess(process, baseUri.get(START_TIMEOUT_MS, TimeUnit.MILLISECONDS), stopOnExit);
        } catch (ExecutionException | TimeoutException e) {
            process.destroyForcibly();
            Runtime.getRuntime().removeShutdownHook(stopOnExit);
            throw new IOException("the sandbox did not start within " + START_TIMEOUT_MS / 1000 + " s: " + seen, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            Runtime.getRuntime().removeShutdownHook(stopOnExit);
            throw new IOException("interrupted while the sandbox started", e);
        }
    }

    /** Reads the banner for the base URL, then keeps reading so the child never blocks on a full pipe. */
    private static void read(Process process, CompletableFuture<URI> baseUri, StringBuffer seen) {
        String marker = "base URL (apiUrl and authorityUrl): ";
        try (BufferedReader lines =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (!baseUri.isDone()) {
                    seen.append(line).append('\n');
                    int at = line.indexOf(marker);
                    if (at >= 0) {
                        baseUri.complete(
                                URI.create(line.substring(at + marker.length()).trim()));
                    }
                }
            }
        } catch (IOException closed) {
            // the child ended
        }
        baseUri.completeExceptionally(new IOException("the sandbox ended"));
    }

    /** CPU time the sandbox process has used so far (zero where the platform does not tell). */
    public Duration cpu() {
        return process.info().totalCpuDuration().orElse(Duration.ZERO);
    }

    public URI baseUri() {
        return baseUri;
    }

    public String tenantId() {
        return BcSandbox.DEFAULT_TENANT_ID;
    }

    public String environment() {
        return BcSandbox.DEFAULT_ENVIRONMENT;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(stopOnExit);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs anyway
        }
    }
}
