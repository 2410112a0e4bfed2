package io.ipaas.harness.cli;

import io.ipaas.connector.api.Connector;
import io.ipaas.connector.api.auth.AuthKind;
import io.ipaas.connector.api.auth.AuthState;
import io.ipaas.connector.api.auth.AuthStatus;
import io.ipaas.harness.plugin.LoadedPlugin;
import io.ipaas.harness.store.Subscription;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
        mixinStandardHelpOptions = true,
        name = "auth",
        description = "Sign in, check or forget a subscription's sign-in.",
        subcommands = {AuthCommand.Connect.class, AuthCommand.Status.class, AuthCommand.Disconnect.class})
final class AuthCommand implements Runnable {
    @ParentCommand
    HarnessMain main;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw HarnessMain.missingSubcommand(spec);
    }

    /**
     * What a user does to resume a subscription whose connection is not CONNECTED: the connector's own hint (which
     * credential, where), then how to do it in this host.
     */
    static String whatToDo(AuthKind kind, AuthStatus status, Subscription subscription) {
        String how = kind.interactive()
                ? "sign in with: auth connect " + subscription.id()
                : "replace the credential in the settings file and run: subscribe " + subscription.pluginId()
                        + " --name " + subscription.name() + " --settings FILE";
        return status.reconnectHint().map(hint -> hint + "; ").orElse("") + how;
    }

    @Command(
            mixinStandardHelpOptions = true,
            name = "connect",
            description = "Sign in as a user (authorization code with PKCE): prints the sign-in URL and "
                    + "waits for the redirect on a loopback port, or reads the redirect URL you paste.")
    static final class Connect implements Callable<Integer> {
        @ParentCommand
        AuthCommand auth;

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "SUBSCRIPTION")
        String subscriptionId;

        @Option(
                names = "--port",
                defaultValue = "0",
                description = "Loopback port for the redirect (default: any free port).")
        int port;

        @Option(names = "--paste", description = "Do not listen; paste the URL the browser was redirected to.")
        boolean paste;

        @Option(
                names = "--redirect-uri",
                description = "With --paste: the redirect URI registered on the app "
                        + "(default: http://127.0.0.1:PORT/callback).")
        URI redirectUri;

        @Option(
                names = "--timeout",
                defaultValue = "600",
                description = "Seconds to wait for the redirect (default: ${DEFAULT-VALUE}).")
        int timeoutSeconds;

        @Override
        public Integer call() throws IOException {
            var out = spec.commandLine().getOut();
            try (Harness harness = auth.main.open()) {
                Subscription subscription = harness.subscription(subscriptionId);
                LoadedPlugin plugin = harness.plugin(subscription.pluginId());
                try (Connector connector = harness.open(plugin, subscription)) {
                    AuthKind kind = harness.call(plugin, () -> connector.auth().kind());
                    if (!kind.interactive()) {
                        throw UserFailure.badInput("subscription " + subscription.id() + " authenticates with " + kind
                                + ", which needs no user sign-in; choose a user sign-in in its settings to sign in as a"
                                + " user");
                    }
                    SignIn signIn = new SignIn(harness);
                    Map<String, String> callback;
                    if (paste) {
                        URI redirect = redirectUri != null
                                ? redirectUri
                                : URI.create("http://127.0.0.1:" + (port == 0 ? 8765 : port) + "/callback");
                        out.println("open this address in a browser and sign in:");
                        out.println(signIn.begin(plugin, connector, subscription.id(), redirect));
                        out.println(
                                "then paste the address the browser was sent to (it starts with " + redirect + "):");
                        out.flush();
                        String line = new BufferedReader(new InputStreamReader(auth.main.in(), StandardCharsets.UTF_8))
                                .readLine();
                        if (line == null || line.isBlank()) {
                            throw UserFailure.badInput("no redirect address was pasted; run auth connect again");
                        }
                        callback = SignIn.query(pasted(line.trim()).getRawQuery());
                    } else {
                        try (LoopbackReceiver receiver = new LoopbackReceiver(port)) {
                            out.println("open this address in a browser and sign in (waiting up to " + timeoutSeconds
                                    + " s):");
                            out.println(signIn.begin(plugin, connector, subscription.id(), receiver.redirectUri()));
                            out.flush();
                            callback = receiver.await(Duration.ofSeconds(timeoutSeconds))
                                    .orElseThrow(() -> new UserFailure(
                                            ExitCodes.AUTHENTICATION,
                                            "no sign-in arrived within " + timeoutSeconds
                                                    + " s; run auth connect again (or use --paste)"));
                        }
                    }
                    AuthStatus status = signIn.complete(plugin, connector, subscription.id(), callback);
                    out.println("signed in: " + status.message());
                    return ExitCodes.OK;
                }
            }
        }
    }

    private static URI pasted(String line) {
        try {
            return new URI(line);
        } catch (URISyntaxException e) {
            throw UserFailure.badInput("the pasted text is not an address (" + e.getReason() + " at character "
                    + (e.getIndex() + 1) + "); paste the whole address the browser was sent to, after running auth"
                    + " connect --paste again");
        }
    }

    @Command(
            mixinStandardHelpOptions = true,
            name = "status",
            description = "Show whether a subscription can sign in, and what to do if not.")
    static final class Status implements Callable<Integer> {
        @ParentCommand
        AuthCommand auth;

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "SUBSCRIPTION")
        String subscriptionId;

        @Override
        public Integer call() {
            try (Harness harness = auth.main.open()) {
                Subscription subscription = harness.subscription(subscriptionId);
                LoadedPlugin plugin = harness.plugin(subscription.pluginId());
                try (Connector connector = harness.open(plugin, subscription)) {
                    AuthStatus status =
                            harness.call(plugin, () -> connector.auth().status());
                    spec.commandLine()
                            .getOut()
                            .println(subscription.id() + ": " + status.state() + " — " + status.message()
                                    + status.credentialExpiresAt()
                                            .map(t -> " (credential valid until " + t + ")")
                                            .orElse(""));
                    if (status.state() != AuthState.CONNECTED) {
                        spec.commandLine()
                                .getOut()
                                .println(whatToDo(
                                        harness.call(
                                                plugin, () -> connector.auth().kind()),
                                        status,
                                        subscription));
                    }
                    return ExitCodes.OK;
                }
            }
        }
    }

    @Command(mixinStandardHelpOptions = true, name = "disconnect", description = "Forget a subscription's tokens.")
    static final class Disconnect implements Callable<Integer> {
        @ParentCommand
        AuthCommand auth;

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "SUBSCRIPTION")
        String subscriptionId;

        @Override
        public Integer call() {
            try (Harness harness = auth.main.open()) {
                Subscription subscription = harness.subscription(subscriptionId);
                LoadedPlugin plugin = harness.plugin(subscription.pluginId());
                try (Connector connector = harness.open(plugin, subscription)) {
                    harness.call(plugin, () -> {
                        connector.auth().disconnect();
                        return null;
                    });
                    spec.commandLine().getOut().println("tokens of " + subscription.id() + " forgotten on this host.");
                    harness.call(plugin, () -> connector.auth().revokeHint())
                            .ifPresent(spec.commandLine().getOut()::println);
                    return ExitCodes.OK;
                }
            }
        }
    }
}
