package dev.agenticchat.gateway.apidocs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.annotation.Property;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/** The services behind this gateway are down (port 9 refuses): the merged document says which one, not half a document. */
@MicronautTest(transactional = false)
@Property(name = "gateway.services.chat", value = "http://127.0.0.1:9")
@Property(name = "gateway.services.artifact", value = "http://127.0.0.1:9")
@Property(name = "gateway.services.retrieval", value = "http://127.0.0.1:9")
@Property(name = "gateway.services.notification", value = "http://127.0.0.1:9")
@Property(name = "gateway.services.agent", value = "http://127.0.0.1:9")
class ApiDocsIT {
    @Inject
    @Client("/")
    HttpClient http;

    @Test
    void answers_503_problem_naming_the_service_whose_document_it_could_not_read() {
        assertThatThrownBy(() -> http.toBlocking().exchange(HttpRequest.GET("/api/openapi.yml"), String.class))
                .isInstanceOfSatisfying(HttpClientResponseException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(503);
                    assertThat(e.getResponse().getContentType()).hasValueSatisfying(type -> assertThat(type.toString())
                            .startsWith("application/problem+json"));
                    assertThat(e.getResponse().getBody(String.class)).hasValueSatisfying(body -> assertThat(body)
                            .contains("chat-service's OpenAPI document could not be read"));
                });
    }

    @Test
    void serves_its_own_document_and_the_docs_page_without_a_token() {
        HttpResponse<String> own = http.toBlocking().exchange(HttpRequest.GET("/swagger/gateway-service.yml"), String.class);
        assertThat(own.getStatus().getCode()).isEqualTo(200);
        assertThat(own.body()).startsWith("openapi: 3.").contains("/api/auth/anonymous:", "Problem:");

        HttpResponse<String> docs = http.toBlocking().exchange(HttpRequest.GET("/api/docs"), String.class);
        assertThat(docs.getStatus().getCode()).isEqualTo(200);
        assertThat(docs.getHeaders().get("Content-Security-Policy")).isEqualTo(ApiDocsController.DOCS_CONTENT_SECURITY_POLICY);
    }
}
