package dev.agenticchat.artifact.version;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IfMatchTest {

    @Test
    void matches_the_current_version_as_a_strong_or_weak_tag_or_any_version_with_a_star() {
        assertThat(VersionService.matches("\"3\"", 3)).isTrue();
        assertThat(VersionService.matches("W/\"3\"", 3)).isTrue();
        assertThat(VersionService.matches("\"1\", \"3\"", 3)).isTrue();
        assertThat(VersionService.matches("*", 3)).isTrue();
    }

    @Test
    void refuses_another_version_or_an_unquoted_one() {
        assertThat(VersionService.matches("\"2\"", 3)).isFalse();
        assertThat(VersionService.matches("3", 3)).isFalse();
        assertThat(VersionService.matches("\"33\"", 3)).isFalse();
    }
}
