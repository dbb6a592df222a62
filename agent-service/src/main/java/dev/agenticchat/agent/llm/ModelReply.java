package dev.agenticchat.agent.llm;

import dev.langchain4j.data.message.AiMessage;
import java.math.BigDecimal;

/**
 * One successful model call: the assistant message (text and tool calls), the tokens it took,
 * which model answered (the agent's own or a fallback) and what the call cost.
 */
public record ModelReply(AiMessage message, long inputTokens, long outputTokens, String provider, String model,
                         BigDecimal cost) {
}
