package dev.agenticchat.notification.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ParamSealerTest {
    @Test
    void seals_a_value_so_only_the_same_pepper_opens_it() {
        ParamSealer sealer = new ParamSealer(new SealerSettings("pepper-a"));
        String sealed = sealer.seal("123456");

        assertThat(sealed).startsWith(ParamSealer.PREFIX).doesNotContain("123456");
        assertThat(sealed).isNotEqualTo(sealer.seal("123456"));
        assertThat(sealer.open(Map.of("code", sealed, "purpose", "link_session")))
                .containsEntry("code", "123456").containsEntry("purpose", "link_session");
        assertThatThrownBy(() -> new ParamSealer(new SealerSettings("pepper-b")).open(Map.of("code", sealed)))
                .isInstanceOf(InvalidMailRequest.class);
    }
}
