package se.kaa;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

@SpringBootTest(properties = {"kaa.platform.data-dir=target/test-data", "kaa.platform.clean-database=true"})
class SmokeTest {
    @Autowired JdbcClient jdbc;

    @Test
    void runsOnEmbeddedPostgres() {
        assertThat(jdbc.sql("select version()").query(String.class).single()).startsWith("PostgreSQL");
    }
}
