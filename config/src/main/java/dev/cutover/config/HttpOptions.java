package dev.cutover.config;

/**
 * Where the HTTP endpoint (metrics, health, status) listens, and what its state-changing requests
 * must prove. Immutable and thread-safe.
 *
 * @param host the host name or IP address to bind, without brackets for IPv6
 * @param port the port, 0 for any free port
 * @param token the bearer token every state-changing request must send; null when none is configured
 *     (such requests are then taken only from loopback with the {@code X-Cutover-Request} header)
 */
public record HttpOptions(String host, int port, Secret token) {

    /** The address used when the file sets none: loopback only, so nothing is exposed by accident. */
    public static final String DEFAULT_ADDRESS = "127.0.0.1:8080";

    public HttpOptions {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("HTTP host must not be blank");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("HTTP port must be between 0 and 65535, got " + port);
        }
    }

    /** Without a token. */
    public HttpOptions(String host, int port) {
        this(host, port, null);
    }

    /** {@code host:port}, with an IPv6 host in brackets. */
    public String address() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    @Override
    public String toString() {
        return "HttpOptions[" + address() + (token == null ? "" : ", token " + Secret.HIDDEN) + "]";
    }
}
