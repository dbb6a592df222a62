package dev.agenticchat.agent.tool.knowledge;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.List;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface TurnCitationRepository extends CrudRepository<TurnCitation, UUID> {

    List<TurnCitation> findByTurnIdOrderByNumber(UUID turnId);
}
