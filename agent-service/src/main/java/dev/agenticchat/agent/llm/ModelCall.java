package dev.agenticchat.agent.llm;

import java.util.UUID;

/** What a model call is made for, as the request log keeps it: the turn, its step, and the agent version asking. */
public record ModelCall(UUID turnId, int step, UUID agentId, int agentVersion, String provider) {
}
