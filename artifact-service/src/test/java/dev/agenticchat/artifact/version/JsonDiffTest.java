package dev.agenticchat.artifact.version;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonDiffTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void reports_added_removed_and_changed_members_as_json_pointers() throws Exception {
        List<Change> changes = JsonDiff.between(
                JSON.readTree("{\"title\":\"A\",\"a/b\":1,\"gone\":true,\"rows\":[[1,2],[3]]}"),
                JSON.readTree("{\"title\":\"B\",\"a/b\":1.0,\"rows\":[[1,5]],\"new~\":{\"x\":1}}"));

        assertThat(changes).containsExactly(
                new Change("/title", Change.CHANGED, "A", "B"),
                new Change("/gone", Change.REMOVED, true, null),
                new Change("/rows/0/1", Change.CHANGED, 2, 5),
                new Change("/rows/1", Change.REMOVED, List.of(3), null),
                new Change("/new~0", Change.ADDED, null, Map.of("x", 1)));
    }

    @Test
    void finds_nothing_between_equal_documents() throws Exception {
        assertThat(JsonDiff.between(JSON.readTree("{\"a\":[1,{\"b\":null}]}"), JSON.readTree("{\"a\":[1,{\"b\":null}]}")))
                .isEmpty();
    }

    @Test
    void a_value_that_changes_kind_is_one_change() throws Exception {
        assertThat(JsonDiff.between(JSON.readTree("{\"a\":{\"b\":1}}"), JSON.readTree("{\"a\":[1]}")))
                .containsExactly(new Change("/a", Change.CHANGED, Map.of("b", 1), List.of(1)));
    }
}
