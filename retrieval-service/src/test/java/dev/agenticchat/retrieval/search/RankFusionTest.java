package dev.agenticchat.retrieval.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.agenticchat.retrieval.search.RankFusion.Scored;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RankFusionTest {
    private final UUID a = UUID.randomUUID();
    private final UUID b = UUID.randomUUID();
    private final UUID c = UUID.randomUUID();

    @Test
    void ranks_a_passage_found_by_both_searches_above_one_found_first_by_a_single_search() {
        List<Scored> keyword = List.of(new Scored(a, 9.0), new Scored(b, 1.0));
        List<Scored> vector = List.of(new Scored(c, 0.99), new Scored(b, 0.5));

        List<Scored> fused = RankFusion.fuse(keyword, vector);

        assertThat(fused).extracting(Scored::chunkId).containsExactly(b, a, c);
        assertThat(fused.get(0).score()).isCloseTo(2.0 / 62, within(1e-12));
        assertThat(fused.get(1).score()).isCloseTo(1.0 / 61, within(1e-12));
    }
}
