package dev.agenticchat.gateway.housekeeping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.agenticchat.contracts.CloudEventHeaders;
import dev.agenticchat.contracts.Topics;
import dev.agenticchat.contracts.events.ErasureRequested;
import dev.agenticchat.support.testing.TestKafka;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** The scheduled jobs, run by calling them, on rows written with the ages they are about. */
@MicronautTest(transactional = false)
class HousekeepingIT {
    private final Instant now = Instant.now();

    @Inject
    RefreshTokenPurge refreshTokens;
    @Inject
    IdleAnonymousSessions idleSessions;
    @Inject
    JsonMapper json;
    @Inject
    DataSource dataSource;

    @Test
    void deletes_refresh_tokens_a_day_past_expiry_revoked_or_not_and_keeps_live_ones_and_each_users_newest() throws Exception {
        UUID person = user("person", days(60), null);
        UUID expired = token(person, days(40), days(10), null);
        UUID oldRevoked = token(person, days(35), days(5), days(34));
        UUID justExpired = token(person, days(31), Duration.ofHours(1), null);
        UUID rotatedStillUnexpired = token(person, days(2), days(-28), days(1));
        UUID live = token(person, days(1), days(-29), null);
        UUID other = user("person", days(60), null);
        UUID othersOnlyToken = token(other, days(40), days(10), null);

        refreshTokens.purge();

        assertThat(tokenExists(expired)).as("expired ten days ago").isFalse();
        assertThat(tokenExists(oldRevoked)).as("revoked, and expired five days ago").isFalse();
        assertThat(tokenExists(justExpired)).as("within the grace").isTrue();
        assertThat(tokenExists(rotatedStillUnexpired)).as("rotated but unexpired: reuse is still recognisable").isTrue();
        assertThat(tokenExists(live)).isTrue();
        assertThat(tokenExists(othersOnlyToken)).as("a user's newest token records their last visit").isTrue();
    }

    @Test
    void erases_anonymous_sessions_idle_past_the_retention_everywhere_and_keeps_active_ones_and_linked_people() throws Exception {
        UUID idle = user("anonymous", days(40), null);
        token(idle, days(40), days(10), null);
        UUID idleWithoutTokens = user("anonymous", days(35), null);
        UUID active = user("anonymous", days(40), null);
        token(active, days(40), days(10), days(2));
        token(active, days(2), days(-28), null);
        UUID holdsUsableToken = user("anonymous", days(40), null);
        token(holdsUsableToken, days(40), days(-5), null);
        UUID recent = user("anonymous", days(1), null);
        UUID person = user("person", days(40), null);
        UUID linked = user("anonymous", days(40), person);

        try (TestKafka.Reader identity = new TestKafka.Reader(Topics.IDENTITY_EVENTS)) {
            idleSessions.purge();

            await().atMost(Duration.ofSeconds(20)).until(() -> requestFor(identity, idle).isPresent());
            ConsumerRecord<String, byte[]> record = requestFor(identity, idle).orElseThrow();
            ErasureRequested requested = json.readValue(record.value(), ErasureRequested.class);
            assertThat(requested.userIds()).contains(idle.toString(), idleWithoutTokens.toString())
                    .doesNotContain(active.toString(), holdsUsableToken.toString(), recent.toString(), person.toString(),
                            linked.toString());
            assertThat(requested.emailSha256()).as("an anonymous session never had an address").isNull();
            assertThat(new String(record.value(), StandardCharsets.UTF_8)).doesNotContain("email_sha256");
            assertThat(confirmedBy(requested.erasureId())).containsExactly("gateway-service");
        }
        assertThat(userExists(idle)).isFalse();
        assertThat(userExists(idleWithoutTokens)).isFalse();
        assertThat(tokensOf(idle)).isZero();
        assertThat(userExists(active)).isTrue();
        assertThat(userExists(holdsUsableToken)).isTrue();
        assertThat(userExists(recent)).isTrue();
        assertThat(userExists(person)).isTrue();
        assertThat(userExists(linked)).isTrue();
    }

