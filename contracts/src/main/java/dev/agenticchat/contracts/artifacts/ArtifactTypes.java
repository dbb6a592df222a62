package dev.agenticchat.contracts.artifacts;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The artifact types. Each is defined once, by its JSON Schema in
 * {@code schemas/artifacts/<type>.schema.json}: artifact-service validates with it and
 * agent-service offers it to the model as the parameters of {@code create_<type>_artifact}.
 * Adding a type is adding its schema file, a valid sample document in
 * {@code samples/artifacts/<type>.json} and its name here (plus a renderer in the web app).
 */
public final class ArtifactTypes {
    public static final List<String> NAMES = List.of("chart", "csv", "code", "markdown", "table", "html", "diagram",
            "payment_link", "domain_overview", "competitor_analysis", "keyword_research");

    private static final String TOOL_PREFIX = "create_";
    private static final String TOOL_SUFFIX = "_artifact";

    private ArtifactTypes() {
    }

    public static boolean exists(String type) {
        return NAMES.contains(type);
    }

    public static String toolName(String type) {
        return TOOL_PREFIX + type + TOOL_SUFFIX;
    }

    /** The type a {@code create_<type>_artifact} tool creates, or null for any other tool name. */
    public static String typeOfTool(String toolName) {
        if (!toolName.startsWith(TOOL_PREFIX) || !toolName.endsWith(TOOL_SUFFIX)) {
            return null;
        }
        String type = toolName.substring(TOOL_PREFIX.length(), toolName.length() - TOOL_SUFFIX.length());
        return exists(type) ? type : null;
    }

    public static String schemaResource(String type) {
        return "schemas/artifacts/" + type + ".schema.json";
    }

    public static String sampleResource(String type) {
        return "samples/artifacts/" + type + ".json";
    }

    /** The type's JSON Schema document, read from this jar. */
    public static String schema(String type) {
        return read(type, schemaResource(type));
    }

    /**
     * A valid content document of the type (it passes the schema and the type's cross-field
     * rules), for tests, simulators and demos.
     */
    public static String sample(String type) {
        return read(type, sampleResource(type));
    }

    private static String read(String type, String resource) {
        if (!exists(type)) {
            throw new IllegalArgumentException("unknown artifact type: " + type);
        }
        try (InputStream in = ArtifactTypes.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource + " for artifact type " + type);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
