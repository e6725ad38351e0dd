package dev.cutover.runtime.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.Headers;
import dev.cutover.config.Secret;
import dev.cutover.runtime.http.ControlRequestGuard.Refusal;
import java.net.InetAddress;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ControlRequestGuardTest {

    private static final InetAddress LOOPBACK = address("127.0.0.1");
    private static final InetAddress REMOTE = address("10.1.2.3");

    private final ControlRequestGuard open = new ControlRequestGuard(null, new ObjectMapper());
    private final ControlRequestGuard guarded = new ControlRequestGuard(Secret.of("s3cret-token"), new ObjectMapper());

    @Test
    void getAndHeadPassWhateverTheyCarry() {
        assertThat(open.check("GET", REMOTE, headers())).isEmpty();
        assertThat(guarded.check("HEAD", REMOTE, headers("Origin", "https://evil.example"))).isEmpty();
    }

    @Test
    void withoutATokenALoopbackJsonRequestWithTheHeaderPasses() {
        assertThat(open.check("POST", LOOPBACK, headers("X-Cutover-Request", "1", "Content-Type", "application/json"))).isEmpty();
        assertThat(open.check("POST", address("::1"), headers("X-Cutover-Request", "1", "Content-Type", "Application/JSON; charset=utf-8",
                "Origin", "http://localhost:8080"))).isEmpty();
    }

    @Test
    void withoutATokenARequestWithoutTheHeaderIsRefusedSayingHowToFixIt() {
        assertThat(refusal(open.check("POST", LOOPBACK, headers("Content-Type", "application/json"))))
                .isEqualTo(403);
        assertThat(open.check("POST", LOOPBACK, headers("Content-Type", "application/json")).orElseThrow().message())
                .contains("X-Cutover-Request: 1").contains("http.token");
    }

    @Test
    void withoutATokenARequestFromAnotherMachineIsRefusedEvenWithTheHeader() {
        Optional<Refusal> r = open.check("POST", REMOTE, headers("X-Cutover-Request", "1", "Content-Type", "application/json"));

        assertThat(refusal(r)).isEqualTo(403);
        assertThat(r.orElseThrow().message()).contains("loopback").contains("10.1.2.3").contains("set http.token");
    }

    @Test
    void withoutATokenARequestFromAForeignWebPageIsRefusedEvenWithTheHeader() {
        Optional<Refusal> r = open.check("POST", LOOPBACK, headers("X-Cutover-Request", "1", "Content-Type", "application/json",
                "Origin", "http://rebound.example:8080"));

        assertThat(refusal(r)).isEqualTo(403);
        assertThat(r.orElseThrow().message()).contains("web pages").contains("rebound.example");
        assertThat(refusal(open.check("POST", LOOPBACK, headers("X-Cutover-Request", "1", "Content-Type", "application/json",
                "Origin", "null")))).isEqualTo(403);
    }

    @Test
    void aPreflightIsNeverAnsweredPositively() {
        assertThat(refusal(open.check("OPTIONS", LOOPBACK, headers("Origin", "https://evil.example",
                "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "x-cutover-request")))).isEqualTo(403);
        assertThat(refusal(guarded.check("OPTIONS", LOOPBACK, headers("Origin", "https://evil.example")))).isEqualTo(401);
    }

    @Test
    void aRequestThatIsNotDeclaredJsonIsRefusedWith415() {
        for (String type : new String[] {"text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
            "application/jsonp", ""}) {
            Optional<Refusal> r = open.check("POST", LOOPBACK, headers("X-Cutover-Request", "1", "Content-Type", type));
            assertThat(refusal(r)).as(type).isEqualTo(415);
            assertThat(r.orElseThrow().message()).contains("application/json");
        }
        assertThat(refusal(open.check("POST", LOOPBACK, headers("X-Cutover-Request", "1")))).isEqualTo(415);
    }

    @Test
    void withATokenOnlyTheRightBearerTokenPassesFromAnywhere() {
        Headers right = headers("Authorization", "Bearer s3cret-token", "Content-Type", "application/json");

        assertThat(guarded.check("POST", REMOTE, right)).isEmpty();
        assertThat(guarded.check("POST", LOOPBACK, headers("Authorization", "bearer  s3cret-token ", "Content-Type",
                "application/json"))).isEmpty();
        assertThat(refusal(guarded.check("POST", LOOPBACK, headers("Content-Type", "application/json", "X-Cutover-Request", "1"))))
                .as("the loopback header does not replace the token").isEqualTo(401);
        assertThat(refusal(guarded.check("POST", LOOPBACK, headers("Authorization", "Bearer s3cret-tokeN", "Content-Type",
                "application/json")))).isEqualTo(401);
        assertThat(refusal(guarded.check("POST", LOOPBACK, headers("Authorization", "Basic czNjcmV0LXRva2Vu", "Content-Type",
                "application/json")))).isEqualTo(401);
        assertThat(refusal(guarded.check("POST", REMOTE, headers("Authorization", "Bearer s3cret-token", "Content-Type", "text/plain"))))
                .isEqualTo(415);
    }

    @Test
    void aRefusalNeverEchoesTheTokenSentOrExpected() {
        Optional<Refusal> wrong = guarded.check("POST", LOOPBACK, headers("Authorization", "Bearer guess-123", "Content-Type",
                "application/json"));

        assertThat(wrong.orElseThrow().message()).doesNotContain("guess-123").doesNotContain("s3cret-token").contains("http.token");
        assertThat(guarded.check("POST", LOOPBACK, headers("Content-Type", "application/json")).orElseThrow().message())
                .doesNotContain("s3cret-token").contains("Authorization: Bearer <token>");
    }

    private static Integer refusal(Optional<Refusal> r) {
        return r.map(Refusal::status).orElse(null);
    }

    private static Headers headers(String... namesAndValues) {
        Headers h = new Headers();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            h.add(namesAndValues[i], namesAndValues[i + 1]);
        }
        return h;
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
