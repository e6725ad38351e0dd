package dev.cutover.config.internal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parsed {@code host:port}; an IPv6 host is written in brackets and held without them.
 *
 * @param host the host name or address
 * @param port the port
 */
record HostPort(String host, int port) {

    private static final Pattern FORM = Pattern.compile("(?:\\[([0-9A-Fa-f:.]+)]|([^\\s:\\[\\]/,]+)):(\\d{1,5})");

    /** The parsed address, or null when {@code text} is not {@code host:port} with a port from {@code minPort} to 65535. */
    static HostPort parse(String text, int minPort) {
        Matcher m = FORM.matcher(text);
        if (!m.matches()) {
            return null;
        }
        int port = Integer.parseInt(m.group(3));
        if (port < minPort || port > 65_535) {
            return null;
        }
        return new HostPort(m.group(1) != null ? m.group(1) : m.group(2), port);
    }
}
