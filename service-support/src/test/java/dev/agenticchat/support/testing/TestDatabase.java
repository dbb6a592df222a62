package dev.agenticchat.support.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** Connection settings of the real Postgres the test command started (or the one DATABASE_URL names). */
public final class TestDatabase {
    private TestDatabase() {
    }

    public static String url() {
        return env("DATABASE_URL", "jdbc:postgresql://127.0.0.1:5433/agentic_chat");
    }

    public static String adminUser() {
        return env("DATABASE_ADMIN_USER", "postgres");
    }

    public static String adminPassword() {
        return env("DATABASE_ADMIN_PASSWORD", "postgres");
    }

    /** An administrator's connection, for tests that look into a schema the way an auditor would. */
    public static Connection admin() throws SQLException {
        return DriverManager.getConnection(url(), adminUser(), adminPassword());
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
