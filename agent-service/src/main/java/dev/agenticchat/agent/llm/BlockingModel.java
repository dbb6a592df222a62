package dev.agenticchat.agent.llm;

import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;

/**
 * The model for work no user watches (conversation summaries), one blocking call at a time, each
 * recorded in the request log as the given call. Failures propagate to the caller, who retries later.
 */
public interface BlockingModel {
    ChatResponse chat(ModelCall call, ChatRequest request);
}
