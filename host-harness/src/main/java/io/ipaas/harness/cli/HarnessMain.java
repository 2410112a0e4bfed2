package io.ipaas.harness.cli;

import io.ipaas.connector.api.error.ConnectorException;
import io.ipaas.connector.api.error.ErrorKind;
import io.ipaas.harness.logging.HarnessLog;
import io.ipaas.harness.secrets.MasterKey;
import io.ipaas.harness.secrets.SecretKeyException;
import io.ipaas.harness.store.Store;
import io.ipaas.harness.store.StoreException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The harness command line. */
@Command(
        name = "host-harness",
        mixinStandardHelpOptions = true,
        versionProvider = HarnessMain.Version.class,
        description = "A small integration host for connector plugins.",
        subcommands = {
            PluginsCommand.class,
            SchemaCommand.class,
            ValidateCommand.class,
            SubscribeCommand.class,
            PullCommand.class,
            PushCommand.class,
            ServeCommand.class,
            StatusCommand.class,
            LifecycleCommands.Pause.class,
            LifecycleCommands.Resume.class,
            LifecycleCommands.Unsubscribe.class,
            RetryCommand.class,
            VerifyCommand.class,
            ResetCommand.class,
            RecordsCommand.class,
            AuthCommand.class,
            SecretsCommand.class,
            DemoCommand.class,
            BenchCommand.class
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:ok",
            "1:anything else (see harness.log in the home folder)",
            "2:bad input",
            "3:authentication or permission",
            "4:remote or transient failure"
        })
public final class HarnessMain implements Runnable {
    @Option(
            names = "--home",
            paramLabel = "DIR",
            description = "Where the harness keeps its store, key and log (default: ${DEFAULT-VALUE}).",
            defaultValue = "./harness-home",
            scope = CommandLine.ScopeType.INHERIT)
    Path home;

    @Option(
            names = "--store",
            paramLabel = "URL",
            description = "A PostgreSQL database for the store instead of the file in --home, shared by several harness"
                    + " processes: jdbc:postgresql://HOST:PORT/DATABASE?user=NAME, its password in the environment"
                    + " variable " + Store.PASSWORD_VARIABLE + " (the key and the log stay in --home).",
            scope = CommandLine.ScopeType.INHERIT)
    String store;

    @Option(
            names = "--plugins",
            paramLabel = "DIR",
            description = "Folder of plugin JARs (default: 'plugins' next to the harness JAR, else ./plugins).",
            scope = CommandLine.ScopeType.INHERIT)
    Path plugins;

    @Spec
    CommandSpec spec;

    /**
     * Sets {@link #HTTP_BUFFER_PROPERTY} unless the command line did ({@code -Djdk.httpclient.bufsize=…} wins). Runs
     * before any HTTP client exists: the JDK reads the property once, when its client first starts.
     */
    static void useLargeHttpBuffers() {
        if (System.getProperty(HTTP_BUFFER_PROPERTY) == null) {
            System.setProperty(HTTP_BUFFER_PROPERTY, Integer.toString(HTTP_BUFFER_BYTES));
        }
    }

    /** What commands read from (a pasted redirect URL); the console unless a test gives another. */
    private InputStream in = System.in;

    /** The process environment, or what a test gives instead. */
    private Map<String, String> environment = System.getenv();

    /** The JDK HTTP client's read-buffer size property (java.net.http module documentation; 16 KiB by default). */
    static final String HTTP_BUFFER_PROPERTY = "jdk.httpclient.bufsize";
    /**
     * The read buffer the harness gives the JDK HTTP client its plugins use: pages of a few MB then take a quarter
     * of the reads and hand-offs (measured, 1M items in pages of 20,000: the client's selector thread 1.9 s of CPU
     * at 16 KiB, 0.8-1.0 s at 64 KiB, no better at 256 KiB).
     */
    static final int HTTP_BUFFER_BYTES = 64 * 1024;

