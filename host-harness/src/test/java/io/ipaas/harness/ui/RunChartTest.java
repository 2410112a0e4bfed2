package io.ipaas.harness.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipaas.harness.ui.UiBackend.RunView;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class RunChartTest {
    @Test
    void runsAreSummedIntoTimeBucketsWithTheirTotalsInTheLegend() {
        Instant start = Instant.parse("2026-12-04T06:00:00Z");
        List<RunView> runs = List.of(
                new RunView(start, "items", 40, 3),
                new RunView(start.plusMillis(10), "customers", 12, 2),
                new RunView(start.plusSeconds(3_000), "items", 1, 1));
        String svg = RunChart.svg(runs, start.plusSeconds(3_600));
        Matcher bars = Pattern.compile("<title>(\\d+) records, (\\d+) requests</title>")
                .matcher(svg);
        assertTrue(bars.find());
        assertEquals("52", bars.group(1), "the first two runs share the first bucket");
        assertEquals("5", bars.group(2));
        assertTrue(bars.find());
        assertEquals("1", bars.group(1));
        assertTrue(svg.contains("3 pulls, 53 records, 6 requests since 06:00:00 UTC"), svg);
        assertEquals("<p>No pull in the last day yet.</p>", RunChart.svg(List.of(), start));
    }

    @Test
    void textsInThePageAreEscaped() {
        assertEquals("&lt;b&gt;&amp;&quot;&#39;", Html.escape("<b>&\"'"));
    }
}
