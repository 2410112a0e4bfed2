package io.ipaas.kafkaconnect.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The webhook relay as a user runs it: its own JVM, the plugin directory's JARs and Kafka's client on the class path,
 * the connector's configuration file, the public address the remote system calls.
 */
final class RelayProcess implements AutoCloseable {
    private final Process process;
    private final StringBuffer output = new StringBuffer();

    private RelayProcess(Process process) {
        this.process = process;
    }

    static RelayProcess start(Path connectorConfig, String bootstrapServers) throws Exception {
        int port;
        try (var socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String classPath = KafkaAndWorkers.pluginPath().resolve("ipaas-kafka-connect/lib/*")
                + java.io.File.pathSeparator
                + System.getProperty("java.class.path");
        Process process = new ProcessBuilder(List.of(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        classPath,
                        "io.ipaas.kafkaconnect.WebhookRelay",
                        "--connector-config",
                        connectorConfig.toString(),
                        "--bootstrap-servers",
                        bootstrapServers,
                        "--listen",
                        "127.0.0.1:" + port,
                        "--public-url",
                        "http://127.0.0.1:" + port))
                .redirectErrorStream(true)
                .start();
        RelayProcess relay = new RelayProcess(process);
        Thread reader = new Thread(relay::readOutput, "relay-output");
        reader.setDaemon(true);
        reader.start();
        KafkaAndWorkers.await(
                () -> "the relay to listen; it said: " + relay.output(), java.time.Duration.ofSeconds(60), () -> {
                    if (!process.isAlive()) {
                        throw new AssertionError("the relay ended: " + relay.output());
                    }
                    return relay.output().contains("webhook relay listening");
                });
        return relay;
    }

    private void readOutput() {
        try (BufferedReader in =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                output.append(line).append('\n');
            }
        } catch (IOException e) {
            output.append("(output ended: ").append(e).append(")\n");
        }
    }

    String output() {
        return output.toString();
    }

    /** Asks it to stop (a line 'stop'), as an operator would; it removes its webhooks first. */
    @Override
    public void close() throws Exception {
        try (OutputStream in = process.getOutputStream()) {
            in.write("stop\n".getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // already gone
        }
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