    public static void main(String[] args) {
        useLargeHttpBuffers();
        // a thread of a plugin or library that dies says so in harness.log, not with a stack trace on the terminal
        Thread.setDefaultUncaughtExceptionHandler((thread, e) ->
                LoggerFactory.getLogger(HarnessMain.class).error("uncaught failure in thread {}", thread.getName(), e));
        System.exit(run(args, System.in, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs one command line reading from {@code in}; returns the exit code. */
    public static int run(String[] args, InputStream in, PrintWriter out, PrintWriter err) {
        return run(args, in, out, err, System.getenv());
    }

    /** Runs one command line with the given environment; returns the exit code. Used by main and by tests. */
    static int run(String[] args, InputStream in, Writer out, Writer err, Map<String, String> environment) {
        PrintWriter shownOut = new PrintWriter(new PrintableWriter(out), true);
        PrintWriter shownErr = new PrintWriter(new PrintableWriter(err), true);
        try {
            HarnessMain main = new HarnessMain();
            main.in = in;
            main.environment = environment;
            CommandLine commandLine = new CommandLine(main);
            commandLine.setOut(shownOut);
            commandLine.setErr(shownErr);
            // escape codes would be escaped by PrintableWriter anyway; plain help reads the same everywhere
            commandLine.setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
            inheritVersion(commandLine, commandLine.getCommandSpec().versionProvider());
            commandLine.setParameterExceptionHandler(HarnessMain::badArguments);
            commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> handle(e, cmd));
            return commandLine.execute(args);
        } catch (RuntimeException | Error e) {
            // picocli hands only Exceptions to the handler; an Error (a plugin's missing class, say) ends up here
            return unexpected(e, shownErr);
        } finally {
            shownOut.flush();
            shownErr.flush();
        }
    }

    /** No subcommand given: a usage error like any other, not an unexplained failure. */
    @Override
    public void run() {
        throw missingSubcommand(spec);
    }

    static CommandLine.ParameterException missingSubcommand(CommandSpec spec) {
        return new CommandLine.ParameterException(
                spec.commandLine(),
                "'" + spec.qualifiedName() + "' needs a command: "
                        + String.join(", ", spec.subcommands().keySet()));
    }

    /** One line naming what was wrong with the arguments and where the help is, instead of the whole usage text. */
    private static int badArguments(CommandLine.ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        String suggestions = e instanceof CommandLine.UnmatchedArgumentException unmatched
                        && !unmatched.getSuggestions().isEmpty()
                ? " (did you mean " + String.join(" or ", unmatched.getSuggestions()) + "?)"
                : "";
        command.getErr()
                .println(PrintableWriter.oneLine(e.getMessage() + suggestions + "; see: "
                        + command.getCommandSpec().qualifiedName() + " --help"));
        return ExitCodes.BAD_INPUT;
    }

    /** Subcommands print the harness's version too. */
    private static void inheritVersion(CommandLine command, CommandLine.IVersionProvider version) {
        for (CommandLine sub : command.getSubcommands().values()) {
            sub.getCommandSpec().versionProvider(version);
            inheritVersion(sub, version);
        }
    }

    private static int handle(Exception e, CommandLine command) {
        PrintWriter err = command.getErr();
        if (e instanceof UserFailure failure) {
            err.println(PrintableWriter.oneLine(failure.getMessage()));
            return failure.exitCode();
        }
        if (e instanceof SecretKeyException failure) {
            LoggerFactory.getLogger(HarnessMain.class).warn("secret key problem: {}", failure.getMessage());
            err.println(PrintableWriter.oneLine(failure.getMessage()));
            return ExitCodes.BAD_INPUT;
        }
        if (e instanceof ConnectorException failure) {
            LoggerFactory.getLogger(HarnessMain.class).warn("{} failure", failure.kind(), failure);
            // only a configuration error is fixed in its setting; others name one merely as context
            String field = failure.settingKey()
                    .filter(key -> failure.kind() == ErrorKind.CONFIGURATION)
                    .filter(key -> !failure.getMessage().contains(key))
                    .map(key -> " in setting " + key)
                    .orElse("");
            err.println(PrintableWriter.oneLine(
                    failure.kind().name().toLowerCase(Locale.ROOT) + " error" + field + ": " + failure.getMessage()));
            return ExitCodes.of(failure.kind());
        }
        if (e instanceof StoreException failure) {
            LoggerFactory.getLogger(HarnessMain.class).error("store failure", failure);
            err.println(PrintableWriter.oneLine(failure.getMessage() + traceWhere()));
            return ExitCodes.OTHER;
        }
        return unexpected(e, err);
    }

    /** Anything else: one line naming it and where its stack trace went. */
    private static int unexpected(Throwable e, PrintWriter err) {
        LoggerFactory.getLogger(HarnessMain.class).error("unexpected failure", e);
        err.println(PrintableWriter.oneLine("unexpected error: " + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : ": " + e.getMessage()) + traceWhere()));
        return ExitCodes.OTHER;
    }

    private static String traceWhere() {
        return HarnessLog.file()
                .map(file -> "; the stack trace is in " + file)
                .orElse("; no stack trace was kept (the home folder's log could not be written)");
    }

    /** The plugins folder: the option, else next to the running JAR, else ./plugins. */
    Path pluginsFolder() {
        if (plugins != null) {
            return plugins;
        }
        String fromProperty = System.getProperty("harness.plugins");
        if (fromProperty != null) {
            return Path.of(fromProperty);
        }
        try {
            Path location = Path.of(HarnessMain.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
            Path beside =
                    (Files.isRegularFile(location) ? location.getParent() : location.getParent()).resolve("plugins");
            if (Files.isDirectory(beside)) {
                return beside;
            }
        } catch (URISyntaxException | RuntimeException ignored) {
            // fall through to the working directory
        }
        return Path.of("plugins");
    }

    InputStream in() {
        return in;
    }

    /** The harness with store and secret key, for commands that use subscriptions. */
    Harness open() {
        Harness harness =
                Harness.open(home, pluginsFolder(), environment.get(MasterKey.ENVIRONMENT_VARIABLE), storeChoice());
        startLog();
        return harness;
    }

    /** The harness with its store but no secret key, for commands that must work while the key is lost. */
    Harness openWithoutKey() {
        Harness harness = Harness.withoutKey(home, pluginsFolder(), storeChoice());
        startLog();
        return harness;
    }

    private StoreChoice storeChoice() {
        return new StoreChoice(
                Optional.ofNullable(store), Optional.ofNullable(environment.get(Store.PASSWORD_VARIABLE)));
    }

    /** Plugins only: works with a read-only home or a lost key (nothing is logged when the home is not writable). */
    Harness plugins() {
        try {
            HomeFolder.prepare(home);
            startLog();
        } catch (UserFailure unusableHome) {
            // these commands keep nothing in the home; they run without a log
        }
        return Harness.pluginsOnly(home, pluginsFolder());
    }

    String environment(String name) {
        return environment.get(name);
    }

    private void startLog() {
        HarnessLog.writeTo(home)
                .ifPresent(file -> LoggerFactory.getLogger(HarnessMain.class)
                        .info(
                                "{} started",
                                spec.commandLine().getParseResult().asCommandLineList().stream()
                                        .map(c -> c.getCommandName())
                                        .reduce((a, b) -> a + " " + b)
                                        .orElse("host-harness")));
    }

    /** Version from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = HarnessMain.class.getPackage().getImplementationVersion();
            return new String[] {
                "host-harness " + (version == null ? "dev" : version) + ", connector API "
                        + io.ipaas.connector.api.ConnectorApi.VERSION
            };
        }
    }
}
