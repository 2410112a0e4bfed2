package io.ipaas.bcsandbox.odata;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds {@code @odata.nextLink}: the absolute URL of the request, repeating the client's own query options
 * verbatim, with {@code $skip} dropped (the token already holds the position), {@code $top} reduced by
 * what was delivered, and {@code $skiptoken} replaced.
 */
public final class NextLinkFactory {
    private final String absolutePath;
    private final QueryString query;

    /**
     * @param absolutePath scheme, host and raw path of the request, e.g.
     *                     {@code http://127.0.0.1:8080/v2.0/<tenant>/production/api/v2.0/companies(<id>)/items}
     */
    public NextLinkFactory(String absolutePath, QueryString query) {
        this.absolutePath = absolutePath;
        this.query = query;
    }

    public String link(String skipToken, Long remainingTop) {
        List<String> add = new ArrayList<>();
        if (remainingTop != null) {
            add.add("$top=" + remainingTop);
        }
        add.add("$skiptoken=" + URLEncoder.encode(skipToken, StandardCharsets.UTF_8));
        return absolutePath + "?" + query.rebuild(List.of("$skiptoken", "$skip", "$top"), add);
    }
}
