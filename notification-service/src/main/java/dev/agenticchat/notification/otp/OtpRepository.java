package dev.agenticchat.notification.otp;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** otp_codes and otp_requests. Every method runs in the caller's transaction. */
@Singleton
class OtpRepository {
    private final JdbcOperations jdbc;

    OtpRepository(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** Serialises requests for one key across replicas until the transaction ends. */
    void lock(String key) {
        jdbc.prepareStatement("SELECT pg_advisory_xact_lock(hashtext(?))", statement -> {
            statement.setString(1, key);
            return statement.executeQuery().next();
        });
    }

    /** When the accepted requests of an address or an IP since {@code since} were made, oldest first. */
    List<Instant> requestTimes(RateKey key, String value, Instant since) {
        return jdbc.prepareStatement("SELECT created_at FROM otp_requests WHERE " + key.column
                + " = ? AND created_at > ? ORDER BY created_at", statement -> {
            statement.setString(1, value);
            statement.setTimestamp(2, Timestamp.from(since));
            try (ResultSet rs = statement.executeQuery()) {
                List<Instant> times = new ArrayList<>();
                while (rs.next()) {
                    times.add(rs.getTimestamp(1).toInstant());
                }
                return times;
            }
        });
    }

    void recordRequest(String email, String clientIp, Instant at) {
        jdbc.prepareStatement("INSERT INTO otp_requests (email, client_ip, created_at) VALUES (?, ?, ?)", statement -> {
            statement.setString(1, email);
            statement.setString(2, clientIp);
            statement.setTimestamp(3, Timestamp.from(at));
            return statement.executeUpdate();
        });
    }

    void supersedeLive(String tenantId, String email, Purpose purpose) {
        jdbc.prepareStatement("UPDATE otp_codes SET status = 'superseded' WHERE tenant_id = ? AND email = ? AND purpose = ?"
                + " AND status = 'live'", statement -> {
            statement.setString(1, tenantId);
            statement.setString(2, email);
            statement.setString(3, purpose.id());
            return statement.executeUpdate();
        });
    }

    void insert(UUID id, String tenantId, String email, Purpose purpose, String codeHash, Instant createdAt, Instant expiresAt) {
        jdbc.prepareStatement("""
                INSERT INTO otp_codes (id, tenant_id, email, purpose, code_hash, status, created_at, expires_at)
                VALUES (?, ?, ?, ?, ?, 'live', ?, ?)""", statement -> {
            statement.setObject(1, id);
            statement.setString(2, tenantId);
            statement.setString(3, email);
            statement.setString(4, purpose.id());
            statement.setString(5, codeHash);
            statement.setTimestamp(6, Timestamp.from(createdAt));
            statement.setTimestamp(7, Timestamp.from(expiresAt));
            return statement.executeUpdate();
        });
    }

    /** The newest code of (tenant, address, purpose), locked until the transaction ends. */
    Optional<OtpCode> newestForUpdate(String tenantId, String email, Purpose purpose) {
        return jdbc.prepareStatement("""
                SELECT id, code_hash, status, failed_attempts, expires_at FROM otp_codes
                WHERE tenant_id = ? AND email = ? AND purpose = ?
                ORDER BY created_at DESC LIMIT 1 FOR UPDATE""", statement -> {
            statement.setString(1, tenantId);
            statement.setString(2, email);
            statement.setString(3, purpose.id());
            try (ResultSet rs = statement.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new OtpCode(rs.getObject("id", UUID.class), rs.getString("code_hash"),
                        rs.getString("status"), rs.getInt("failed_attempts"), rs.getTimestamp("expires_at").toInstant()));
            }
        });
    }

    void recordWrongTry(UUID id, boolean dead) {
        jdbc.prepareStatement("UPDATE otp_codes SET failed_attempts = failed_attempts + 1"
                + (dead ? ", status = 'dead'" : "") + " WHERE id = ?", statement -> {
            statement.setObject(1, id);
            return statement.executeUpdate();
        });
    }

    void markUsed(UUID id, Instant at) {
        jdbc.prepareStatement("UPDATE otp_codes SET status = 'used', used_at = ? WHERE id = ?", statement -> {
            statement.setTimestamp(1, Timestamp.from(at));
            statement.setObject(2, id);
            return statement.executeUpdate();
        });
    }

    /** The failed checks counted for a subject, if any. */
    Optional<Lockouts.Failures> failures(String subject) {
        return jdbc.prepareStatement("SELECT failures, lockouts, locked_until, updated_at FROM otp_failures WHERE subject = ?",
                statement -> {
                    statement.setString(1, subject);
                    try (ResultSet rs = statement.executeQuery()) {
                        if (!rs.next()) {
                            return Optional.<Lockouts.Failures>empty();
                        }
                        Timestamp lockedUntil = rs.getTimestamp("locked_until");
                        return Optional.of(new Lockouts.Failures(rs.getInt("failures"), rs.getInt("lockouts"),
                                lockedUntil == null ? null : lockedUntil.toInstant(), rs.getTimestamp("updated_at").toInstant()));
                    }
                });
    }

    void saveFailures(String subject, Lockouts.Failures failures) {
        jdbc.prepareStatement("""
                INSERT INTO otp_failures (subject, failures, lockouts, locked_until, updated_at) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (subject) DO UPDATE SET failures = EXCLUDED.failures, lockouts = EXCLUDED.lockouts,
                    locked_until = EXCLUDED.locked_until, updated_at = EXCLUDED.updated_at""", statement -> {
            statement.setString(1, subject);
            statement.setInt(2, failures.failures());
            statement.setInt(3, failures.lockouts());
            statement.setTimestamp(4, failures.lockedUntil() == null ? null : Timestamp.from(failures.lockedUntil()));
            statement.setTimestamp(5, Timestamp.from(failures.updatedAt()));
            return statement.executeUpdate();
        });
    }

    void forgetFailures(String subject) {
        jdbc.prepareStatement("DELETE FROM otp_failures WHERE subject = ?", statement -> {
            statement.setString(1, subject);
            return statement.executeUpdate();
        });
    }

    /**
     * Forgets requests older than the rate window, codes long past use, and the failures of
     * subjects neither locked nor failing since {@code failuresBefore}; returns rows removed.
     */
    int purge(Instant requestsBefore, Instant codesBefore, Instant failuresBefore, Instant now) {
        int failures = jdbc.prepareStatement("DELETE FROM otp_failures WHERE updated_at < ?"
                + " AND (locked_until IS NULL OR locked_until < ?)", statement -> {
            statement.setTimestamp(1, Timestamp.from(failuresBefore));
            statement.setTimestamp(2, Timestamp.from(now));
            return statement.executeUpdate();
        });
        return failures + purgeRequestsAndCodes(requestsBefore, codesBefore);
    }

    private int purgeRequestsAndCodes(Instant requestsBefore, Instant codesBefore) {
        int requests = jdbc.prepareStatement("DELETE FROM otp_requests WHERE created_at < ?", statement -> {
            statement.setTimestamp(1, Timestamp.from(requestsBefore));
            return statement.executeUpdate();
        });
        int codes = jdbc.prepareStatement("DELETE FROM otp_codes WHERE expires_at < ?", statement -> {
            statement.setTimestamp(1, Timestamp.from(codesBefore));
            return statement.executeUpdate();
        });
        return requests + codes;
    }

    /** The columns a rate limit counts by. */
    enum RateKey {
        EMAIL("email"), CLIENT_IP("client_ip");

        private final String column;

        RateKey(String column) {
            this.column = column;
        }
    }
}
