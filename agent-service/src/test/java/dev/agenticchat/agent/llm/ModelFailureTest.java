package dev.agenticchat.agent.llm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.exception.RateLimitException;
import java.net.ConnectException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class ModelFailureTest {

    @Test
    void retries_rate_limits_server_errors_and_refused_connections_but_not_a_rejected_request() {
        assertThat(ModelFailure.of(new RateLimitException(new HttpException(429, "{}"))).retriable()).isTrue();
        assertThat(ModelFailure.of(new InternalServerException(new HttpException(503, "{}"))).retriable()).isTrue();
        assertThat(ModelFailure.of(new CompletionException(new ConnectException())).retriable()).isTrue();
        assertThat(ModelFailure.of(new HttpException(401, "{\"error\":\"bad key\"}")).retriable()).isFalse();
    }

    @Test
    void describes_the_failure_for_people_without_exception_names_or_bodies() {
        assertThat(ModelFailure.of(new InternalServerException(new HttpException(500, "{\"secret\":1}"))).userMessage(4))
                .isEqualTo("The language model is unavailable: it answered HTTP 500 after 4 attempts.");
        assertThat(ModelFailure.of(new CompletionException(new ConnectException("Connection refused"))).userMessage(4))
                .isEqualTo("The language model could not be reached (connection refused) after 4 attempts.");
        assertThat(ModelFailure.of(new HttpException(401, "{}")).userMessage(1))
                .isEqualTo("The language model refused the request (HTTP 401).");
    }
}
