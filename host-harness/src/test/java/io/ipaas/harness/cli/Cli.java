package io.ipaas.harness.cli;

import java.io.InputStream;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs the harness in-process and captures what it prints. */
record Cli(int exitCode, String out, String err) {

    private static final Pattern SUBSCRIPTION_ID = Pattern.compile("subscription (sub-[a-z0-9]{8}) ");

    static Cli run(Path home, String... args) {
        return execute(home, InputStream.nullInputStream(), new StringWriter(), System.getenv(), args);
    }

    /** Runs with these environment variables instead of the process's. */
    static Cli runWith(Map<String, String> environment, Path home, String... args) {
        return execute(home, InputStream.nullInputStream(), new StringWriter(), environment, args);
    }

    /** Starts a command on another thread, so a test can read its output while it waits (for a sign-in, say). */
    static Running start(Path home, InputStream in, String... args) {
        StringWriter out = new StringWriter();
        return new Running(
                out, CompletableFuture.supplyAsync(() -> execute(home, in, out, System.getenv(), args)), null);
    }

    /** Starts {@code serve} (or another command that reads 'stop'), with a keyboard to stop it by. */
    static Running startStoppable(Path home, String... args) {
        try {
            java.io.PipedOutputStream keyboard = new java.io.PipedOutputStream();
            java.io.PipedInputStream in = new java.io.PipedInputStream(keyboard);
            StringWriter out = new StringWriter();
            return new Running(
                    out, CompletableFuture.supplyAsync(() -> execute(home, in, out, System.getenv(), args)), keyboard);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Cli execute(
            Path home, InputStream in, StringWriter out, Map<String, String> environment, String... args) {
        List<String> all = new ArrayList<>(List.of("--home", home.toString()));
        all.addAll(List.of(args));
        StringWriter err = new StringWriter();
        int code = HarnessMain.run(all.toArray(String[]::new), in, out, err, environment);
        return new Cli(code, out.toString(), err.toString());
    }

    /** The id of the subscription that {@code subscribe} (or {@code demo}) reported. */
    String subscriptionId() {
        Matcher id = SUBSCRIPTION_ID.matcher(out);
        if (!id.find()) {
            throw new AssertionError("no subscription id in: " + out);
        }
        return id.group(1);
    }

    /** The lines of stderr that are not blank. */
    List<String> errorLines() {
        return err.lines().filter(line -> !line.isBlank()).toList();
    }

    /** A command still running. */
    record Running(StringWriter out, CompletableFuture<Cli> result, java.io.OutputStream keyboard) {

        /** Types 'stop' and waits for the command to end. */
        Cli stop() {
            try {
                keyboard.write("stop\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
                keyboard.flush();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return await();
        }

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
