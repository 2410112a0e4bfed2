package io.ipaas.connector.dynamics365.settings;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

/** Whether a URL's host is this machine, decided from the text alone (no DNS: a name could resolve anywhere). */
final class Loopback {
    private static final Pattern IPV4_LOOPBACK = Pattern.compile("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");

    private Loopback() {}

    /**
     * @param host a URI's host: a name, an IPv4 literal, or an IPv6 literal in brackets
     * @return true for {@code localhost}, {@code 127.0.0.0/8} and {@code ::1}
     */
    static boolean isLoopback(String host) {
        String name = host.toLowerCase(Locale.ROOT);
        if (name.equals("localhost")) {
            return true;
        }
        if (IPV4_LOOPBACK.matcher(name).matches()) {
            return true;
        }
        if (name.startsWith("[") && name.endsWith("]")) {
            try {
                // an IPv6 literal is parsed, never looked up
                return InetAddress.getByName(name.substring(1, name.length() - 1))
                        .isLoopbackAddress();
            } catch (UnknownHostException e) {
                return false;
            }
        }
        return false;
    }
}
