package io.ipaas.bcsandbox.http;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpPrincipal;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;

/**
 * One request inside a {@code $batch}, served by the same code as a request on the wire: it records the status,
 * headers and body the handler writes, for the batch's answer.
 */
final class InnerExchange extends HttpExchange {
    private final HttpExchange outer;
    private final String method;
    private final URI uri;
    private final Headers requestHeaders;
    private final Headers responseHeaders = new Headers();
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private int status = -1;

    InnerExchange(HttpExchange outer, String method, URI uri, Headers requestHeaders) {
        this.outer = outer;
        this.method = method;
        this.uri = uri;
        this.requestHeaders = requestHeaders;
    }

    int status() {
        return status;
    }

    byte[] body() {
        return body.toByteArray();
    }

    @Override
    public Headers getRequestHeaders() {
        return requestHeaders;
    }

    @Override
    public Headers getResponseHeaders() {
        return responseHeaders;
    }

    @Override
    public URI getRequestURI() {
        return uri;
    }

    @Override
    public String getRequestMethod() {
        return method;
    }

    @Override
    public HttpContext getHttpContext() {
        return outer.getHttpContext();
    }

    @Override
    public void close() {
        // the batch's own exchange is closed once, after every inner answer was written into it
    }

    @Override
    public InputStream getRequestBody() {
        return new ByteArrayInputStream(new byte[0]);
    }

    @Override
    public OutputStream getResponseBody() {
        return body;
    }

    @Override
    public void sendResponseHeaders(int code, long length) {
        status = code;
    }

    @Override
    public InetSocketAddress getRemoteAddress() {
        return outer.getRemoteAddress();
    }

    @Override
    public int getResponseCode() {
        return status;
    }

    @Override
    public InetSocketAddress getLocalAddress() {
        return outer.getLocalAddress();
    }

    @Override
    public String getProtocol() {
        return outer.getProtocol();
    }

    @Override
    public Object getAttribute(String name) {
        return outer.getAttribute(name);
    }

    @Override
    public void setAttribute(String name, Object value) {
        outer.setAttribute(name, value);
    }

    @Override
    public void setStreams(InputStream in, OutputStream out) {
        throw new UnsupportedOperationException("an inner request of a $batch has no streams of its own");
    }

    @Override
    public HttpPrincipal getPrincipal() {
        return outer.getPrincipal();
    }
}