    private static Duration days(int days) {
        return Duration.ofDays(days);
    }

    private Optional<ConsumerRecord<String, byte[]>> requestFor(TestKafka.Reader reader, UUID userId) {
        return reader.withHeader(CloudEventHeaders.TYPE, ErasureRequested.TYPE).stream()
                .filter(r -> new String(r.value(), StandardCharsets.UTF_8).contains(userId.toString())).findFirst();
    }

    /** A user of the default tenant created {@code age} ago; anonymous ones may be linked to a person. */
    private UUID user(String kind, Duration age, UUID mergedInto) throws Exception {
        UUID id = UUID.randomUUID();
        update("""
                INSERT INTO users (id, tenant_id, kind, email, created_at, merged_into, merged_at)
                SELECT ?, id, ?, ?, ?, ?, ? FROM tenants WHERE slug = 'default'""", statement -> {
            statement.setObject(1, id);
            statement.setString(2, kind);
            statement.setString(3, "person".equals(kind) ? "housekeeping-" + id + "@example.com" : null);
            statement.setTimestamp(4, Timestamp.from(now.minus(age)));
            statement.setObject(5, mergedInto);
            statement.setTimestamp(6, mergedInto == null ? null : Timestamp.from(now.minus(age)));
        });
        return id;
    }

    /** A refresh token issued, expiring and maybe revoked that long ago (negative: in the future). */
    private UUID token(UUID userId, Duration issued, Duration expires, Duration revoked) throws Exception {
        UUID id = UUID.randomUUID();
        update("""
                INSERT INTO refresh_tokens (id, user_id, token_hash, expires_at, revoked_at, created_at, family_id, family_started_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
                statement -> {
                    statement.setObject(1, id);
                    statement.setObject(2, userId);
                    statement.setString(3, "hash-" + id);
                    statement.setTimestamp(4, Timestamp.from(now.minus(expires)));
                    statement.setTimestamp(5, revoked == null ? null : Timestamp.from(now.minus(revoked)));
                    statement.setTimestamp(6, Timestamp.from(now.minus(issued)));
                    statement.setObject(7, id);
                    statement.setTimestamp(8, Timestamp.from(now.minus(issued)));
                });
        return id;
    }

    private boolean tokenExists(UUID id) throws Exception {
        return count("SELECT count(*) FROM refresh_tokens WHERE id = ?", id) == 1;
    }

    private int tokensOf(UUID userId) throws Exception {
        return count("SELECT count(*) FROM refresh_tokens WHERE user_id = ?", userId);
    }

    private boolean userExists(UUID id) throws Exception {
        return count("SELECT count(*) FROM users WHERE id = ?", id) == 1;
    }

    private List<String> confirmedBy(String erasureId) throws Exception {
        try (Connection db = connection();
             PreparedStatement statement = db.prepareStatement(
                     "SELECT service FROM erasure_confirmations WHERE erasure_id = ?::uuid ORDER BY service")) {
            statement.setString(1, erasureId);
            try (ResultSet rows = statement.executeQuery()) {
                List<String> services = new java.util.ArrayList<>();
                while (rows.next()) {
                    services.add(rows.getString(1));
                }
                return services;
            }
        }
    }

    private int count(String sql, UUID id) throws Exception {
        try (Connection db = connection(); PreparedStatement statement = db.prepareStatement(sql)) {
            statement.setObject(1, id);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    /** Autocommitted, outside the application's transactions, in the schema the gateway uses. */
    private Connection connection() throws Exception {
        return DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
    }

    private interface Binder {
        void bind(PreparedStatement statement) throws Exception;
    }

    private void update(String sql, Binder binder) throws Exception {
        try (Connection db = connection(); PreparedStatement statement = db.prepareStatement(sql)) {
            binder.bind(statement);
            assertThat(statement.executeUpdate()).isOne();
        }
    }
}
