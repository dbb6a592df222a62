package dev.agenticchat.gateway.apidocs;

import dev.agenticchat.gateway.proxy.Routes;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Merges the services' OpenAPI documents into the gateway's. A service contributes only the paths the
 * gateway routes to it; where the gateway answers a method itself (a thread's SSE stream, posting to
 * a thread) the gateway's operation stands. A schema name two services use for different shapes is
 * prefixed with the service's name in that service's part, references included.
 */
final class DocumentMerge {
    /** Gateway paths that are not public API: service-to-service calls, its own document, the libraries. */
    private static final List<String> NOT_PUBLIC = List.of("/internal/", "/swagger/", "/webjars");
    private static final String SCHEMA_REF = "#/components/schemas/";

    private final List<Routes.Route> routes;

    DocumentMerge(List<Routes.Route> routes) {
        this.routes = routes;
    }

    Map<String, Object> merge(Map<String, Object> gateway, Map<String, Map<String, Object>> services) {
        Map<String, Object> result = new LinkedHashMap<>(gateway);
        result.put("info", Map.of("title", "agentic-chat public API", "version", info(gateway).getOrDefault("version", "0"),
                "description", "Every path a client reaches through the gateway. Errors are application/problem+json "
                        + "(components/schemas/Problem). Each service's own document is at /swagger/<service>.yml on it."));
        Map<String, Object> paths = new LinkedHashMap<>();
        map(gateway, "paths").forEach((path, item) -> {
            if (NOT_PUBLIC.stream().noneMatch(path::startsWith)) {
                paths.put(path, new LinkedHashMap<>(asMap(item)));
            }
        });
        Map<String, Object> components = new LinkedHashMap<>(map(gateway, "components"));
        Map<String, Object> schemas = new LinkedHashMap<>(map(components, "schemas"));
        Map<String, Object> securitySchemes = new LinkedHashMap<>(map(components, "securitySchemes"));
        services.forEach((service, document) -> {
            Map<String, Object> renamed = asMap(renameClashes(service, document, schemas));
            map(map(renamed, "components"), "schemas").forEach(schemas::putIfAbsent);
            map(map(renamed, "components"), "securitySchemes").forEach(securitySchemes::putIfAbsent);
            map(renamed, "paths").forEach((path, item) -> {
                if (routedTo(service, path)) {
                    Map<String, Object> merged = asMap(paths.computeIfAbsent(path, p -> new LinkedHashMap<>()));
                    asMap(item).forEach(merged::putIfAbsent);
                }
            });
        });
        result.put("paths", paths);
        components.put("schemas", schemas);
        components.put("securitySchemes", securitySchemes);
        result.put("components", components);
        return result;
    }

    private boolean routedTo(String service, String path) {
        return routes.stream().filter(route -> route.matches(path)).findFirst()
                .map(route -> route.service().equals(service)).orElse(false);
    }

    /** The service's document with each schema that differs from one already merged under its name renamed. */
    private static Object renameClashes(String service, Map<String, Object> document, Map<String, Object> merged) {
        Map<String, String> renames = new HashMap<>();
        map(map(document, "components"), "schemas").forEach((name, schema) -> {
            if (merged.containsKey(name) && !merged.get(name).equals(schema)) {
                renames.put(name, service + "." + name);
            }
        });
        return renames.isEmpty() ? document : rewrite(document, renames, false);
    }

    private static Object rewrite(Object node, Map<String, String> renames, boolean schemaNames) {
        if (node instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((key, value) -> {
                String name = String.valueOf(key);
                if (schemaNames && renames.containsKey(name)) {
                    name = renames.get(name);
                }
                if ("$ref".equals(name) && value instanceof String ref && ref.startsWith(SCHEMA_REF)
                        && renames.containsKey(ref.substring(SCHEMA_REF.length()))) {
                    copy.put(name, SCHEMA_REF + renames.get(ref.substring(SCHEMA_REF.length())));
                } else {
                    copy.put(name, rewrite(value, renames, "schemas".equals(name) && !schemaNames));
                }
            });
            return copy;
        }
        if (node instanceof List<?> list) {
            return list.stream().map(item -> rewrite(item, renames, false)).toList();
        }
        return node;
    }

    private static Map<String, Object> info(Map<String, Object> document) {
        return map(document, "info");
    }

    private static Map<String, Object> map(Map<String, Object> parent, String key) {
        Object value = parent.get(key);
        return value == null ? Map.of() : asMap(value);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object value) {
        return (Map<String, Object>) value;
    }
}
