package io.ipaas.harness.cli;

import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs the harness in-process and captures what it prints. */
record Cli(int exitCode, String out, String err) {

    static Cli run(Path home, String... args) {
        return start(home, InputStream.nullInputStream(), args).await();
    }

    /** Starts a command on another thread, so a test can read its output while it waits (for a sign-in, say). */
    static Running start(Path home, InputStream in, String... args) {
        List<String> all = new ArrayList<>(List.of("--home", home.toString()));
        all.addAll(List.of(args));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CompletableFuture<Cli> result = CompletableFuture.supplyAsync(() -> {
            int code = HarnessMain.run(all.toArray(String[]::new), in, new PrintWriter(out, true), new PrintWriter(err, true));
            return new Cli(code, out.toString(), err.toString());
        });
        return new Running(out, result);
    }

    /** The lines of stderr that are not blank. */
    List<String> errorLines() {
        return err.lines().filter(line -> !line.isBlank()).toList();
    }

    /** A command still running. */
    record Running(StringWriter out, CompletableFuture<Cli> result) {

        /** Waits until the output matches {@code pattern}; returns the first group. */
        String awaitOutput(Pattern pattern, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                Matcher matcher = pattern.matcher(out.toString());
                if (matcher.find()) {
                    return matcher.group(1);
                }
                if (result.isDone()) {
                    throw new AssertionError("the command ended before printing " + pattern + ": " + result.join());
                }
                Thread.sleep(20);
            }
            throw new AssertionError("no " + pattern + " within " + timeout + " in: " + out);
        }

        Cli await() {
            try {
                return result.get(60, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new AssertionError("the command did not end: " + out, e);
            }
        }
    }
}
