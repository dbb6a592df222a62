package dev.agenticchat.gateway.chatkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compares a JSON text with a golden sample (src/test/resources/chatkit/, built from
 * ../shared/protocols/chatkit.md) by shape: the same field names at every level, the same JSON
 * types, the same {@code type} discriminators; ids, texts and times may differ. The i-th element of a list is
 * compared with the golden's i-th (or its last); a list the golden has elements in must have some. Fields named in {@code free} are compared as
 * present only (a widget's tree is checked on its own).
 */
final class Shapes {
    static final JsonMapper JSON = JsonMapper.createDefault();

    private Shapes() {
    }

    static Object golden(String path) {
        try (InputStream in = Shapes.class.getResourceAsStream("/chatkit/" + path + ".json")) {
            assertThat(in).as("golden sample " + path).isNotNull();
            return JSON.readValue(in.readAllBytes(), Argument.OBJECT_ARGUMENT);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Object parse(String json) {
        try {
            return JSON.readValue(json, Argument.OBJECT_ARGUMENT);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void assertShape(String json, String golden, String... free) {
        compare(golden(golden), parse(json), golden, Set.of(free));
    }

    private static java.util.List<String> keys(Map<?, ?> map) {
        return map.keySet().stream().map(String::valueOf).toList();
    }

    private static void compare(Object golden, Object actual, String path, Set<String> free) {
        if (golden instanceof Map<?, ?> expected) {
            assertThat(actual).as(path + " is an object").isInstanceOf(Map.class);
            Map<?, ?> map = (Map<?, ?>) actual;
            assertThat(new java.util.TreeSet<>(keys(map))).as(path + " fields").isEqualTo(new java.util.TreeSet<>(keys(expected)));
            if (expected.get("type") instanceof String type) {
                assertThat(map.get("type")).as(path + ".type").isEqualTo(type);
            }
            for (Map.Entry<?, ?> field : expected.entrySet()) {
                if (!free.contains(String.valueOf(field.getKey()))) {
                    compare(field.getValue(), map.get(field.getKey()), path + "." + field.getKey(), free);
                }
            }
        } else if (golden instanceof List<?> expected) {
            assertThat(actual).as(path + " is a list").isInstanceOf(List.class);
            if (!expected.isEmpty()) {
                List<?> list = (List<?>) actual;
                assertThat(list).as(path + " has elements, as the golden sample does").isNotEmpty();
                for (int i = 0; i < list.size(); i++) {
                    compare(expected.get(Math.min(i, expected.size() - 1)), list.get(i), path + "[" + i + "]", free);
                }
            }
        } else if (golden instanceof String) {
            assertThat(actual).as(path + " is a string").isInstanceOf(String.class);
        } else if (golden instanceof Number) {
            assertThat(actual).as(path + " is a number").isInstanceOf(Number.class);
        } else if (golden instanceof Boolean) {
            assertThat(actual).as(path + " is a boolean").isInstanceOf(Boolean.class);
        } else {
            assertThat(actual).as(path + " is null").isNull();
        }
    }
}
