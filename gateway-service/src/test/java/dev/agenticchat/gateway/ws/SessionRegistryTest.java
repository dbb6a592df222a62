package dev.agenticchat.gateway.ws;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SessionRegistryTest {
    private final SessionRegistry registry = new SessionRegistry(null);

    @Test
    void admits_sockets_from_an_address_up_to_its_limit_and_again_once_one_closes() {
        assertThat(registry.opened("198.51.100.7", 2)).isTrue();
        assertThat(registry.opened("198.51.100.7", 2)).isTrue();
        assertThat(registry.opened("198.51.100.7", 2)).isFalse();
        assertThat(registry.opened("198.51.100.8", 2)).as("another address").isTrue();
        registry.closed("198.51.100.7");
        assertThat(registry.opened("198.51.100.7", 2)).isTrue();
    }

    @Test
    void a_limit_of_zero_admits_every_socket() {
        for (int i = 0; i < 1_000; i++) {
            assertThat(registry.opened("198.51.100.9", 0)).isTrue();
        }
    }
}
