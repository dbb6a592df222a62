package dev.agenticchat.agent.agents;

import dev.agenticchat.agent.llm.LlmSettings;
import dev.agenticchat.agent.tool.ToolRegistry;
import dev.agenticchat.contracts.Topics;
import dev.agenticchat.contracts.events.AgentConfigChanged;
import dev.agenticchat.support.events.EventContext;
import dev.agenticchat.support.outbox.Outbox;
import dev.agenticchat.support.security.Caller;
import dev.agenticchat.support.web.ApiProblem;
import dev.agenticchat.support.web.Problem;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * A tenant's agents. Everyone in the tenant lists the active ones and reads their name and
 * description (to pick one for a conversation); tenant admins see every field and the disabled
 * ones, create, change (each change a new version, kept with who made it), disable and delete
 * them. The default agent can be changed but neither disabled nor deleted: it answers every
 * thread created without an agent. Every change is announced as {@link AgentConfigChanged} on
 * {@code agent.configs.v1}, through the outbox in the change's transaction.
 */
@Singleton
public class AgentService {
    public static final String DEFAULT_SLUG = "default";
    /** Providers an agent may use today; Anthropic's Messages API comes with the providers part of issue 13. */
    static final Set<String> PROVIDERS = Set.of("openai");

    private final AgentRepository agents;
    private final DefaultAgentSettings defaults;
    private final LlmSettings llm;
    private final ToolRegistry tools;
    private final Outbox outbox;

    AgentService(AgentRepository agents, DefaultAgentSettings defaults, LlmSettings llm, ToolRegistry tools, Outbox outbox) {
        this.agents = agents;
        this.outbox = outbox;
        this.defaults = defaults;
        this.llm = llm;
        this.tools = tools;
    }

    /** The agent a turn of the tenant uses: the named one if it is active, else none; no name: the default agent. */
    @Transactional
    public Optional<AgentVersion> forTurn(String tenantId, @Nullable String slug) {
        if (slug == null || slug.isBlank()) {
            return Optional.of(ensureDefault(tenantId));
        }
        if (DEFAULT_SLUG.equals(slug)) {
            ensureDefault(tenantId);
        }
        return agents.current(tenantId, slug).filter(AgentVersion::isActive);
    }

    @Transactional
    List<AgentVersion> list(Caller caller) {
        ensureDefault(caller.tenantId());
        return agents.all(caller.tenantId()).stream().filter(agent -> caller.isTenantAdmin() || agent.isActive()).toList();
    }

    /** The agent as the caller may see it (tenant admins: disabled ones too), else a 404 problem. */
    @Transactional
    public AgentVersion get(Caller caller, String slug) {
        if (DEFAULT_SLUG.equals(slug)) {
            ensureDefault(caller.tenantId());
        }
        return agents.current(caller.tenantId(), slug)
                .filter(agent -> caller.isTenantAdmin() || agent.isActive())
                .orElseThrow(() -> ApiProblem.notFound("agent " + slug));
    }

    @Transactional
    AgentVersion create(Caller caller, AgentFields fields) {
        caller.requireTenantAdmin("Creating an agent");
        ensureDefault(caller.tenantId());
        AgentVersion first = new AgentVersion(UUID.randomUUID(), caller.tenantId(), fields.slug(), false, 1,
                fields.name(), fields.description(), fields.statusOr(AgentVersion.ACTIVE), provider(fields.provider()),
                fields.model() == null ? llm.getModel() : fields.model(), fields.systemPrompt(), fields.temperature(),
                fields.maxOutputTokens(), tools(fields.tools()), List.of(), caller.userId(), now());
        if (!agents.insert(first)) {
            throw new ApiProblem(HttpStatus.CONFLICT, "Agent exists", "the tenant already has an agent " + fields.slug(),
                    List.of(new Problem.FieldError("slug", "is taken")));
        }
        announce(first, AgentConfigChanged.CREATED, first.changedBy(), first.changedAt());
        return first;
    }

