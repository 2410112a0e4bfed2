package io.ipaas.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipaas.bcsandbox.BcSandbox;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web UI in a real browser: Debian's headless Chromium driven through its chromedriver (installed by .ci/run).
 * An engineer opens the address serve printed, starts a Business Central subscription from a profile, fixes the field
 * the form marks, subscribes, runs a pull and reads the counts on the dashboard. Screenshots land in
 * target/ui-screenshots.
 */
class WebUiBrowserTest {
    private static final String CLIENT_ID = "7e2c4a9b-1d3f-4b6a-8c0e-5f7a9b1c3d2e";
    private static final String SECRET = "web-ui-secret-93c1";
    private static final Path SCREENSHOTS = Path.of("target", "ui-screenshots");
    private static BcSandbox sandbox;

    @TempDir
    Path home;

    @BeforeAll
    static void start() {
        sandbox = BcSandbox.builder()
                .items(40)
                .customers(12)
                .client(CLIENT_ID, SECRET)
                .build()
                .start();
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    private static ChromeDriver browser() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(Path.of("/usr/bin/chromium").toFile());
        options.addArguments(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
                "--window-size=1280,1600");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile())
                .usingAnyFreePort()
                .build();
        return new ChromeDriver(service, options);
    }

    private static void shot(ChromeDriver driver, String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Files.write(SCREENSHOTS.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
    }

    /** serve with its UI on a free port, polling only (the sandbox's webhooks need no browser). */
    private Cli.Running serve() {
        return Cli.startStoppable(
                home,
                "serve",
                "--port",
                "0",
                "--ui-port",
                "0",
                "--no-webhooks",
                "--poll-interval",
                "3600",
                "--for",
                "180");
    }

    private static String storedCount(ChromeDriver driver, String unit) {
        var cells = driver.findElements(By.cssSelector("tr[data-unit='" + unit + "'] td.stored"));
        return cells.isEmpty() ? "" : cells.get(0).getText();
    }

    private static void type(ChromeDriver driver, String key, String value) {
        WebElement field = driver.findElement(By.id("f-" + key));
        if (field.getTagName().equals("select")) {
            new Select(field).selectByValue(value);
        } else {
            field.clear();
            field.sendKeys(value);
        }
    }

    @Test
    void anEngineerSubscribesFromTheGeneratedFormAndSeesThePullOnTheDashboard() throws Exception {
        Cli.Running serve = serve();
        String login = serve.awaitOutput(Pattern.compile("web UI: (http://\\S+)"), Duration.ofSeconds(30));
        ChromeDriver driver = browser();
        try {
            WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
            driver.get(login);
            assertTrue(driver.getTitle().startsWith("Subscriptions"), driver.getTitle());
            shot(driver, "1-overview");

            driver.findElement(By.cssSelector("a.card[href='/new/dynamics365']"))
                    .click();
            driver.findElement(By.xpath("//button[contains(@class,'profile') and text()='Initial setup']"))
                    .click();
            assertEquals(
                    "30",
                    driver.findElement(By.id("f-transactionPollSearchDays")).getAttribute("value"));
            driver.executeScript("document.querySelectorAll('details').forEach(d => d.open = true)");
            Map<String, Object> settings = DemoCommand.sandboxSettings(sandbox, CLIENT_ID);
            settings.forEach((key, value) -> type(driver, key, String.valueOf(value)));
            type(driver, "environment", "not an environment!");
            type(driver, "clientSecret", SECRET);
            type(driver, "_name", "Business Central - Sandbox");
            // fields that only one grant type uses show with it (and are not sent otherwise)
            By certificate = By.cssSelector(".field[data-key='clientCertificate']");
            By secret = By.cssSelector(".field[data-key='clientSecret']");
            assertFalse(driver.findElement(certificate).isDisplayed());
            new Select(driver.findElement(By.id("f-grantType"))).selectByValue("client_certificate");
            assertTrue(driver.findElement(certificate).isDisplayed());
            assertFalse(driver.findElement(secret).isDisplayed());
            new Select(driver.findElement(By.id("f-grantType"))).selectByValue("client_credentials");
            assertTrue(driver.findElement(secret).isDisplayed());
            shot(driver, "2-form-from-profile");
            driver.findElement(By.id("subscribe")).click();

            WebElement error = wait.until(d -> d.findElement(By.id("error-environment")));
            assertTrue(error.getText().contains("letters, digits"), error.getText());
            assertEquals("", driver.findElement(By.id("f-clientSecret")).getAttribute("value"), "no secret comes back");
            assertFalse(driver.getPageSource().contains(SECRET), "the page holds no secret");
            shot(driver, "3-field-error");

            type(driver, "environment", String.valueOf(settings.get("environment")));
            type(driver, "clientSecret", SECRET);
            driver.findElement(By.id("subscribe")).click();
            wait.until(d -> d.getCurrentUrl().contains("/subscriptions/"));
            String id = driver.getCurrentUrl().replaceAll(".*/subscriptions/([^?]+).*", "$1");
            assertTrue(driver.findElement(By.tagName("h1")).getText().startsWith("Business Central - Sandbox"));

            driver.findElement(By.xpath("//button[text()='Run now']")).click();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            String stored = "";
            while (System.nanoTime() < deadline && !stored.equals("40/12")) {
                Thread.sleep(500);
                driver.navigate().refresh();
                stored = storedCount(driver, "items") + "/" + storedCount(driver, "customers");
            }
            assertEquals("40/12", stored, "items and customers stored, as the dashboard shows");
            String legend = driver.findElement(By.cssSelector("p.legend")).getText();
            assertTrue(
                    driver.findElements(By.cssSelector("#runs-chart rect.records"))
                                            .size()
                                    > 0
                            && legend.contains(" records, "),
                    legend);
            shot(driver, "4-dashboard");

            // mappings: a preview maps a pasted record and stores nothing; a broken document is refused with why
            driver.findElement(By.linkText("Mappings")).click();
            new Select(driver.findElement(By.id("f-collection"))).selectByValue("bc-customers-to-customers");
            WebElement sample = driver.findElement(By.id("f-sample"));
            sample.clear();
            sample.sendKeys("{\"id\": \"5bd27888-7004-f011-a5f1-6045bd7e02c4\", \"number\": \"C-1\","
                    + " \"displayName\": \"Previewed Corporation\", \"type\": \"Company\","
                    + " \"lastModifiedDateTime\": \"2026-12-01T08:00:00Z\"}");
            driver.findElement(By.id("preview")).click();
            WebElement output = wait.until(d -> d.findElement(By.id("preview-output")));
            assertTrue(output.getText().contains("Previewed Corporation"), output.getText());
            shot(driver, "6-mapping-preview");
            WebElement document = driver.findElement(By.cssSelector("form.mapping textarea"));
            document.clear();
            document.sendKeys("{ not json");
            driver.findElement(By.cssSelector("form.mapping button")).click();
            assertTrue(
                    wait.until(d -> d.findElement(By.id("saved"))).getText().startsWith("✗ mapping"),
                    driver.findElement(By.id("saved")).getText());

            // verify installation: every step with its result
            driver.get(URI.create(login).resolve("/subscriptions/" + id).toString());
            driver.findElement(By.xpath("//button[text()='Verify installation']"))
                    .click();
            WebElement checks = wait.until(d -> d.findElement(By.id("checks")));
            assertTrue(checks.getText().contains("✓ connection"), checks.getText());
            assertTrue(checks.getText().contains("✓ sample pull"), checks.getText());
            shot(driver, "7-verify");

            // the outbox: a push that met a passing failure waits; Retry now sends it
            String customer = (String) sandbox.dataset()
                    .rows(BcSandbox.CRONUS_USA, "customers")
                    .row(0)
                    .get("number");
            String sku = sandbox.dataset()
                    .items(BcSandbox.CRONUS_USA)
                    .filter(i -> !i.blocked() && i.type().equals("Inventory"))
                    .findFirst()
                    .orElseThrow()
                    .number();
            Path order = home.resolve("order.json");
            Files.writeString(
                    order,
                    "[{\"externalNumber\":\"UI-1\",\"customerNumber\":\"" + customer
                            + "\",\"orderDate\":\"2026-12-01\",\"lines\":[{\"type\":\"item\",\"sku\":\"" + sku
                            + "\",\"quantity\":1,\"unitPrice\":5}]}]");
            sandbox.faults().retryAfterSeconds(0).failWritesNext(4, 503);
            try {
                assertEquals(
                        ExitCodes.REMOTE,
                        Cli.run(home, "push", id, "salesOrders", order.toString())
                                .exitCode());
            } finally {
                sandbox.faults().clear();
            }
            driver.get(URI.create(login).resolve("/subscriptions/" + id).toString());
            driver.findElement(By.xpath("//button[text()='Retry now']")).click();
            WebElement outcome = wait.until(d -> d.findElement(By.id("outcome")));
            assertTrue(outcome.getText().contains("1 written"), outcome.getText());

            // the log, filtered
            driver.get(URI.create(login).resolve("/log?filter=serve").toString());
            assertTrue(driver.findElement(By.id("log")).getText().contains("serve"));
            assertFalse(driver.getPageSource().contains(SECRET));
            assertTrue(Cli.run(home, "status", id).out().contains("items: polling"));
        } finally {
            driver.quit();
            serve.stop();
        }
    }

    @Test
    void aUserSignsInFromTheDashboardThroughTheProvidersPageAndTheSyncStarts() throws Exception {
        Map<String, Object> settings = DemoCommand.sandboxSettings(sandbox, CLIENT_ID);
        settings.put("grantType", "authorization_code");
        settings.put("oauthUrlTemplate", sandbox.oauthUrlTemplate());
        settings.put("clientSecret", SECRET);
        Path file = home.resolve("user.json");
        Files.writeString(file, new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(settings));
        Cli subscribed = Cli.run(
                home, "subscribe", "dynamics365", "--name", "Business Central - User", "--settings", file.toString());
        assertEquals(0, subscribed.exitCode(), subscribed.err());
        String id = subscribed.subscriptionId();
        Cli.Running serve = serve();
        String login = serve.awaitOutput(Pattern.compile("web UI: (http://\\S+)"), Duration.ofSeconds(30));
        ChromeDriver driver = browser();
        try {
            WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
            driver.get(login);
            driver.get(URI.create(login).resolve("/subscriptions/" + id).toString());
            assertTrue(
                    driver.findElement(By.id("sign-in")).getText().contains("NOT_CONNECTED"),
                    driver.findElement(By.id("sign-in")).getText());
            driver.findElement(By.xpath("//button[text()='Connect (sign in)']")).click();
            // the sandbox's authorize page answers at once; the browser comes back through /callback
            wait.until(d -> d.getCurrentUrl().endsWith("/subscriptions/" + id)
                    && d.findElement(By.id("sign-in")).getText().contains("CONNECTED")
                    && !d.findElement(By.id("sign-in")).getText().contains("NOT_CONNECTED"));
            shot(driver, "5-signed-in");
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            String stored = "";
            while (System.nanoTime() < deadline && !stored.equals("40")) {
                Thread.sleep(500);
                driver.navigate().refresh();
                var cells = driver.findElements(By.cssSelector("tr[data-unit='items'] td.stored"));
                stored = cells.isEmpty() ? "" : cells.get(0).getText();
            }
            assertEquals("40", stored, "the sign-in let the sync run");
            assertFalse(driver.getPageSource().contains(SECRET));
        } finally {
            driver.quit();
            serve.stop();
        }
    }

    @Test
    void nobodyWithoutTheTokenOrTheFormsCsrfTokenDrivesIt() throws Exception {
        Cli.Running serve =
                Cli.startStoppable(home, "serve", "--port", "0", "--ui-port", "0", "--no-webhooks", "--for", "60");
        try {
            URI login = URI.create(serve.awaitOutput(Pattern.compile("web UI: (http://\\S+)"), Duration.ofSeconds(30)));
            URI root = login.resolve("/");
            HttpClient http =
                    HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            assertEquals(
                    401,
                    http.send(HttpRequest.newBuilder(root).build(), HttpResponse.BodyHandlers.ofString())
                            .statusCode());
            assertEquals(
                    403,
                    http.send(
                                    HttpRequest.newBuilder(login.resolve("/login?token=guessed"))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString())
                            .statusCode());
            HttpResponse<String> in =
                    http.send(HttpRequest.newBuilder(login).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(303, in.statusCode());
            String cookie = in.headers().firstValue("Set-Cookie").orElseThrow();
            assertTrue(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"), cookie);
            String session = cookie.substring(0, cookie.indexOf(';'));
            HttpResponse<String> page = http.send(
                    HttpRequest.newBuilder(root).header("Cookie", session).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, page.statusCode());
            assertTrue(page.headers()
                    .firstValue("Content-Security-Policy")
                    .orElse("")
                    .contains("default-src 'self'"));
            HttpResponse<String> forged = http.send(
                    HttpRequest.newBuilder(login.resolve("/new/dynamics365"))
                            .header("Cookie", session)
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString("_name=x&_csrf=wrong"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(403, forged.statusCode(), forged.body());
            // a page whose own DNS name points here (DNS rebinding) names its host: refused
            try (java.net.Socket socket = new java.net.Socket(login.getHost(), login.getPort())) {
                socket.getOutputStream()
                        .write(("GET / HTTP/1.1\r\nHost: attacker.example:" + login.getPort() + "\r\nCookie: " + session
                                        + "\r\nConnection: close\r\n\r\n")
                                .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                String status = new java.io.BufferedReader(new java.io.InputStreamReader(
                                socket.getInputStream(), java.nio.charset.StandardCharsets.US_ASCII))
                        .readLine();
                assertTrue(status.startsWith("HTTP/1.1 421"), status);
            }
            // a form declared larger than the limit is refused before its body is sent (the client asked first)
            try (java.net.Socket socket = new java.net.Socket(login.getHost(), login.getPort())) {
                String head = "POST /new/dynamics365 HTTP/1.1\r\nHost: " + login.getHost() + ":" + login.getPort()
                        + "\r\nCookie: " + session + "\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                        + "Content-Length: " + (300 * 1024) + "\r\nExpect: 100-continue\r\n\r\n";
                socket.getOutputStream().write(head.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                socket.setSoTimeout(10_000);
                java.io.BufferedReader answer = new java.io.BufferedReader(new java.io.InputStreamReader(
                        socket.getInputStream(), java.nio.charset.StandardCharsets.US_ASCII));
                String status = answer.readLine();
                while (status != null && status.startsWith("HTTP/1.1 100")) {
                    // the JDK's server answers 100 Continue by itself; skip that answer's headers
                    for (String header = answer.readLine(); header != null && !header.isEmpty(); ) {
                        header = answer.readLine();
                    }
                    status = answer.readLine();
                }
                assertEquals("HTTP/1.1 413 Request Entity Too Large", status);
            }
        } finally {
            serve.stop();
        }
    }
}
