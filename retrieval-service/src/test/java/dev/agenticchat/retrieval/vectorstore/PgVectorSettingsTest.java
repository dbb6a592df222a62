package dev.agenticchat.retrieval.vectorstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PgVectorSettingsTest {
    @Test
    void ef_search_outside_what_pgvector_allows_is_refused_by_name() {
        assertThatThrownBy(() -> new PgVectorSettings(0)).hasMessageContaining("RETRIEVAL_PGVECTOR_EF_SEARCH");
        assertThatThrownBy(() -> new PgVectorSettings(1001)).hasMessageContaining("1 to 1000");
        assertThat(new PgVectorSettings(400).efSearch()).isEqualTo(400);
    }
}
