package io.ipaas.harness.cli;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lease holders are named {@code serve@HOST#PID#TOKEN}: a holder on this machine whose process no longer runs (it was
 * killed, or the machine restarted it) holds nothing any more. A holder on another machine is trusted until its lease
 * runs out, since this machine cannot see its processes.
 */
final class LeaseHolder {
    private static final Pattern NAME = Pattern.compile("serve@(.+)#(\\d+)#[A-Za-z0-9_-]+");

    private LeaseHolder() {}

    static String thisHost() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    static boolean goneFromThisHost(String holder) {
        Matcher matcher = NAME.matcher(holder);
        if (!matcher.matches() || !matcher.group(1).equals(thisHost())) {
            return false;
        }
        long pid = Long.parseLong(matcher.group(2));
        return pid != ProcessHandle.current().pid()
                && ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true);
    }
}
