package dev.agenticchat.agent.agents;

import dev.agenticchat.agent.audit.AuditService;
import dev.agenticchat.agent.audit.AuditTypes;
import dev.agenticchat.agent.llm.LlmSettings;
import dev.agenticchat.agent.llm.Providers;
import dev.agenticchat.agent.mcp.McpServerService;
import dev.agenticchat.agent.tool.ToolRegistry;
import dev.agenticchat.agent.tool.knowledge.RetrievalClient;
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
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

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
    private static final String TENANT_OWNED = "tenant";
    private static final Pattern KNOWLEDGE_BASE_ID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final AgentRepository agents;
    private final DefaultAgentSettings defaults;
    private final LlmSettings llm;
    private final ToolRegistry tools;
    private final Outbox outbox;
    private final AuditService audit;
    private final RetrievalClient retrieval;
    private final McpServerService mcpServers;

    AgentService(AgentRepository agents, DefaultAgentSettings defaults, LlmSettings llm, ToolRegistry tools, Outbox outbox,
                 AuditService audit, RetrievalClient retrieval, McpServerService mcpServers) {
        this.agents = agents;
        this.mcpServers = mcpServers;
        this.retrieval = retrieval;
        this.audit = audit;
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
                fields.maxOutputTokens(), fields.contextTokens(), tools(fields.tools()), knowledgeBases(caller, fields.knowledgeBases()),
                mcpServers(caller, fields.mcpServers()), fields.reasoning() == null || fields.reasoning(),
                fallbacks(fields.fallbacks()), fields.inputPricePerThousandTokens(), fields.outputPricePerThousandTokens(),
                caller.userId(), now());
        if (!agents.insert(first)) {
            throw new ApiProblem(HttpStatus.CONFLICT, "Agent exists", "the tenant already has an agent " + fields.slug(),
                    List.of(new Problem.FieldError("slug", "is taken")));
        }
        announce(first, AgentConfigChanged.CREATED, first.changedBy(), first.changedAt());
        audit(first, AuditTypes.AGENT_CREATED, first.changedBy(), "created agent " + first.slug(), List.of());
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
                or(change.contextTokens(), current.contextTokens()),
                change.tools() == null ? current.tools() : tools(change.tools()),
                change.knowledgeBases() == null ? current.knowledgeBaseIds() : knowledgeBases(caller, change.knowledgeBases()),
                change.mcpServers() == null ? current.mcpServers() : mcpServers(caller, change.mcpServers()),
                or(change.reasoning(), current.reasoning()),
                change.fallbacks() == null ? current.fallbacks() : fallbacks(change.fallbacks()),
                or(change.inputPricePerThousandTokens(), current.inputPricePerThousandTokens()),
                or(change.outputPricePerThousandTokens(), current.outputPricePerThousandTokens()), caller.userId(), now());
        agents.insertVersion(next);
        announce(next, AgentConfigChanged.UPDATED, next.changedBy(), next.changedAt());
        List<String> changed = AgentChanges.between(current, next);
        audit(next, AuditTypes.AGENT_UPDATED, next.changedBy(), "changed agent " + next.slug() + " (version " + next.version()
                + "): " + (changed.isEmpty() ? "nothing" : String.join(", ", changed)), changed);
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
        audit(current, AuditTypes.AGENT_DELETED, caller.userId(), "deleted agent " + current.slug(), List.of());
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
                null, AgentVersion.ACTIVE, Providers.OPENAI, defaults.getModel() == null ? llm.getModel() : defaults.getModel(),
                defaults.getSystemPrompt(), null, null, null, null, List.of(), List.of(), true, List.of(), null, null, null, now());
        if (agents.insert(first)) {
            announce(first, AgentConfigChanged.CREATED, null, first.changedAt());
            audit(first, AuditTypes.AGENT_CREATED, null, "created the tenant's default agent", List.of());
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

    private void audit(AgentVersion version, String type, @Nullable String actor, String summary, List<String> changed) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("version", version.version());
        details.put("name", version.name());
        details.put("status", version.status());
        details.put("provider", version.provider());
        details.put("model", version.model());
        if (!changed.isEmpty()) {
            details.put("changed", changed);
        }
        audit.record(version.tenantId(), type, version.agentId(), version.slug(), actor, summary, details);
    }

    private static String provider(@Nullable String provider) {
        String chosen = provider == null ? Providers.OPENAI : provider;
        if (!Providers.ALL.contains(chosen)) {
            throw unsupportedProvider(chosen, "provider");
        }
        return chosen;
    }

    private static List<Fallback> fallbacks(@Nullable List<Fallback> fallbacks) {
        if (fallbacks == null) {
            return List.of();
        }
        for (int i = 0; i < fallbacks.size(); i++) {
            if (!Providers.ALL.contains(fallbacks.get(i).provider())) {
                throw unsupportedProvider(fallbacks.get(i).provider(), "fallbacks[" + i + "].provider");
            }
        }
        return List.copyOf(fallbacks);
    }

    private static ApiProblem unsupportedProvider(String provider, String field) {
        List<String> known = Providers.ALL.stream().sorted().toList();
        return new ApiProblem(HttpStatus.UNPROCESSABLE_ENTITY, "Unsupported provider",
                "provider " + provider + " is not supported; use one of " + known,
                List.of(new Problem.FieldError(field, "must be one of " + known)));
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

    /**
     * Each must be a knowledge base of the whole tenant, as the admin sees it in retrieval-service:
     * a user's own knowledge base would let the agent's every user search it.
     */
    private List<String> knowledgeBases(Caller caller, @Nullable List<String> ids) {
        if (ids == null || ids.isEmpty()) {
            return List.of();
        }
        List<Problem.FieldError> refused = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            if (!KNOWLEDGE_BASE_ID.matcher(ids.get(i)).matches()) {
                refused.add(new Problem.FieldError("knowledge_bases[" + i + "]", "must be a knowledge base id"));
                continue;
            }
            Optional<String> owner;
            try {
                owner = retrieval.ownerOf(ids.get(i), caller.tenantId(), caller.userId());
            } catch (RetrievalClient.RetrievalUnavailableException e) {
                throw new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, "Knowledge bases unavailable",
                        "the agent's knowledge bases could not be checked: " + e.getMessage() + "; try again", List.of());
            }
            if (owner.isEmpty()) {
                refused.add(new Problem.FieldError("knowledge_bases[" + i + "]", "no knowledge base " + ids.get(i) + " in this tenant"));
            } else if (!TENANT_OWNED.equals(owner.get())) {
                refused.add(new Problem.FieldError("knowledge_bases[" + i + "]",
                        "is a user's own knowledge base; an agent can only have the tenant's"));
            }
        }
        if (!refused.isEmpty()) {
            throw new ApiProblem(HttpStatus.UNPROCESSABLE_ENTITY, "Unusable knowledge base",
                    "an agent's knowledge bases must be the tenant's", refused);
        }
        return ids.stream().map(id -> id.toLowerCase(Locale.ROOT)).distinct().toList();
    }

    /** Each must be one of the tenant's MCP servers (enabled or not: a disabled one is skipped by turns); no repeats. */
    private List<String> mcpServers(Caller caller, @Nullable List<String> slugs) {
        if (slugs == null || slugs.isEmpty()) {
            return List.of();
        }
        List<String> unknown = mcpServers.unknownSlugs(caller.tenantId(), new LinkedHashSet<>(slugs));
        List<Problem.FieldError> refused = new ArrayList<>();
        for (int i = 0; i < slugs.size(); i++) {
            if (unknown.contains(slugs.get(i))) {
                refused.add(new Problem.FieldError("mcp_servers[" + i + "]", "the tenant has no MCP server " + slugs.get(i)));
            }
        }
        if (!refused.isEmpty()) {
            throw new ApiProblem(HttpStatus.UNPROCESSABLE_ENTITY, "Unknown MCP server",
                    "an agent's MCP servers must be the tenant's (see /api/mcp-servers)", refused);
        }
        return slugs.stream().distinct().toList();
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
