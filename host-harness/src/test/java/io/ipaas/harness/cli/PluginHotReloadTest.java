package io.ipaas.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plugins come and go while serve runs: a JAR dropped into the plugins folder is loaded, a broken one is shown with
 * why, a replaced one is reloaded, a removed one is unloaded; the web UI's plugin page follows.
 */
class PluginHotReloadTest {
    private static final Path BUILT = Path.of(System.getProperty("harness.plugins"));

    @TempDir
    Path home;

    @TempDir
    Path plugins;

    /** Copies a file in as a finished copy: written, then dated a few seconds back. */
    private void drop(Path source, String name) throws Exception {
        Path target = plugins.resolve(name);
        Files.copy(source, target);
        Files.setLastModifiedTime(target, FileTime.from(Instant.now().minusSeconds(5)));
    }

    private static Path built(String prefix) throws Exception {
        try (var files = Files.list(BUILT)) {
            return files.filter(p -> p.getFileName().toString().startsWith(prefix))
                    .findFirst()
                    .orElseThrow();
        }
    }

    @Test
    void aJarDroppedInIsLoadedABrokenOneToldAReplacedOneReloadedAndARemovedOneUnloaded() throws Exception {
        drop(built("connector-example-"), "example.jar");
        Cli.Running serve = Cli.startStoppable(
                home, "--plugins", plugins.toString(), "serve", "--port", "0", "--ui-port", "0", "--for", "120");
        try {
            URI login = URI.create(serve.awaitOutput(Pattern.compile("web UI: (http://\\S+)"), Duration.ofSeconds(30)));
            HttpClient http =
                    HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            String cookie = http.send(HttpRequest.newBuilder(login).build(), HttpResponse.BodyHandlers.discarding())
                    .headers()
                    .firstValue("Set-Cookie")
                    .orElseThrow();
            String session = cookie.substring(0, cookie.indexOf(';'));
            HttpRequest pluginsPage = HttpRequest.newBuilder(login.resolve("/plugins"))
                    .header("Cookie", session)
                    .build();
            assertFalse(http.send(pluginsPage, HttpResponse.BodyHandlers.ofString())
                    .body()
                    .contains("dynamics365"));

            drop(built("connector-dynamics365-"), "dynamics365.jar");
            serve.awaitOutput(Pattern.compile("(plugin dynamics365 loaded)"), Duration.ofSeconds(30));
            assertTrue(http.send(pluginsPage, HttpResponse.BodyHandlers.ofString())
                    .body()
                    .contains("dynamics365"));

            Path broken = plugins.resolve("broken.jar");
            Files.writeString(broken, "not a jar");
            Files.setLastModifiedTime(broken, FileTime.from(Instant.now().minusSeconds(5)));
            serve.awaitOutput(Pattern.compile("(plugin file broken.jar not loaded: .+)"), Duration.ofSeconds(30));
            String page =
                    http.send(pluginsPage, HttpResponse.BodyHandlers.ofString()).body();
            assertTrue(page.contains("broken.jar") && page.contains("not a readable JAR"), page);

            // replaced (a new build copied over it): unloaded and loaded again between serve's passes
            Files.copy(
                    built("connector-dynamics365-"),
                    plugins.resolve("dynamics365.jar"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Files.setLastModifiedTime(
                    plugins.resolve("dynamics365.jar"),
                    FileTime.from(Instant.now().minusSeconds(3)));
            serve.awaitOutput(Pattern.compile("(plugin dynamics365 reloaded)"), Duration.ofSeconds(30));

            Files.delete(plugins.resolve("dynamics365.jar"));
            serve.awaitOutput(Pattern.compile("(plugin dynamics365 unloaded)"), Duration.ofSeconds(30));
            assertFalse(http.send(pluginsPage, HttpResponse.BodyHandlers.ofString())
                    .body()
                    .contains("dynamics365"));
        } finally {
            assertEquals(0, serve.stop().exitCode());
        }
    }
}
