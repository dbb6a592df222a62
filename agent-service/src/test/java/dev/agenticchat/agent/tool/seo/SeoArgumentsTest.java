package dev.agenticchat.agent.tool.seo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agenticchat.agent.tool.ToolArguments;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import org.junit.jupiter.api.Test;

class SeoArgumentsTest {
    private final JsonMapper json = JsonMapper.createDefault();

    @Test
    void reduces_a_url_to_the_lower_case_host_without_www() throws Exception {
        assertThat(SeoArguments.domain(" https://www.Example.COM:443/pricing?x=1 ", "domain")).isEqualTo("example.com");
        assertThat(SeoArguments.domain("shop.example.co.uk.", "domain")).isEqualTo("shop.example.co.uk");
    }

    @Test
    void refuses_what_is_not_a_domain() {
        assertThatThrownBy(() -> SeoArguments.domain("localhost", "domain"))
                .isInstanceOf(ToolArguments.InvalidArgumentsException.class)
                .hasMessage("Error: domain \"localhost\" is not a domain such as example.com.");
        assertThatThrownBy(() -> SeoArguments.domain("exa mple.com", "domain"))
                .isInstanceOf(ToolArguments.InvalidArgumentsException.class);
    }

    @Test
    void defaults_the_database_to_us_and_checks_limits() throws Exception {
        assertThat(SeoArguments.database(arguments("{}"))).isEqualTo("us");
        assertThat(SeoArguments.database(arguments("{\"database\":\"DE\"}"))).isEqualTo("de");
        assertThatThrownBy(() -> SeoArguments.database(arguments("{\"database\":\"usa\"}")))
                .hasMessage("Error: database must be a two-letter region code such as us, uk or de.");
        assertThat(SeoArguments.limit(arguments("{\"limit\":7}"), 10, 50)).isEqualTo(7);
        assertThatThrownBy(() -> SeoArguments.limit(arguments("{\"limit\":51}"), 10, 50))
                .hasMessage("Error: limit must be an integer from 1 to 50.");
        assertThatThrownBy(() -> SeoArguments.limit(arguments("{\"limit\":2.5}"), 10, 50))
                .isInstanceOf(ToolArguments.InvalidArgumentsException.class);
    }

    private JsonNode arguments(String text) throws Exception {
        return ToolArguments.object(json, text);
    }
}
