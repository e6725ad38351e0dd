package dev.cutover.runtime.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import dev.cutover.config.Secret;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets through a request that changes state (any method but GET and HEAD) only when it proves it
 * may, so that neither another user of the network nor a web page open in a browser on the
 * machine can resolve conflicts or start resyncs:
 * <ul>
 * <li>with {@code http.token} configured, it must send {@code Authorization: Bearer <token>}
 *     (compared in constant time), else 401;</li>
 * <li>without one, it must come from a loopback address, carry the {@value #REQUEST_HEADER} header
 *     (which a browser sends cross-origin only after a CORS preflight, and this server never
 *     answers a preflight positively: an OPTIONS request is itself refused here) and carry no
 *     {@code Origin} other than a loopback one (a page reaching the port through a rebound DNS name
 *     is same-origin and could set the header), else 403;</li>
 * <li>either way, its body must be declared {@code Content-Type: application/json}, else 415.</li>
 * </ul>
 * Refusals are JSON {@code {"error": "..."}} saying what is missing and how to fix it; the token is
 * never echoed nor logged. GET and HEAD pass untouched. Stateless and thread-safe.
 */
final class ControlRequestGuard extends Filter {

    /** The header a state-changing request without a token must carry. */
    static final String REQUEST_HEADER = "X-Cutover-Request";

    private static final Logger LOG = LoggerFactory.getLogger(ControlRequestGuard.class);
    private static final Pattern IPV4_LOOPBACK = Pattern.compile("127(\\.\\d{1,3}){3}");
    private static final String JSON_TYPE = "application/json";

    private final byte[] tokenDigest;
    private final ObjectMapper json;

    /** @param token the bearer token requests must send; null when {@code http.token} is not configured */
    ControlRequestGuard(Secret token, ObjectMapper json) {
        this.tokenDigest = token == null ? null : sha256(token.reveal());
        this.json = json;
    }

    /** Why a request is refused. */
    record Refusal(int status, String message) {
    }

    @Override
    public void doFilter(HttpExchange ex, Chain chain) throws IOException {
        Optional<Refusal> refusal = check(ex.getRequestMethod(), ex.getRemoteAddress().getAddress(), ex.getRequestHeaders());
        if (refusal.isEmpty()) {
            chain.doFilter(ex);
            return;
        }
        LOG.warn("refused {} {} from {}: {}", ex.getRequestMethod(), ex.getRequestURI().getPath(), ex.getRemoteAddress(),
                refusal.get().message());
        try (ex) {
            byte[] body = json.writeValueAsBytes(Map.of("error", refusal.get().message()));
            ex.getResponseHeaders().set("Content-Type", JSON_TYPE);
            if (refusal.get().status() == 401) {
                ex.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"cutover\"");
            }
            ex.sendResponseHeaders(refusal.get().status(), body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public String description() {
        return "refuses state-changing requests without a token, or without " + REQUEST_HEADER + " from loopback, or not JSON";
    }

    /** The refusal of a request with {@code method} from {@code peer} with {@code headers}; empty when it may pass. */
    Optional<Refusal> check(String method, InetAddress peer, Headers headers) {
        if (method.equals("GET") || method.equals("HEAD")) {
            return Optional.empty();
        }
        Optional<Refusal> unauthorised = tokenDigest != null ? checkToken(method, headers) : checkLocal(method, peer, headers);
        return unauthorised.isPresent() ? unauthorised : checkContentType(method, headers);
    }

    private Optional<Refusal> checkToken(String method, Headers headers) {
        String auth = headers.getFirst("Authorization");
        if (auth == null || !auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return refuse(401, method + " requests to this bridge need the header `Authorization: Bearer <token>` with the token"
                    + " of its http.token setting; none was sent (the cutover CLI sends it from --config, --token-file or"
                    + " CUTOVER_HTTP_TOKEN)");
        }
        if (!MessageDigest.isEqual(tokenDigest, sha256(auth.substring(7).strip()))) {
            return refuse(401, "the bearer token sent is not the bridge's http.token");
        }
        return Optional.empty();
    }

    private static Optional<Refusal> checkLocal(String method, InetAddress peer, Headers headers) {
        if (!peer.isLoopbackAddress()) {
            return refuse(403, method + " requests are taken only from this machine (loopback) while the bridge has no"
                    + " http.token; set http.token and send `Authorization: Bearer <token>` to send them from " + peer.getHostAddress());
        }
        String header = headers.getFirst(REQUEST_HEADER);
        if (header == null || header.isBlank()) {
            return refuse(403, method + " requests need the header `" + REQUEST_HEADER + ": 1` while the bridge has no http.token"
                    + " (a web page cannot send it); send it from this machine, as the cutover CLI does, or set http.token and"
                    + " send `Authorization: Bearer <token>`");
        }
        String origin = headers.getFirst("Origin");
        if (origin != null && !isLoopbackOrigin(origin)) {
            return refuse(403, method + " requests from web pages are refused (Origin " + origin + "); send them from this"
                    + " machine without an Origin, as the cutover CLI does, or set http.token");
        }
        return Optional.empty();
    }

    private static Optional<Refusal> checkContentType(String method, Headers headers) {
        String type = headers.getFirst("Content-Type");
        String media = type == null ? "" : type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (!media.equals(JSON_TYPE)) {
            return refuse(415, method + " requests need `Content-Type: " + JSON_TYPE + "` and a JSON body; got "
                    + (type == null ? "no Content-Type" : "`" + type + "`"));
        }
        return Optional.empty();
    }

    /** True for an origin whose host is {@code localhost} or a loopback IP literal; no name is looked up. */
    private static boolean isLoopbackOrigin(String origin) {
        try {
            String host = URI.create(origin.strip()).getHost();
            return host != null && (host.equalsIgnoreCase("localhost") || IPV4_LOOPBACK.matcher(host).matches()
                    || host.equals("[::1]"));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static Optional<Refusal> refuse(int status, String message) {
        return Optional.of(new Refusal(status, message));
    }

    private static byte[] sha256(String text) {
        try {
            // Digests first, so that the comparison takes the same time whatever the lengths.
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
