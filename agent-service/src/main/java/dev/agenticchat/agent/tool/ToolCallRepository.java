package dev.agenticchat.agent.tool;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface ToolCallRepository extends CrudRepository<ToolCall, UUID> {

    List<ToolCall> findByTurnIdInAndStatusOrderByCreatedAt(Collection<UUID> turnIds, String status);
}
