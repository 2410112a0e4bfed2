package io.ipaas.connector.testkit;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Stands in for the browser of a user who is already signed in and has consented: it opens an authorize URL and
 * returns where the identity provider sends the browser back, without following that last redirect. Works with
 * providers that answer at once with a redirect (the BC sandbox, mock-oauth2-server).
 */
public final class BrowserSignIn {
    private static final HttpClient HTTP =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private BrowserSignIn() {}

    /** The full redirect URI the provider answered with, e.g. {@code http://127.0.0.1:9/callback?code=…&state=…}. */
    public static URI redirectOf(URI authorizeUrl) {
        HttpResponse<String> response;
        try {
            response = HTTP.send(HttpRequest.newBuilder(authorizeUrl).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError("cannot open the authorize URL " + authorizeUrl + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
        if (response.statusCode() != 302 && response.statusCode() != 303) {
            throw new AssertionError("the authorize endpoint answered " + response.statusCode()
                    + " instead of redirecting back: " + response.body());
        }
        return URI.create(response.headers()
                .firstValue("Location")
                .orElseThrow(() -> new AssertionError("a redirect without Location from " + authorizeUrl)));
    }

    /** The query parameters of the redirect back: {@code code} and {@code state}, or {@code error} and its description. */
    public static Map<String, String> callbackOf(URI authorizeUrl) {
        return query(redirectOf(authorizeUrl));
    }

    /** The decoded query parameters of a URI. */
    public static Map<String, String> query(URI uri) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (uri.getRawQuery() == null) {
            return parameters;
        }
        for (String pair : uri.getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            parameters.put(
                    URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                    kv.length == 2 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
        }
        return parameters;
    }
}
