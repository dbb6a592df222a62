package dev.agenticchat.notification.otp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EmailAddressesTest {
    @ParameterizedTest
    @CsvSource({
            "'  Ada@Example.COM ', ada@example.com",
            "ada.lovelace+chat@mail.example.co.uk, ada.lovelace+chat@mail.example.co.uk",
            "O'Brien@example.ie, o'brien@example.ie"})
    void trims_and_lower_cases_the_whole_address(String raw, String normalized) {
        assertThat(EmailAddresses.normalize(raw)).contains(normalized);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "ada", "ada@", "@example.com", "ada@example", "a@b@example.com", "ada@exa mple.com",
            ".ada@example.com", "ada..l@example.com", "ada@-example.com", "ada@example.c0m1-", "ada\n@example.com"})
    void refuses_what_is_not_a_mailbox_address(String raw) {
        assertThat(EmailAddresses.normalize(raw)).isEmpty();
    }
}
