package io.ipaas.harness.ui;

import io.ipaas.harness.ui.UiBackend.RunView;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * Records and requests over the last day as an inline SVG (no script, no library): the runs summed into equal time
 * buckets between the first run and now, records as bars, requests as a line, each on its own scale.
 */
final class RunChart {
    private static final int WIDTH = 900;
    private static final int HEIGHT = 180;
    private static final int BUCKETS = 48;
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    private RunChart() {}

    static String svg(List<RunView> runs, Instant now) {
        if (runs.isEmpty()) {
            return "<p>No pull in the last day yet.</p>";
        }
        Instant from = runs.get(0).at();
        long span = Math.max(Duration.between(from, now).toMillis(), 1) + 1;
        long[] records = new long[BUCKETS];
        long[] requests = new long[BUCKETS];
        for (RunView run : runs) {
            int bucket =
                    (int) Math.min(BUCKETS - 1, Duration.between(from, run.at()).toMillis() * BUCKETS / span);
            records[bucket] += run.records();
            requests[bucket] += run.requests();
        }
        long maxRecords = Math.max(1, java.util.Arrays.stream(records).max().orElse(1));
        long maxRequests = Math.max(1, java.util.Arrays.stream(requests).max().orElse(1));
        double step = (double) WIDTH / BUCKETS;
        StringBuilder svg = new StringBuilder("<svg class=\"chart\" id=\"runs-chart\" viewBox=\"0 0 " + WIDTH + " "
                + (HEIGHT + 24) + "\" role=\"img\" aria-label=\"records and requests over time\">");
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < BUCKETS; i++) {
            double barHeight = (double) records[i] * (HEIGHT - 10) / maxRecords;
            if (records[i] > 0) {
                svg.append(String.format(
                        Locale.ROOT,
                        "<rect class=\"records\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\"><title>%d records,"
                                + " %d requests</title></rect>",
                        i * step + 1,
                        HEIGHT - barHeight,
                        step - 2,
                        barHeight,
                        records[i],
                        requests[i]));
            }
            double y = HEIGHT - (double) requests[i] * (HEIGHT - 10) / maxRequests;
            line.append(String.format(Locale.ROOT, "%.1f,%.1f ", i * step + step / 2, y));
        }
        svg.append("<polyline class=\"requests\" points=\"")
                .append(line.toString().strip())
                .append("\"/>");
        svg.append("<line class=\"axis\" x1=\"0\" y1=\"")
                .append(HEIGHT)
                .append("\" x2=\"")
                .append(WIDTH)
                .append("\" y2=\"")
                .append(HEIGHT)
                .append("\"/>");
        svg.append("<text x=\"0\" y=\"")
                .append(HEIGHT + 18)
                .append("\">")
                .append(TIME.format(from))
                .append(" UTC</text><text x=\"")
                .append(WIDTH)
                .append("\" y=\"")
                .append(HEIGHT + 18)
                .append("\" text-anchor=\"end\">")
                .append(TIME.format(now))
                .append(" UTC</text></svg>");
        long totalRecords = runs.stream().mapToLong(RunView::records).sum();
        long totalRequests = runs.stream().mapToLong(RunView::requests).sum();
        return svg + "<p class=\"legend\"><span class=\"key records\"></span> records (up to " + maxRecords
                + " in a bar) <span class=\"key requests\"></span> requests (up to " + maxRequests + ") · "
                + runs.size() + " pulls, " + totalRecords + " records, " + totalRequests + " requests since "
                + TIME.format(from) + " UTC</p>";
    }
}
