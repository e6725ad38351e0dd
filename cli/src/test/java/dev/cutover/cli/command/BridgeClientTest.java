package dev.cutover.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BridgeClientTest {

    private static final URI RESYNC = URI.create("http://127.0.0.1:8080/resync");

    @Test
    void aStateChangingRequestCarriesTheHeaderAndJsonAndNoTokenWhenNoneIsGiven() throws Exception {
        BridgeClient client = new BridgeClient();
        client.environment = name -> null;

        HttpRequest post = client.request(RESYNC, "POST", Map.of("binding", "b"));

        assertThat(post.headers().firstValue("X-Cutover-Request")).hasValue("1");
        assertThat(post.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(post.headers().firstValue("Authorization")).isEmpty();
    }

    @Test
    void aGetCarriesNothingExtra() throws Exception {
        BridgeClient client = new BridgeClient();
        client.environment = name -> "from-env";

        HttpRequest get = client.request(RESYNC, "GET", null);

        assertThat(get.headers().map()).doesNotContainKeys("Authorization", "X-Cutover-Request", "Content-Type");
    }

    @Test
    void theTokenComesFromTheEnvironmentWhenNoFileOrConfigurationGivesIt() throws Exception {
        BridgeClient client = new BridgeClient();
        client.environment = name -> name.equals(BridgeClient.TOKEN_VARIABLE) ? " env-token\n" : null;

        assertThat(client.request(RESYNC, "POST", null).headers().firstValue("Authorization")).hasValue("Bearer env-token");
    }

    @Test
    void aTokenFileWinsOverTheEnvironment(@TempDir Path dir) throws Exception {
        BridgeClient client = new BridgeClient();
        client.environment = name -> "env-token";
        client.tokenFile = Files.writeString(dir.resolve("token"), "file-token\n");

        assertThat(client.request(RESYNC, "POST", null).headers().firstValue("Authorization")).hasValue("Bearer file-token");
    }
}
