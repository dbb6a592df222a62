package dev.agenticchat.agent.usage;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** What the usage of a period is told by: per agent, per provider and model, per user, per UTC day. */
enum GroupBy {
    AGENT("agent"), MODEL("model"), USER("user"), DAY("day");

    static final List<String> NAMES = Arrays.stream(values()).map(GroupBy::parameter).toList();

    private final String parameter;

    GroupBy(String parameter) {
        this.parameter = parameter;
    }

    /** As {@code group_by} names it. */
    String parameter() {
        return parameter;
    }

    static Optional<GroupBy> of(String parameter) {
        return Arrays.stream(values()).filter(by -> by.parameter.equals(parameter)).findFirst();
    }
}
