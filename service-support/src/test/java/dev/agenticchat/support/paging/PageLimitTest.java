package dev.agenticchat.support.paging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agenticchat.support.web.ApiProblem;
import org.junit.jupiter.api.Test;

class PageLimitTest {
    @Test
    void no_limit_means_fifty_and_one_to_two_hundred_are_taken_as_they_are() {
        assertThat(PageLimit.of(null)).isEqualTo(50);
        assertThat(PageLimit.of(1)).isEqualTo(1);
        assertThat(PageLimit.of(200)).isEqualTo(200);
    }

    @Test
    void a_limit_outside_one_to_two_hundred_is_a_400_naming_the_limit_parameter() {
        for (int limit : new int[] {0, -1, 201, Integer.MAX_VALUE}) {
            assertThatThrownBy(() -> PageLimit.of(limit)).isInstanceOfSatisfying(ApiProblem.class, problem -> {
                assertThat(problem.status().getCode()).isEqualTo(400);
                assertThat(problem.getMessage()).isEqualTo("limit must be between 1 and 200");
                assertThat(problem.errors()).singleElement().satisfies(error -> assertThat(error.field()).isEqualTo("limit"));
            });
        }
    }
}
