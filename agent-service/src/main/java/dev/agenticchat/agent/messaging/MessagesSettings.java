package dev.agenticchat.agent.messaging;

import dev.agenticchat.contracts.Topics;
import io.micronaut.context.annotation.ConfigurationProperties;

/**
 * {@code agent.messages.*}: where the worker reads user messages from (tests point it at a
 * private topic and group, so other modules' test messages never reach them).
 */
@ConfigurationProperties("agent.messages")
class MessagesSettings {
    private String group = "agent-workers";
    private String topic = Topics.CHAT_MESSAGES;

    public String getGroup() {
        return group;
    }

    public void setGroup(String group) {
        this.group = group;
    }

    public String getTopic() {
        return topic;
    }

    public void setTopic(String topic) {
        this.topic = topic;
    }
}
