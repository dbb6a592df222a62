package dev.agenticchat.support.identity;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import java.sql.PreparedStatement;

/** One SQL update with text parameters, in the caller's transaction: what moving and erasing personal data is made of. */
public final class Statements {
    private Statements() {
    }

    public static int update(JdbcOperations jdbc, String sql, String... values) {
        return jdbc.prepareStatement(sql, (PreparedStatement statement) -> {
            for (int i = 0; i < values.length; i++) {
                statement.setString(i + 1, values[i]);
            }
            return statement.executeUpdate();
        });
    }
}
