package dev.cutover.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JdbcConnectionFactoryTest {

    @Test
    void describesUrlWithoutQueryAndNeverThePassword() {
        JdbcConnectionFactory factory = JdbcConnectionFactory.of(
                "jdbc:postgresql://db:5432/shop?password=inurl&ssl=true", "app", "s3cret".toCharArray());

        assertThat(factory.toString()).isEqualTo("jdbc:postgresql://db:5432/shop as app");
        assertThat(factory.describeUrl()).isEqualTo("jdbc:postgresql://db:5432/shop");
    }

    @Test
    void keepsItsOwnCopyOfThePassword() {
        char[] password = "s3cret".toCharArray();
        JdbcConnectionFactory factory = JdbcConnectionFactory.of("jdbc:postgresql://db/shop", "app", password);
        java.util.Arrays.fill(password, 'x');

        assertThat(factory).extracting("password").isEqualTo("s3cret".toCharArray());
    }

    @Test
    void resolvesTheDialectFromTheUrl() {
        assertThat(JdbcConnectionFactory.of("jdbc:postgresql://db/shop", "app", (String) null).dialect().name())
                .isEqualTo("postgresql");
    }
}
