package dev.agenticchat.agent.mcp;

import dev.agenticchat.agent.audit.AuditService;
import dev.agenticchat.agent.audit.AuditTypes;
import dev.agenticchat.agent.credentials.CredentialCipher;
import dev.agenticchat.agent.credentials.CredentialUnreadableException;
import dev.agenticchat.support.security.Caller;
import dev.agenticchat.support.web.ApiProblem;
import dev.agenticchat.support.web.Problem;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpStatus;
import io.micronaut.json.JsonMapper;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MCP servers of a tenant, whose tools its agents may offer the model. Only the tenant's admins
 * register, list, change and delete them; the headers sent to a server (its credentials) are sealed
 * like provider credentials and the API shows only their names. A server's address must be a public
 * one ({@link AddressPolicy}). Every change is in the audit log, naming the fields changed, never a
 * header's value.
 */
@Singleton
public class McpServerService {
    private static final Logger LOG = LoggerFactory.getLogger(McpServerService.class);
    static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    /** RFC 9110 token characters. */
    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}");
    /** Set by the MCP client itself, or refused by the HTTP client. */
    private static final Set<String> RESERVED_HEADERS = Set.of("host", "content-length", "content-type", "accept",
            "connection", "upgrade", "expect", "transfer-encoding", "te", "trailer", "keep-alive", "proxy-connection",
            "mcp-session-id", "mcp-protocol-version", "http2-settings");
    static final int MAX_HEADERS = 20;
    static final int MAX_HEADER_VALUE = 4096;
    static final int MAX_URL = 2000;
    private static final Argument<Map<String, String>> HEADERS = Argument.mapOf(String.class, String.class);

    private final McpServerRepository servers;
    private final CredentialCipher cipher;
    private final AddressPolicy addresses;
    private final AuditService audit;
    private final JsonMapper json;

    McpServerService(McpServerRepository servers, CredentialCipher cipher, AddressPolicy addresses, AuditService audit,
                     JsonMapper json) {
        this.servers = servers;
        this.cipher = cipher;
        this.addresses = addresses;
        this.audit = audit;
        this.json = json;
    }

    @Transactional
    List<McpServer> list(Caller caller) {
        caller.requireTenantAdmin("The tenant's MCP servers");
        return servers.all(caller.tenantId());
    }

    @Transactional
    McpServer get(Caller caller, String slug) {
        caller.requireTenantAdmin("An MCP server");
        return servers.find(caller.tenantId(), slug).orElseThrow(() -> ApiProblem.notFound("MCP server " + slug));
    }

    @Transactional
    McpServer create(Caller caller, McpServerFields fields) {
        caller.requireTenantAdmin("Registering an MCP server");
        List<Problem.FieldError> errors = new ArrayList<>();
        for (String[] required : new String[][] {{"slug", fields.slug()}, {"name", fields.name()}, {"url", fields.url()},
                {"transport", fields.transport()}}) {
            if (required[1] == null || required[1].isBlank()) {
                errors.add(new Problem.FieldError(required[0], "is required"));
            }
        }
        if (fields.slug() != null && !fields.slug().isBlank() && !SLUG.matcher(fields.slug()).matches()) {
            errors.add(new Problem.FieldError("slug", "must be 1-63 lower-case letters, digits or '-', starting with a letter or digit"));
        }
        check(fields, errors);
        throwIfAny(errors);
        checkAddress(fields.url().strip());
        Map<String, String> headers = fields.headers() == null ? Map.of() : new TreeMap<>(fields.headers());
        UUID id = UUID.randomUUID();
        Instant now = now();
        McpServer server = new McpServer(id, caller.tenantId(), fields.slug(), fields.name().strip(), fields.url().strip(),
                fields.transport(), List.copyOf(headers.keySet()), seal(headers, caller.tenantId(), id),
                fields.enabled() == null || fields.enabled(), caller.userId(), now, now);
        if (!servers.insert(server)) {
            throw new ApiProblem(HttpStatus.CONFLICT, "MCP server exists", "the tenant already has an MCP server " + fields.slug(),
                    List.of(new Problem.FieldError("slug", "is taken")));
        }
        record(server, AuditTypes.MCP_SERVER_CREATED, caller.userId(), "registered MCP server " + server.slug(), List.of());
        return server;
    }

    /** Applies what the change names; the slug never changes. */
    @Transactional
    McpServer update(Caller caller, String slug, McpServerFields change) {
        caller.requireTenantAdmin("Changing an MCP server");
        McpServer current = servers.findForUpdate(caller.tenantId(), slug)
                .orElseThrow(() -> ApiProblem.notFound("MCP server " + slug));
        List<Problem.FieldError> errors = new ArrayList<>();
        if (change.slug() != null && !change.slug().equals(slug)) {
            errors.add(new Problem.FieldError("slug", "an MCP server keeps its slug"));
        }
        if (change.changesNothing()) {
            errors.add(new Problem.FieldError("body", "name at least one field to change"));
        }
        if (change.name() != null && change.name().isBlank()) {
            errors.add(new Problem.FieldError("name", "must not be blank"));
        }
        if (change.url() != null && change.url().isBlank()) {
            errors.add(new Problem.FieldError("url", "must not be blank"));
        }
        check(change, errors);
        throwIfAny(errors);
        if (change.url() != null) {
            checkAddress(change.url().strip());
        }
        List<String> changed = new ArrayList<>();
        String name = changed(change.name() == null ? null : change.name().strip(), current.name(), "name", changed);
        String url = changed(change.url() == null ? null : change.url().strip(), current.url(), "url", changed);
        String transport = changed(change.transport(), current.transport(), "transport", changed);
        boolean enabled = changed(change.enabled(), current.enabled(), "enabled", changed);
        CredentialCipher.Sealed sealed = current.headers();
        List<String> headerNames = current.headerNames();
        if (change.headers() != null) {
            Map<String, String> headers = new TreeMap<>(change.headers());
            if (!headers.equals(openOrNone(current))) {
                changed.add("headers");
            }
            sealed = seal(headers, current.tenantId(), current.id());
            headerNames = List.copyOf(headers.keySet());
        }
        McpServer next = new McpServer(current.id(), current.tenantId(), current.slug(), name, url, transport, headerNames, sealed,
                enabled, caller.userId(), current.createdAt(), now());
        servers.update(next);
        record(next, AuditTypes.MCP_SERVER_UPDATED, caller.userId(), "changed MCP server " + next.slug() + ": "
                + (changed.isEmpty() ? "nothing" : String.join(", ", changed)), changed);
        return next;
    }

    @Transactional
    void delete(Caller caller, String slug) {
        caller.requireTenantAdmin("Deleting an MCP server");
        McpServer current = servers.findForUpdate(caller.tenantId(), slug)
                .orElseThrow(() -> ApiProblem.notFound("MCP server " + slug));
        servers.delete(current.id());
        record(current, AuditTypes.MCP_SERVER_DELETED, caller.userId(), "deleted MCP server " + current.slug(), List.of());
    }

    /** Which of these slugs name none of the tenant's MCP servers (enabled or not). */
    @Transactional(readOnly = true)
    public List<String> unknownSlugs(String tenantId, Collection<String> slugs) {
        if (slugs.isEmpty()) {
            return List.of();
        }
        Set<String> known = Set.copyOf(servers.withSlugs(tenantId, slugs).stream().map(McpServer::slug).toList());
        return slugs.stream().filter(slug -> !known.contains(slug)).toList();
    }

    /**
     * The tenant's enabled servers of these slugs, in the slugs' order, their headers opened; a server
     * whose headers cannot be opened (its key is gone) is left out, with a warning.
     */
    @Transactional(readOnly = true)
    List<McpEndpoint> endpoints(String tenantId, List<String> slugs) {
        if (slugs.isEmpty()) {
            return List.of();
        }
        Map<String, McpServer> found = new LinkedHashMap<>();
        servers.withSlugs(tenantId, slugs).forEach(server -> found.put(server.slug(), server));
        List<McpEndpoint> endpoints = new ArrayList<>();
        for (String slug : slugs) {
            McpServer server = found.get(slug);
            if (server == null || !server.enabled()) {
                continue;
            }
            try {
                endpoints.add(new McpEndpoint(server.id(), tenantId, slug, URI.create(server.url()), server.transport(),
                        open(server), server.updatedAt()));
            } catch (CredentialUnreadableException e) {
                LOG.warn("MCP server {} of tenant {} left out of the turn: its headers are unreadable ({})", slug, tenantId,
                        e.getMessage());
            }
        }
        return endpoints;
    }

    /** Notes in the tenant's audit log that a turn could not use the server; the message must hold no secret. */
    @Transactional
    void recordError(McpEndpoint endpoint, String message) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("slug", endpoint.slug());
        details.put("transport", endpoint.transport());
        details.put("error", message);
        audit.record(endpoint.tenantId(), AuditTypes.MCP_SERVER_ERROR, null, null, null,
                "MCP server " + endpoint.slug() + " could not be used: " + message, details);
    }

    /** The fields every write may carry, checked where given. */
    private static void check(McpServerFields fields, List<Problem.FieldError> errors) {
        if (fields.name() != null && fields.name().length() > 100) {
            errors.add(new Problem.FieldError("name", "must be at most 100 characters"));
        }
        if (fields.name() != null && fields.name().indexOf('\0') >= 0) {
            errors.add(new Problem.FieldError("name", "must not contain NUL characters (U+0000)"));
        }
        if (fields.url() != null && !fields.url().isBlank()) {
            checkUrl(fields.url().strip()).ifPresent(message -> errors.add(new Problem.FieldError("url", message)));
        }
        if (fields.transport() != null && !McpServer.TRANSPORTS.contains(fields.transport())) {
            errors.add(new Problem.FieldError("transport", "must be streamable_http or sse"));
        }
        if (fields.headers() != null) {
            checkHeaders(fields.headers(), errors);
        }
    }

    private static Optional<String> checkUrl(String url) {
        if (url.length() > MAX_URL) {
            return Optional.of("must be at most " + MAX_URL + " characters");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return Optional.of("must be an absolute http or https URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || !(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            return Optional.of("must be an absolute http or https URL");
        }
        if (uri.getRawUserInfo() != null) {
            return Optional.of("must not hold credentials; send them as headers");
        }
        if (uri.getRawFragment() != null) {
            return Optional.of("must not have a fragment");
        }
        return Optional.empty();
    }

    private static void checkHeaders(Map<String, String> headers, List<Problem.FieldError> errors) {
        if (headers.size() > MAX_HEADERS) {
            errors.add(new Problem.FieldError("headers", "must be at most " + MAX_HEADERS + " headers"));
            return;
        }
        Set<String> seen = new HashSet<>();
        for (Map.Entry<String, String> header : headers.entrySet()) {
            String name = header.getKey();
            String field = "headers." + name;
            if (!HEADER_NAME.matcher(name).matches()) {
                errors.add(new Problem.FieldError("headers", "a header name must be 1-100 token characters (letters, digits,"
                        + " and !#$%&'*+.^_`|~-)"));
                continue;
            }
            if (RESERVED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                errors.add(new Problem.FieldError(field, "is set by the MCP client itself"));
            }
            if (!seen.add(name.toLowerCase(Locale.ROOT))) {
                errors.add(new Problem.FieldError(field, "is given twice (header names ignore case)"));
            }
            String value = header.getValue();
            if (value == null || value.isEmpty()) {
                errors.add(new Problem.FieldError(field, "must have a value"));
            } else if (value.length() > MAX_HEADER_VALUE) {
                errors.add(new Problem.FieldError(field, "must be at most " + MAX_HEADER_VALUE + " characters"));
            } else if (!value.chars().allMatch(c -> c == '\t' || (c >= 0x20 && c < 0x7f))) {
                errors.add(new Problem.FieldError(field, "must be printable ASCII, without line breaks or control characters"));
            }
        }
    }

    /** Fails naming the fields, never a header's value. */
    private static void throwIfAny(List<Problem.FieldError> errors) {
        if (!errors.isEmpty()) {
            throw new ApiProblem(HttpStatus.UNPROCESSABLE_ENTITY, "Invalid MCP server",
                    errors.stream().map(error -> error.field() + " " + error.message()).reduce((a, b) -> a + "; " + b)
                            .orElseThrow(), errors);
        }
    }

    /** A URL whose host is not public answers 422 naming url; the same check runs again before each connection. */
    private void checkAddress(String url) {
        try {
            addresses.check(URI.create(url));
        } catch (AddressPolicy.RefusedAddressException e) {
            throw new ApiProblem(HttpStatus.UNPROCESSABLE_ENTITY, "Refused address", "url " + e.getMessage(),
                    List.of(new Problem.FieldError("url", e.getMessage())));
        }
    }

    private CredentialCipher.Sealed seal(Map<String, String> headers, String tenantId, UUID id) {
        try {
            return cipher.seal(json.writeValueAsString(headers), McpServer.additionalData(tenantId, id));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Map<String, String> open(McpServer server) {
        try {
            return Map.copyOf(json.readValue(cipher.open(server.headers(), server.additionalData()), HEADERS));
        } catch (IOException e) {
            throw new UncheckedIOException("mcp_servers " + server.id() + ": its headers are not a JSON object", e);
        }
    }

    /** The headers, or none when they cannot be opened (their key is gone): setting them anew is how that is fixed. */
    private Map<String, String> openOrNone(McpServer server) {
        try {
            return open(server);
        } catch (CredentialUnreadableException e) {
            return Map.of();
        }
    }

    private void record(McpServer server, String type, @Nullable String actor, String summary, List<String> changed) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("slug", server.slug());
        details.put("name", server.name());
        details.put("transport", server.transport());
        details.put("enabled", server.enabled());
        details.put("header_names", server.headerNames());
        if (!changed.isEmpty()) {
            details.put("changed", changed);
        }
        audit.record(server.tenantId(), type, null, null, actor, summary, details);
    }

    private static <T> T changed(@Nullable T value, T current, String field, List<String> changed) {
        if (value == null) {
            return current;
        }
        if (!Objects.equals(value, current)) {
            changed.add(field);
        }
        return value;
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
