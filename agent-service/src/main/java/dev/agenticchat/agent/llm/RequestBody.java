package dev.agenticchat.agent.llm;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.Content;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A model call's request and answer as the request log keeps them: every text redacted
 * ({@link Redactor}), the tools offered by name only (their schemas are the service's own).
 */
final class RequestBody {
    private RequestBody() {
    }

    @Serdeable
    record Request(List<Message> messages, List<String> tools) {
    }

    @Serdeable
    record Message(String role, @Nullable String text, @Nullable String toolName, List<ToolCall> toolCalls) {
    }

    @Serdeable
    record ToolCall(@Nullable String name, @Nullable String arguments) {
    }

    @Serdeable
    record Response(@Nullable String text, List<ToolCall> toolCalls) {
    }

    static Request of(ChatRequest request) {
        List<ToolSpecification> tools = request.toolSpecifications() == null ? List.of() : request.toolSpecifications();
        return new Request(request.messages().stream().map(RequestBody::message).toList(),
                tools.stream().map(ToolSpecification::name).toList());
    }

    static Response of(AiMessage answer) {
        return new Response(Redactor.redact(answer.text()), toolCalls(answer));
    }

    private static Message message(ChatMessage message) {
        switch (message.type()) {
            case SYSTEM:
                return new Message("system", Redactor.redact(((SystemMessage) message).text()), null, List.of());
            case USER:
                return new Message("user", Redactor.redact(text((UserMessage) message)), null, List.of());
            case AI:
                AiMessage ai = (AiMessage) message;
                return new Message("assistant", Redactor.redact(ai.text()), null, toolCalls(ai));
            case TOOL_EXECUTION_RESULT:
                ToolExecutionResultMessage result = (ToolExecutionResultMessage) message;
                return new Message("tool", Redactor.redact(result.text()), result.toolName(), List.of());
            default:
                return new Message(message.type().name().toLowerCase(), null, null, List.of());
        }
    }

    /** The texts of a user message; other contents (images, files) are named, not kept. */
    private static String text(UserMessage message) {
        if (message.hasSingleText()) {
            return message.singleText();
        }
        return message.contents().stream().map(RequestBody::text).collect(Collectors.joining("\n"));
    }

    private static String text(Content content) {
        return content instanceof TextContent text ? text.text() : "[" + content.type().name().toLowerCase() + "]";
    }

    private static List<ToolCall> toolCalls(AiMessage message) {
        if (!message.hasToolExecutionRequests()) {
            return List.of();
        }
        return message.toolExecutionRequests().stream()
                .map((ToolExecutionRequest call) -> new ToolCall(call.name(), Redactor.redact(call.arguments())))
                .toList();
    }
}
