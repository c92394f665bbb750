package se.kaa.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import se.kaa.shared.MunicipalityCode;
import se.kaa.testsupport.DatabaseCleaner;
import se.kaa.testsupport.KaaIntegrationTest;
import se.kaa.testsupport.TestUsers;

/** Who an audit actor is, by kind, role and municipality – for the register extract's access history. */
@KaaIntegrationTest
class ActorDirectoryTest {

    @Autowired ActorDirectory directory;
    @Autowired TestUsers users;
    @Autowired JdbcClient jdbc;
    @Autowired DatabaseCleaner database;

    @BeforeEach
    void setUp() {
        database.clean();
        users.ensure();
    }

    @Test
    void aUserAccountIsStaffWithHerRolesAndMunicipalities() {
        ActorDirectory.Actor actor = directory.describe(TestUsers.username(Role.HANDLAGGARE), false);
        assertThat(actor.kind()).isEqualTo(ActorDirectory.Kind.STAFF);
        assertThat(actor.roles()).containsExactly(Role.HANDLAGGARE);
        assertThat(actor.municipalities()).containsExactly(MunicipalityCode.of(TestUsers.MUNICIPALITY));
    }

    @Test
    void anApiClientIsKnownByItsKeysRoleAndMunicipalities() {
        long id = jdbc.sql("""
                INSERT INTO api_key (name, key_prefix, key_hash, role, municipalities, created_by, created_at, expires_at)
                VALUES ('Elevregistret', 'kaa_ab', 'hash-actor-directory-test', 'SYSTEM', '{2361}', 'test-admin', now(),
                        now() + interval '1 day') RETURNING id""").query(Long.class).single();
        ActorDirectory.Actor actor = directory.describe("api-key:" + id + ":Elevregistret", false);
        assertThat(actor.kind()).isEqualTo(ActorDirectory.Kind.API_CLIENT);
        assertThat(actor.roles()).isEqualTo(Set.of(Role.SYSTEM));
        assertThat(actor.municipalities()).containsExactly(MunicipalityCode.of("2361"));
        assertThat(directory.describe("api-key:999999:Borttagen", false).kind()).isEqualTo(ActorDirectory.Kind.API_CLIENT);
    }

    @Test
    void aSystemJobAndAnAccountNoLongerHereAreSaidWithoutRoles() {
        assertThat(directory.describe("recompute", true)).isEqualTo(ActorDirectory.Actor.of(ActorDirectory.Kind.SYSTEM_JOB));
        assertThat(directory.describe("someone-removed", false)).isEqualTo(ActorDirectory.Actor.of(ActorDirectory.Kind.UNKNOWN));
    }
}
