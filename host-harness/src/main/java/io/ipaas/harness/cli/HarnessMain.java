package io.ipaas.harness.cli;

import io.ipaas.connector.api.error.ConnectorException;
import io.ipaas.connector.api.error.ErrorKind;
import io.ipaas.harness.store.StoreException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
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
            RecordsCommand.class,
            AuthCommand.class,
            DemoCommand.class
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
            names = "--plugins",
            paramLabel = "DIR",
            description = "Folder of plugin JARs (default: 'plugins' next to the harness JAR, else ./plugins).",
            scope = CommandLine.ScopeType.INHERIT)
    Path plugins;

    @Spec
    CommandSpec spec;

    /** What commands read from (a pasted redirect URL); the console unless a test gives another. */
    private InputStream in = System.in;

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs one command line; returns the exit code. Used by main and by tests. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        return run(args, System.in, out, err);
    }

    /** Runs one command line reading from {@code in}; returns the exit code. */
    public static int run(String[] args, InputStream in, PrintWriter out, PrintWriter err) {
        configureLogging(homeFrom(args));
        HarnessMain main = new HarnessMain();
        main.in = in;
        CommandLine commandLine = new CommandLine(main);
        commandLine.setOut(out);
        commandLine.setErr(err);
        inheritVersion(commandLine, commandLine.getCommandSpec().versionProvider());
        commandLine.setParameterExceptionHandler(HarnessMain::badArguments);
        commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> handle(e, cmd));
        return commandLine.execute(args);
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
                .println(e.getMessage() + suggestions + "; see: "
                        + command.getCommandSpec().qualifiedName() + " --help");
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
            err.println(failure.getMessage());
            return failure.exitCode();
        }
        if (e instanceof ConnectorException failure) {
            LoggerFactory.getLogger(HarnessMain.class).warn("{} failure", failure.kind(), failure);
            // only a configuration error is fixed in its setting; others name one merely as context
            String field = failure.settingKey()
                    .filter(key -> failure.kind() == ErrorKind.CONFIGURATION)
                    .filter(key -> !failure.getMessage().contains(key))
                    .map(key -> " in setting " + key)
                    .orElse("");
            err.println(failure.kind().name().toLowerCase() + " error" + field + ": " + failure.getMessage());
            return ExitCodes.of(failure.kind());
        }
        if (e instanceof StoreException failure) {
            LoggerFactory.getLogger(HarnessMain.class).error("store failure", failure);
            err.println(failure.getMessage());
            return ExitCodes.OTHER;
        }
        LoggerFactory.getLogger(HarnessMain.class).error("unexpected failure", e);
        err.println("unexpected error: " + e + "; the stack trace is in harness.log in the home folder");
        return ExitCodes.OTHER;
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

    Harness open() {
        try {
            Files.createDirectories(home);
        } catch (IOException e) {
            throw UserFailure.badInput(
                    "cannot create the home folder " + home + " (" + e.getMessage() + "); pass --home DIR");
        }
        return new Harness(home, pluginsFolder());
    }

    static <T> T guarded(Callable<T> body) throws Exception {
        try {
            return body.call();
        } catch (UncheckedIOException e) {
            throw new UserFailure(ExitCodes.OTHER, e.getMessage());
        }
    }

    private static Path homeFrom(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--home") && i + 1 < args.length) {
                return Path.of(args[i + 1]);
            }
            if (args[i].startsWith("--home=")) {
                return Path.of(args[i].substring("--home=".length()));
            }
        }
        return Path.of("./harness-home");
    }

    /** Sends everything the host and plugins log to harness.log; must run before the first logger exists. */
    private static void configureLogging(Path home) {
        if (System.getProperty("org.slf4j.simpleLogger.logFile") != null) {
            return;
        }
        try {
            Files.createDirectories(home);
        } catch (IOException e) {
            return;
        }
        System.setProperty(
                "org.slf4j.simpleLogger.logFile", home.resolve("harness.log").toString());
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "info");
        System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
        System.setProperty("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSZ");
        System.setProperty("org.slf4j.simpleLogger.log.org.pf4j", "warn");
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
