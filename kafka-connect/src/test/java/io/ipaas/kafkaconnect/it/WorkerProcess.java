package io.ipaas.kafkaconnect.it;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * A distributed Connect worker in its own JVM, started as a user starts one ({@code ConnectDistributed} and a
 * properties file), so a test can kill it with SIGKILL: no shutdown, no last commit, no goodbye to the group.
 */
final class WorkerProcess implements AutoCloseable {
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Process process;
    private final URI rest;
    private final Path log;

    private WorkerProcess(Process process, URI rest, Path log) {
        this.process = process;
        this.rest = rest;
        this.log = log;
    }

    static WorkerProcess start(Map<String, String> config) throws Exception {
        int port;
        try (var socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Properties properties = new Properties();
        properties.putAll(config);
        properties.put("listeners", "http://127.0.0.1:" + port);
        Path file = Files.createTempFile("worker", ".properties");
        try (OutputStream out = Files.newOutputStream(file)) {
            properties.store(out, "a test's Connect worker");
        }
        Path log = Files.createTempFile("worker", ".log");
        Process process = new ProcessBuilder(List.of(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx384m",
                        "-Dorg.slf4j.simpleLogger.defaultLogLevel=info",
                        "-cp",
                        System.getProperty("java.class.path"),
                        "org.apache.kafka.connect.cli.ConnectDistributed",
                        file.toString()))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        WorkerProcess worker = new WorkerProcess(process, URI.create("http://127.0.0.1:" + port), log);
        KafkaAndWorkers.await(() -> "the worker's REST API; it said: " + worker.tail(), Duration.ofSeconds(60), () -> {
            if (!process.isAlive()) {
                throw new AssertionError("the worker ended: " + worker.tail());
            }
            return worker.answers();
        });
        return worker;
    }

    Path log() {
        return log;
    }

    URI rest() {
        return rest;
    }

    private boolean answers() {
        try {
            return HTTP.send(
                                    HttpRequest.newBuilder(rest.resolve("/connectors"))
                                            .timeout(Duration.ofSeconds(2))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString())
                            .statusCode()
                    == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** SIGKILL: the JVM gets no chance to stop its tasks, commit offsets or leave the group. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                kill();
            }
        }
    }
}
