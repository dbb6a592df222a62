package dev.agenticchat.agent.agents;

import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A model an agent's turns go to, in order, when its own answers 429, 5xx or times out. */
@Serdeable
public record Fallback(@NotBlank @Size(max = 40) String provider,
                       @NotBlank @Size(max = 200) @Pattern(regexp = AgentFields.NO_NUL, message = AgentFields.NUL_MESSAGE)
                       String model) {
}