    /** Applies what the change names over the current version, as the next version. */
    @Transactional
    AgentVersion update(Caller caller, String slug, AgentFields change) {
        caller.requireTenantAdmin("Changing an agent");
        if (DEFAULT_SLUG.equals(slug)) {
            ensureDefault(caller.tenantId());
        }
        AgentVersion current = agents.currentForUpdate(caller.tenantId(), slug)
                .orElseThrow(() -> ApiProblem.notFound("agent " + slug));
        String status = change.statusOr(current.status());
        if (current.isDefault() && !AgentVersion.ACTIVE.equals(status)) {
            throw conflict("the default agent cannot be disabled; change it instead", "status");
        }
        AgentVersion next = new AgentVersion(current.agentId(), current.tenantId(), current.slug(), current.isDefault(),
                current.version() + 1, or(change.name(), current.name()), or(change.description(), current.description()),
                status, change.provider() == null ? current.provider() : provider(change.provider()),
                or(change.model(), current.model()), or(change.systemPrompt(), current.systemPrompt()),
                change.temperature() == null ? current.temperature() : change.temperature(),
                change.maxOutputTokens() == null ? current.maxOutputTokens() : change.maxOutputTokens(),
                change.tools() == null ? current.tools() : tools(change.tools()), current.knowledgeBaseIds(),
                caller.userId(), now());
        agents.insertVersion(next);
        announce(next, AgentConfigChanged.UPDATED, next.changedBy(), next.changedAt());
        return next;
    }

    @Transactional
    void delete(Caller caller, String slug) {
        caller.requireTenantAdmin("Deleting an agent");
        AgentVersion current = agents.currentForUpdate(caller.tenantId(), slug)
                .orElseThrow(() -> ApiProblem.notFound("agent " + slug));
        if (current.isDefault()) {
            throw conflict("the default agent cannot be deleted", "slug");
        }
        agents.delete(current.agentId());
        announce(current, AgentConfigChanged.DELETED, caller.userId(), now());
    }

    @Transactional
    List<AgentVersion> versions(Caller caller, String slug) {
        caller.requireTenantAdmin("An agent's history");
        AgentVersion current = get(caller, slug);
        return agents.versions(current.agentId());
    }

    private AgentVersion ensureDefault(String tenantId) {
        Optional<AgentVersion> existing = agents.currentDefault(tenantId);
        if (existing.isPresent()) {
            return existing.get();
        }
        AgentVersion first = new AgentVersion(UUID.randomUUID(), tenantId, DEFAULT_SLUG, true, 1, defaults.getName(),
                null, AgentVersion.ACTIVE, "openai", defaults.getModel() == null ? llm.getModel() : defaults.getModel(),
                defaults.getSystemPrompt(), null, null, null, List.of(), null, now());
        if (agents.insert(first)) {
            announce(first, AgentConfigChanged.CREATED, null, first.changedAt());
        }
        // Another request may have written it first (the insert then did nothing): read what is there.
        return agents.currentDefault(tenantId).orElseThrow();
    }

    /** For a deletion, the last version's fields with who deleted it and when. */
    private void announce(AgentVersion version, String change, @Nullable String changedBy, Instant changedAt) {
        AgentConfigChanged event = new AgentConfigChanged(version.agentId().toString(), version.tenantId(), version.slug(),
                version.version(), change, version.name(), version.status(), version.provider(), version.model(),
                changedBy, changedAt);
        outbox.append(Topics.AGENT_CONFIGS, event,
                new EventContext(version.tenantId(), changedBy, null, version.agentId().toString()));
    }

    private static String provider(@Nullable String provider) {
        String chosen = provider == null ? "openai" : provider;
        if (!PROVIDERS.contains(chosen)) {
            throw new ApiProblem(HttpStatus.UNPROCESSABLE_ENTITY, "Unsupported provider",
                    "provider " + chosen + " is not supported; use one of " + PROVIDERS,
                    List.of(new Problem.FieldError("provider", "must be one of " + PROVIDERS)));
        }
        return chosen;
    }

    /** Null: every tool; otherwise each must be one the service has. */
    @Nullable
    private Set<String> tools(@Nullable List<String> names) {
        if (names == null) {
            return null;
        }
        List<Problem.FieldError> unknown = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            if (!tools.names().contains(names.get(i))) {
                unknown.add(new Problem.FieldError("tools[" + i + "]", "no tool is named " + names.get(i)));
            }
        }
        if (!unknown.isEmpty()) {
            throw new ApiProblem(HttpStatus.UNPROCESSABLE_ENTITY, "Unknown tool",
                    "the agent names tools the service does not have; the tools are " + tools.names(), unknown);
        }
        return new LinkedHashSet<>(names);
    }

    private static ApiProblem conflict(String detail, String field) {
        return new ApiProblem(HttpStatus.CONFLICT, "Conflict", detail, List.of(new Problem.FieldError(field, detail)));
    }

    private static <T> T or(@Nullable T changed, T current) {
        return changed == null ? current : changed;
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
