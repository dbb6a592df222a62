package dev.agenticchat.gateway.apidocs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agenticchat.gateway.proxy.Routes;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

class DocumentMergeTest {
    private static final URI ANY = URI.create("http://127.0.0.1:1");
    private final DocumentMerge merge = new DocumentMerge(List.of(
            new Routes.Route("/api/threads", "chat-service", ANY),
            new Routes.Route("/api/artifacts", "artifact-service", ANY)));

    @Test
    void takes_from_a_service_only_the_paths_routed_to_it_and_keeps_the_gateways_own_operations() {
        Map<String, Object> gateway = yaml("""
                openapi: 3.0.1
                info: {title: gateway-service, version: 0.1.0}
                paths:
                  /api/me: {get: {operationId: me}}
                  /api/threads/{id}/messages: {post: {operationId: gatewayPost}}
                  /internal/users/{id}: {get: {operationId: internal}}
                """);
        Map<String, Object> chat = yaml("""
                openapi: 3.0.1
                paths:
                  /api/threads/{id}/messages: {get: {operationId: history}, post: {operationId: chatPost}}
                  /api/artifacts: {get: {operationId: notChats}}
                """);

        Map<String, Object> merged = merge.merge(gateway, Map.of("chat-service", chat));

        Map<String, Object> paths = map(merged, "paths");
        assertThat(paths).containsOnlyKeys("/api/me", "/api/threads/{id}/messages");
        Map<String, Object> messages = map(paths, "/api/threads/{id}/messages");
        assertThat(map(messages, "post")).containsEntry("operationId", "gatewayPost");
        assertThat(map(messages, "get")).containsEntry("operationId", "history");
        assertThat(map(merged, "info")).containsEntry("title", "agentic-chat public API");
    }

    @Test
    void renames_a_schema_two_services_define_differently_and_the_references_to_it() {
        Map<String, Object> gateway = yaml("""
                paths: {}
                components: {schemas: {Problem: {type: object}, PageView: {type: object, properties: {items: {type: array}}}}}
                """);
        Map<String, Object> artifact = yaml("""
                paths:
                  /api/artifacts:
                    get: {responses: {"200": {content: {application/json: {schema: {$ref: "#/components/schemas/PageView"}}}}}}
                components: {schemas: {Problem: {type: object}, PageView: {type: object, properties: {data: {type: array}}}}}
                """);

        Map<String, Object> merged = merge.merge(gateway, Map.of("artifact-service", artifact));

        Map<String, Object> schemas = map(map(merged, "components"), "schemas");
        assertThat(schemas).containsOnlyKeys("Problem", "PageView", "artifact-service.PageView");
        assertThat(new Yaml().dump(map(merged, "paths"))).contains("#/components/schemas/artifact-service.PageView");
    }

    private static Map<String, Object> yaml(String text) {
        return new LinkedHashMap<>(new Yaml().<Map<String, Object>>load(text));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> parent, String key) {
        assertThat(parent).containsKey(key);
        return (Map<String, Object>) parent.get(key);
    }
}
