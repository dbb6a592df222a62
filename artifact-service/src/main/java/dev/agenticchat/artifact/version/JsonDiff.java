package dev.agenticchat.artifact.version;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Field-level differences between two JSON documents: objects compared member by member,
 * arrays element by element (an insertion shows as changes up to the end), anything else as a
 * whole value.
 */
final class JsonDiff {
    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonDiff() {
    }

    static List<Change> between(JsonNode from, JsonNode to) {
        List<Change> changes = new ArrayList<>();
        diff("", from, to, changes);
        return changes;
    }

    private static void diff(String path, JsonNode from, JsonNode to, List<Change> changes) {
        if (from.equals(to) || from.isNumber() && to.isNumber() && from.decimalValue().compareTo(to.decimalValue()) == 0) {
            return;
        }
        if (from.isObject() && to.isObject()) {
            for (Iterator<String> names = from.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                String child = path + "/" + escape(name);
                if (to.has(name)) {
                    diff(child, from.get(name), to.get(name), changes);
                } else {
                    changes.add(new Change(child, Change.REMOVED, value(from.get(name)), null));
                }
            }
            for (Iterator<String> names = to.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!from.has(name)) {
                    changes.add(new Change(path + "/" + escape(name), Change.ADDED, null, value(to.get(name))));
                }
            }
        } else if (from.isArray() && to.isArray()) {
            int common = Math.min(from.size(), to.size());
            for (int i = 0; i < common; i++) {
                diff(path + "/" + i, from.get(i), to.get(i), changes);
            }
            for (int i = common; i < from.size(); i++) {
                changes.add(new Change(path + "/" + i, Change.REMOVED, value(from.get(i)), null));
            }
            for (int i = common; i < to.size(); i++) {
                changes.add(new Change(path + "/" + i, Change.ADDED, null, value(to.get(i))));
            }
        } else {
            changes.add(new Change(path, Change.CHANGED, value(from), value(to)));
        }
    }

    /** RFC 6901: {@code ~} and {@code /} in a member name are escaped. */
    private static String escape(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }

    /** As plain maps, lists and scalars, which the HTTP layer serialises. */
    private static Object value(JsonNode node) {
        return JSON.convertValue(node, Object.class);
    }
}
