package dev.agenticchat.agent.credentials;

import dev.agenticchat.agent.agents.AgentService;
import dev.agenticchat.agent.audit.AuditService;
import dev.agenticchat.agent.audit.AuditTypes;
import dev.agenticchat.agent.agents.AgentVersion;
import dev.agenticchat.agent.llm.Providers;
import dev.agenticchat.support.security.Caller;
import dev.agenticchat.support.web.ApiProblem;
import dev.agenticchat.support.web.Problem;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.connection.annotation.Connectable;
import io.micronaut.http.HttpStatus;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Model providers' API keys a tenant's admins set for the whole tenant or for one of its agents,
 * so the tenant's turns are billed to its own provider account. Only the tenant's admins set,
 * replace, list and delete them, and the API shows who set which and when, never a key: keys are
 * stored sealed ({@link CredentialCipher}) and opened only for a model call ({@link #apiKeyFor}).
 */
@Singleton
public class CredentialService {
    /** Longer than any provider's key; a bound on what is stored. */
    static final int MAX_KEY_LENGTH = 4096;

    private final CredentialRepository credentials;
    private final CredentialCipher cipher;
    private final AgentService agents;
    private final AuditService audit;

    CredentialService(CredentialRepository credentials, CredentialCipher cipher, AgentService agents, AuditService audit) {
        this.credentials = credentials;
        this.cipher = cipher;
        this.agents = agents;
        this.audit = audit;
    }

    /** A write's outcome: what is stored now, and whether the scope had no credential for the provider before. */
    record Written(CredentialView view, boolean created) {
    }

    @Transactional
    List<CredentialView> list(Caller caller) {
        caller.requireTenantAdmin("The tenant's provider credentials");
        return credentials.all(caller.tenantId()).stream().map(CredentialView::of).toList();
    }

    /** The tenant's credential for the provider ({@code agentSlug} null), or the agent's; replaces the one there was. */
    @Transactional
    Written put(Caller caller, @Nullable String agentSlug, String provider, CredentialRequest request) {
        caller.requireTenantAdmin("Setting a provider credential");
        List<Problem.FieldError> errors = new ArrayList<>();
        checkProvider(provider).ifPresent(errors::add);
        checkKey(request.apiKey()).ifPresent(errors::add);
        if (!errors.isEmpty()) {
            throw invalid(errors);
        }
        AgentVersion agent = agentSlug == null ? null : agents.get(caller, agentSlug);
        CredentialScope scope = new CredentialScope(caller.tenantId(), agent == null ? null : agent.agentId(), provider);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        CredentialCipher.Sealed sealed = cipher.seal(request.apiKey(), scope);
        boolean created = credentials.upsert(scope, sealed, caller.userId(), now);
        CredentialView view = new CredentialView(provider, scope.kind(), agent == null ? null : agent.slug(), sealed.keyId(),
                caller.userId(), now);
        audit.record(caller.tenantId(), AuditTypes.CREDENTIAL_SET, agent == null ? null : agent.agentId(),
                agent == null ? null : agent.slug(), caller.userId(),
                (created ? "set " : "replaced ") + describe(agent, provider), Map.of("provider", provider, "scope", scope.kind()));
        return new Written(view, created);
    }

    @Transactional
    void delete(Caller caller, @Nullable String agentSlug, String provider) {
        caller.requireTenantAdmin("Deleting a provider credential");
        checkProvider(provider).ifPresent(error -> {
            throw invalid(List.of(error));
        });
        AgentVersion agent = agentSlug == null ? null : agents.get(caller, agentSlug);
        CredentialScope scope = new CredentialScope(caller.tenantId(), agent == null ? null : agent.agentId(), provider);
        if (!credentials.delete(scope)) {
            throw ApiProblem.notFound(agent == null ? "the tenant's " + provider + " credential"
                    : "agent " + agent.slug() + "'s " + provider + " credential");
        }
        audit.record(caller.tenantId(), AuditTypes.CREDENTIAL_DELETED, agent == null ? null : agent.agentId(),
                agent == null ? null : agent.slug(), caller.userId(), "deleted " + describe(agent, provider),
                Map.of("provider", provider, "scope", scope.kind()));
    }

    private static String describe(@Nullable AgentVersion agent, String provider) {
        return (agent == null ? "the tenant's " : "agent " + agent.slug() + "'s ") + provider + " credential";
    }

    /**
     * The API key a model call of the agent makes with the provider: the agent's own credential,
     * else its tenant's, else empty (the caller then uses the operator's configured key). Opened
     * for this call only: do not keep it, log it or put it in an error.
     *
     * @param tenantId the tenant the turn runs for
     * @param agentId  the agent answering the turn; null: the tenant's credential only
     * @param provider one of {@link Providers#ALL}
     * @throws CredentialUnreadableException when the credential that applies cannot be opened (its
     *         key is no longer configured, or it was changed in the database); its message is fit to
     *         show, e.g. as a turn's failure. An unreadable agent credential is not skipped for the
     *         tenant's: the admin set it to be used. One query, outside any transaction: every model
     *         call of a turn asks, and a transaction around one read is a round trip more.
     */
    @Connectable
    public Optional<String> apiKeyFor(String tenantId, @Nullable UUID agentId, String provider) {
        return credentials.forAgent(tenantId, agentId, provider).stream().findFirst()
                .map(stored -> cipher.open(stored.sealed(), stored.scope()));
    }

    private static Optional<Problem.FieldError> checkProvider(String provider) {
        return Providers.isKnown(provider) ? Optional.empty()
                : Optional.of(new Problem.FieldError("provider", "must be one of " + Providers.ALL));
    }

    /** Printable ASCII without spaces: what providers issue, and what an Authorization header can carry. */
    private static Optional<Problem.FieldError> checkKey(@Nullable String key) {
        if (key == null || key.isBlank()) {
            return Optional.of(new Problem.FieldError("api_key", "is required"));
        }
        if (key.length() > MAX_KEY_LENGTH) {
            return Optional.of(new Problem.FieldError("api_key", "must be at most " + MAX_KEY_LENGTH + " characters"));
        }
        if (!key.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            return Optional.of(new Problem.FieldError("api_key",
                    "must be printable ASCII, without whitespace or control characters"));
        }
        return Optional.empty();
    }

    /** The problem names the fields at fault, never the key. */
    private static ApiProblem invalid(List<Problem.FieldError> errors) {
        return new ApiProblem(HttpStatus.UNPROCESSABLE_ENTITY, "Invalid credential",
                errors.stream().map(error -> error.field() + " " + error.message()).reduce((a, b) -> a + "; " + b).orElseThrow(),
                errors);
    }
}
