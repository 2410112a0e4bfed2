package io.ipaas.connector.dynamics365.odata;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Keeps the first bytes that pass through, so an error about a malformed body can say what came back. */
final class PrefixRecordingInputStream extends FilterInputStream {
    private final byte[] prefix;
    private int recorded;

    PrefixRecordingInputStream(InputStream in, int limit) {
        super(in);
        this.prefix = new byte[limit];
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0 && recorded < prefix.length) {
            prefix[recorded++] = (byte) b;
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0 && recorded < prefix.length) {
            int copy = Math.min(n, prefix.length - recorded);
            System.arraycopy(buffer, offset, prefix, recorded, copy);
            recorded += copy;
        }
        return n;
    }

    /** The bytes recorded so far, decoded leniently as UTF-8. */
    String prefix() {
        return new String(Arrays.copyOf(prefix, recorded), StandardCharsets.UTF_8);
    }
}
