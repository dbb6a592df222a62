package dev.agenticchat.gateway.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AllowedOriginTest {
    @ParameterizedTest
    @CsvSource({
            "https://shop.example, https://shop.example",
            "HTTPS://Shop.Example/, https://shop.example",
            "https://shop.example:443, https://shop.example",
            "http://shop.example:80, http://shop.example",
            "https://shop.example:8443, https://shop.example:8443",
            "http://localhost:3000, http://localhost:3000",
            "http://127.0.0.1:3000, http://127.0.0.1:3000",
            "'http://[::1]:3000', 'http://[::1]:3000'",
            "https://xn--mnchen-3ya.example, https://xn--mnchen-3ya.example",
            "'  https://a.b.example  ', https://a.b.example",
    })
    void keeps_an_origin_as_browsers_send_it(String written, String stored) {
        assertThat(AllowedOrigin.parse(written)).contains(stored);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "null", "shop.example", "//shop.example", "ftp://shop.example", "file:///etc/passwd",
            "https://*.shop.example", "*", "https://shop.example/path", "https://shop.example//", "https://shop.example?x=1",
            "https://shop.example#top", "https://user:pw@shop.example", "https://shop.example:0", "https://shop.example:99999",
            "https://shop.example:", "https://shop_example.com", "https://münchen.example", "https://-shop.example",
            "javascript:alert(1)", "data:text/html,x"})
    void refuses_anything_that_is_not_exactly_one_origin(String written) {
        assertThat(AllowedOrigin.parse(written)).as(written).isEmpty();
    }
}
