package io.ipaas.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Every command, nested ones included, answers --help and -h; a new command without help fails here. */
class HelpTest {
    @TempDir
    Path home;

    /** Every command path of the tree, read from picocli's model, so a command added later is walked too. */
    static List<List<String>> commandPaths() {
        List<List<String>> paths = new ArrayList<>();
        collect(new CommandLine(new HarnessMain()), new ArrayList<>(), paths);
        return paths;
    }

    private static void collect(CommandLine command, List<String> path, List<List<String>> paths) {
        paths.add(List.copyOf(path));
        for (Map.Entry<String, CommandLine> sub : command.getSubcommands().entrySet()) {
            List<String> next = new ArrayList<>(path);
            next.add(sub.getKey());
            collect(sub.getValue(), next, paths);
        }
    }

    @Test
    void theTreeHoldsTheKnownCommands() {
        List<String> names =
                commandPaths().stream().map(path -> String.join(" ", path)).toList();
        assertTrue(
                names.containsAll(List.of("plugins", "auth connect", "auth status", "auth disconnect")),
                names.toString());
    }

    @TestFactory
    Stream<DynamicTest> everyCommandAnswersHelp() {
        return commandPaths().stream()
                .flatMap(path -> Stream.of("--help", "-h").map(flag -> {
                    String name = ("host-harness " + String.join(" ", path)).trim();
                    return DynamicTest.dynamicTest(name + " " + flag, () -> {
                        List<String> args = new ArrayList<>(path);
                        args.add(flag);
                        // picocli reports a help text it cannot format (a lone '%') on the process's stderr
                        ByteArrayOutputStream processErr = new ByteArrayOutputStream();
                        PrintStream original = System.err;
                        System.setErr(new PrintStream(processErr, true, StandardCharsets.UTF_8));
                        Cli cli;
                        try {
                            cli = Cli.run(home, args.toArray(String[]::new));
                        } finally {
                            System.setErr(original);
                        }
                        assertEquals(0, cli.exitCode(), cli.err());
                        assertEquals("", cli.err());
                        assertEquals("", processErr.toString(StandardCharsets.UTF_8));
                        assertTrue(cli.out().startsWith("Usage: " + name), cli.out());
                    });
                }));
    }

    @TestFactory
    Stream<DynamicTest> everyCommandAnswersVersion() {
        return commandPaths().stream()
                .map(path -> DynamicTest.dynamicTest(String.join(" ", path) + " --version", () -> {
                    List<String> args = new ArrayList<>(path);
                    args.add("--version");
                    Cli cli = Cli.run(home, args.toArray(String[]::new));
                    assertEquals(0, cli.exitCode(), cli.err());
                    assertTrue(cli.out().startsWith("host-harness "), cli.out());
                }));
    }

    @Test
    void aWrongArgumentIsOneLineNamingItAndWhereHelpIs() {
        Cli unknown = Cli.run(home, "pull", "--fulll", "sub-x", "items");
        assertEquals(2, unknown.exitCode());
        assertEquals(1, unknown.errorLines().size(), unknown.err());
        assertTrue(unknown.err().contains("'--fulll'"), unknown.err());
        assertTrue(unknown.err().contains("see: host-harness pull --help"), unknown.err());

        Cli missing = Cli.run(home, "validate", "dynamics365");
        assertEquals(2, missing.exitCode());
        assertEquals(1, missing.errorLines().size(), missing.err());
        assertTrue(missing.err().contains("FILE"), missing.err());

        Cli notANumber = Cli.run(home, "records", "sub-x", "items", "--limit", "many");
        assertEquals(2, notANumber.exitCode());
        assertEquals(1, notANumber.errorLines().size(), notANumber.err());
        assertTrue(notANumber.err().contains("--limit"), notANumber.err());
    }

    @Test
    void aCommandGroupWithoutItsCommandSaysWhichCommandsItHas() {
        Cli auth = Cli.run(home, "auth");
        assertEquals(2, auth.exitCode());
        assertEquals(1, auth.errorLines().size(), auth.err());
        assertTrue(auth.err().contains("connect, status, disconnect"), auth.err());

        Cli root = Cli.run(home);
        assertEquals(2, root.exitCode());
        assertEquals(1, root.errorLines().size(), root.err());
        assertTrue(root.err().contains("plugins"), root.err());
    }
}
