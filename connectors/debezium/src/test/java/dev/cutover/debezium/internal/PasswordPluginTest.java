package dev.cutover.debezium.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.postgresql.plugin.AuthenticationRequestType;
import org.postgresql.util.PSQLException;

class PasswordPluginTest {

    @Test
    void givesTheRegisteredPasswordToAConnectionCarryingItsToken() throws Exception {
        String token = PasswordPlugin.register("s3cret");
        try {
            PasswordPlugin plugin = new PasswordPlugin(props(token));

            char[] first = plugin.getPassword(AuthenticationRequestType.SASL);
            Arrays.fill(first, '\0'); // the driver wipes what it was given
            assertThat(plugin.getPassword(AuthenticationRequestType.MD5_PASSWORD)).containsExactly("s3cret".toCharArray());
        } finally {
            PasswordPlugin.unregister(token);
        }
    }

    @Test
    void refusesOnceTheTokenIsUnregistered() {
        String token = PasswordPlugin.register("s3cret");
        PasswordPlugin.unregister(token);
        PasswordPlugin.unregister(token);

        assertThatThrownBy(() -> new PasswordPlugin(props(token)).getPassword(AuthenticationRequestType.SASL))
                .isInstanceOf(PSQLException.class)
                .hasMessageContaining("no password is registered");
    }

    @Test
    void refusesAConnectionWithoutToken() {
        assertThatThrownBy(() -> new PasswordPlugin(new Properties()).getPassword(AuthenticationRequestType.SASL))
                .isInstanceOf(PSQLException.class);
    }

    private static Properties props(String token) {
        Properties p = new Properties();
        p.setProperty(PasswordPlugin.TOKEN_PROPERTY, token);
        return p;
    }
}
