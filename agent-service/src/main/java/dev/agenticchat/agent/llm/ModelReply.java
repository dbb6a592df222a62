package dev.agenticchat.agent.llm;

import dev.langchain4j.data.message.AiMessage;

/** One successful model call: the assistant message (text and tool calls) and the tokens it cost. */
public record ModelReply(AiMessage message, long inputTokens, long outputTokens) {
}
