package io.ipaas.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shape of bench pull's report, not its speed (speed is for the bench command itself, never a unit test). */
class BenchCommandTest {
    private static final Pattern LAST_LINE = Pattern.compile("items=(\\d+) requests=(\\d+) floorMs=(\\d+)"
            + " pluginMs=(\\d+) ratio=(\\d+\\.\\d\\d) peakHeapMb=(\\d+) storeMb=(\\d+\\.\\d)");

    @TempDir
    Path home;

    @Test
    void benchPullEndsWithOneLineOfNumbersAndLeavesNoHomeBehind() throws Exception {
        List<Path> before = benchHomes();
        Cli cli = Cli.run(home, "bench", "pull", "--items", "2000", "--page-size", "500");
        assertEquals(0, cli.exitCode(), cli.out() + cli.err());
        List<String> lines = cli.out().lines().toList();
        Matcher last = LAST_LINE.matcher(lines.get(lines.size() - 1));
        assertTrue(last.matches(), lines.get(lines.size() - 1));
        assertEquals("2000", last.group(1));
        assertEquals(2000 / 500 + 1, Long.parseLong(last.group(2)), "4 pages and the company lookup");
        long floor = Long.parseLong(last.group(3));
        long plugin = Long.parseLong(last.group(4));
        assertEquals(
                String.format(java.util.Locale.ROOT, "%.2f", floor / (double) plugin),
                last.group(5),
                "ratio is floor over plugin");
        assertTrue(Long.parseLong(last.group(6)) > 0);
        assertTrue(Double.parseDouble(last.group(7)) > 0);
        assertTrue(cli.out().contains("floor: 2000 items"), cli.out());
        // three rounds by default; the last line takes the medians of what the rounds printed
        List<Long> floors = lines.stream()
                .filter(line -> line.startsWith("floor: "))
                .map(line -> Long.parseLong(line.replaceAll(".* requests, (\\d+) ms,.*", "$1")))
                .toList();
        List<Long> plugins = lines.stream()
                .filter(line -> line.startsWith("plugin: "))
                .map(line -> Long.parseLong(line.replaceAll(".* requests, (\\d+) ms .*", "$1")))
                .toList();
        assertEquals(3, floors.size(), cli.out());
        assertEquals(3, plugins.size(), cli.out());
        assertEquals(BenchCommand.Pull.median(floors), floor);
        assertEquals(BenchCommand.Pull.median(plugins), plugin);
        assertTrue(cli.out().contains("(round 3 of 3)"), cli.out());
        assertEquals(before, benchHomes(), "the temporary homes are removed");
    }

    @Test
    void benchPushEndsWithItsCountsAndNeitherLosesNorDoublesAnOrderUnderFaults() {
        Cli clean = Cli.run(home, "bench", "push", "--orders", "250", "--lines", "2");
        assertEquals(0, clean.exitCode(), clean.out() + clean.err());
        List<String> lines = clean.out().lines().toList();
        assertEquals(
                "orders=250 requests=4 created=250 duplicates=0",
                lines.get(lines.size() - 1),
                "the company lookup and ceil(250 / 100) batches");

        Cli faulty = Cli.run(
                home, "bench", "push", "--orders", "250", "--timeouts", "2", "--deadlocks", "3", "--failures", "2");
        assertEquals(0, faulty.exitCode(), faulty.out() + faulty.err());
        String last = faulty.out().lines().reduce((a, b) -> b).orElseThrow();
        Matcher counts = java.util.regex.Pattern.compile("orders=250 requests=(\\d+) created=250 duplicates=0")
                .matcher(last);
        assertTrue(counts.matches(), last);
        long requests = Long.parseLong(counts.group(1));
        assertTrue(requests > 4 && requests <= 4 + 2 + 2, "a lookup per unanswered batch, a resend: " + last);
    }

    @Test
    void benchWebhooksEndsWithItsCountsAndLosesNoNotification() {
        Cli cli = Cli.run(home, "bench", "webhooks", "--notifications", "2000");
        assertEquals(0, cli.exitCode(), cli.out() + cli.err());
        String last = cli.out().lines().reduce((a, b) -> b).orElseThrow();
        assertTrue(last.matches("notifications=2000 accepted=2000 lost=0 perSecond=\\d+"), last);
        assertTrue(cli.out().contains("4 POSTs, 2000 entries acknowledged"), cli.out());
    }

    @Test
    void benchPullMeasuresSalesDocumentsWithTheirLines() {
        Cli cli = Cli.run(
                home,
                "bench",
                "pull",
                "--entity",
                "salesInvoices",
                "--documents",
                "400",
                "--items",
                "50",
                "--page-size",
                "100",
                "--repeat",
                "1");
        assertEquals(0, cli.exitCode(), cli.out() + cli.err());
        List<String> lines = cli.out().lines().toList();
        String last = lines.get(lines.size() - 1);
        Matcher numbers = java.util.regex.Pattern.compile(
                        "entity=salesInvoices records=400 lines=(\\d+) requests=(\\d+)"
                                + " floorMs=\\d+ pluginMs=\\d+ ratio=\\d+\\.\\d\\d peakHeapMb=\\d+ storeMb=\\d+\\.\\d")
                .matcher(last);
        assertTrue(numbers.matches(), last);
        long invoiceLines = Long.parseLong(numbers.group(1));
        assertTrue(invoiceLines >= 400 && invoiceLines <= 1600, "1 to 4 lines each: " + invoiceLines);
        assertEquals(400 / 100 + 1, Long.parseLong(numbers.group(2)), "4 pages and the company lookup");
        Cli wrong = Cli.run(home, "bench", "pull", "--entity", "widgets");
        assertEquals(2, wrong.exitCode());
        assertTrue(
                wrong.err().contains("--entity must be items, salesOrders, salesInvoices or salesShipments"),
                wrong.err());
    }

    @Test
    void badNumbersAreOneLine() {
        Cli cli = Cli.run(home, "bench", "pull", "--items", "10", "--page-size", "30000");
        assertEquals(2, cli.exitCode());
        assertEquals(List.of("--page-size must be 1 to 20000 (Business Central's largest page)"), cli.errorLines());
        Cli zero = Cli.run(home, "bench", "pull", "--items", "10", "--repeat", "0");
        assertEquals(2, zero.exitCode());
        assertEquals(List.of("--repeat must be 1 to 10"), zero.errorLines());
        Cli bare = Cli.run(home, "bench");
        assertEquals(2, bare.exitCode());
        assertEquals(1, bare.errorLines().size(), bare.err());
    }

    private static List<Path> benchHomes() throws Exception {
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.filter(p -> p.getFileName().toString().startsWith("harness-bench-"))
                    .sorted()
                    .toList();
        }
    }

    @Test
    void theMedianIsTheMiddleRoundOrTheLowerMiddleOne() {
        assertEquals(12, BenchCommand.Pull.median(List.of(30L, 12L, 9L)));
        assertEquals(9, BenchCommand.Pull.median(List.of(30L, 12L, 9L, 1L)));
        assertEquals(7, BenchCommand.Pull.median(List.of(7L)));
    }
}
