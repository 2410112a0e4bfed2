package io.ipaas.harness.cli;

import io.ipaas.harness.ui.UiServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
        mixinStandardHelpOptions = true,
        name = "serve",
        description = "Run the host: receive webhooks for every active subscription of the home (on 127.0.0.1 unless"
                + " --bind says otherwise), subscribe each entity the remote notifies about and poll the others, pull"
                + " an entity when notices for it arrive or its interval passes, and serve the web UI on 127.0.0.1:8091"
                + " (the address with its token is printed). Stops on Ctrl-C, after --for, or on a line 'stop'.")
final class ServeCommand implements Callable<Integer> {
    @ParentCommand
    HarnessMain main;

    @Spec
    CommandSpec spec;

    /** How often the plugins folder is looked at for JARs dropped in, replaced or removed. */
    private static final long PLUGIN_LOOK_NANOS = 2_000_000_000L;

    @Option(
            names = "--port",
            defaultValue = "8090",
            description = "Port of the webhook endpoint (default: ${DEFAULT-VALUE}; 0: a free one).")
    int port;

    @Option(
            names = "--bind",
            defaultValue = "127.0.0.1",
            description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String bind;

    @Option(
            names = "--public-url",
            description = "The address the remote system reaches the endpoint at (a tunnel or reverse proxy), e.g."
                    + " https://hooks.example.com; default: http://BIND:PORT.")
    URI publicUrl;

    @Option(
            names = "--poll-interval",
            defaultValue = "300",
            description = "Seconds between pulls of an entity without notices (default: ${DEFAULT-VALUE}); webhook"
                    + " entities are pulled this often too, to reconcile.")
    long pollSeconds;

    @Option(
            names = "--reconcile-interval",
            defaultValue = "3600",
            description = "Seconds between comparisons of every entity's stored keys with the remote's, which"
                    + " delete what the remote no longer has (default: ${DEFAULT-VALUE}).")
    long reconcileSeconds;

    @Option(
            names = "--ui-port",
            defaultValue = "8091",
            description = "Port of the web UI on 127.0.0.1 (default: ${DEFAULT-VALUE}; 0: a free one). serve prints the"
                    + " address to open, with its access token.")
    int uiPort;

    @Option(
            names = "--ui-bind",
            defaultValue = "127.0.0.1",
            description = "Address of the web UI (default: ${DEFAULT-VALUE}); another one only when other machines"
                    + " must reach it, with a warning.")
    String uiBind;

    @Option(names = "--no-ui", description = "Serve no web UI.")
    boolean noUi;

    @Option(names = "--no-webhooks", description = "Poll every entity; subscribe to nothing.")
    boolean noWebhooks;

    @Option(
            names = "--for",
            paramLabel = "SECONDS",
            description = "Stop after this long (default: run until stopped; a line 'stop' on standard input also ends"
                    + " it after the current pass).")
    Long forSeconds;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (port < 0 || port > 65535) {
            throw UserFailure.badInput("--port must be 0 to 65535");
        }
        if (uiPort < 0 || uiPort > 65535) {
            throw UserFailure.badInput("--ui-port must be 0 to 65535");
        }
        if (reconcileSeconds < 1) {
            throw UserFailure.badInput("--reconcile-interval must be at least 1 second");
        }
        if (pollSeconds < 1) {
            throw UserFailure.badInput("--poll-interval must be at least 1 second");
        }
        if (forSeconds != null && forSeconds < 0) {
            throw UserFailure.badInput("--for must be 0 or more seconds");
        }
        InetAddress address;
        try {
            address = InetAddress.getByName(bind);
        } catch (IOException e) {
            throw UserFailure.badInput("--bind: no such address '" + bind + "'");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!address.isLoopbackAddress()) {
            err.println("warning: the webhook endpoint listens on " + bind + ", reachable from other machines");
        }
        try (Harness harness = main.open()) {
            List<io.ipaas.harness.store.Subscription> active = harness.store().subscriptions().stream()
                    .filter(s -> s.status().equals("ACTIVE"))
                    .toList();
            if (active.isEmpty() && noUi) {
                throw UserFailure.badInput("no active subscription in this home; subscribe one first, or leave out"
                        + " --no-ui and create one in the web UI");
            }
            try (Serve serve = new Serve(
                    harness,
                    Clock.systemUTC(),
                    Duration.ofSeconds(pollSeconds),
                    address,
                    port,
                    Optional.ofNullable(publicUrl),
                    out)) {
                out.println("serving " + active.size() + " subscription(s); webhooks on port " + serve.port());
                out.flush();
                serve.reconcileEvery(Duration.ofSeconds(reconcileSeconds));
                serve.setUp(active, !noWebhooks);
                Optional<UiServer> ui = noUi ? Optional.empty() : startUi(harness, serve, out, err);
                long end = forSeconds == null ? Long.MAX_VALUE : System.nanoTime() + forSeconds * 1_000_000_000L;
                AtomicBoolean stop = stopOnRequest(main.in(), out);
                long nextPluginLook = 0;
                while (System.nanoTime() < end
                        && !stop.get()
                        && !Thread.currentThread().isInterrupted()) {
                    if (System.nanoTime() >= nextPluginLook) {
                        serve.refreshPlugins();
                        nextPluginLook = System.nanoTime() + PLUGIN_LOOK_NANOS;
                    }
                    serve.tick();
                    serve.sendDueOutbox();
                    serve.reconcileDue();
                    Thread.sleep(200);
                }
                ui.ifPresent(UiServer::close);
            }
            return ExitCodes.OK;
        }
    }

    /**
     * The web UI on loopback unless asked otherwise. A port in use leaves serve running without it, and says so: the
     * webhooks matter more than the pages.
     */
    private Optional<UiServer> startUi(Harness harness, Serve serve, PrintWriter out, PrintWriter err)
            throws IOException {
        InetAddress address;
        try {
            address = InetAddress.getByName(uiBind);
        } catch (IOException e) {
            throw UserFailure.badInput("--ui-bind: no such address '" + uiBind + "'");
        }
        if (!address.isLoopbackAddress()) {
            err.println("warning: the web UI listens on " + uiBind + ", reachable from other machines; anyone with"
                    + " its address and token can change subscriptions");
        }
        try {
            UiServer ui = UiServer.start(address, uiPort, new UiHost(harness, serve, !noWebhooks));
            out.println("web UI: " + ui.loginUrl());
            out.flush();
            return Optional.of(ui);
        } catch (java.net.BindException e) {
            err.println("warning: the web UI could not listen on " + uiBind + ":" + uiPort + " (" + e.getMessage()
                    + "); serve runs without it; choose another port with --ui-port");
            err.flush();
            return Optional.empty();
        }
    }

    /**
     * Watches standard input for a line 'stop': a clean end between passes (no pull cut off, the endpoint closed, the
     * leases released). The end of the input changes nothing, so serve runs on with its input closed.
     */
    private static AtomicBoolean stopOnRequest(InputStream in, PrintWriter out) {
        AtomicBoolean stop = new AtomicBoolean();
        Thread reader = new Thread(
                () -> {
                    try (BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                            if (line.strip().equals("stop")) {
                                out.println("stopping after this pass");
                                out.flush();
                                stop.set(true);
                                return;
                            }
                        }
                    } catch (IOException e) {
                        // an input that cannot be read cannot ask to stop; --for and signals still end serve
                    }
                },
                "serve-stop");
        reader.setDaemon(true);
        reader.start();
        return stop;
    }
}
