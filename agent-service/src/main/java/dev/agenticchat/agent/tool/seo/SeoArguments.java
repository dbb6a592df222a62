package dev.agenticchat.agent.tool.seo;

import dev.agenticchat.agent.tool.ToolArguments;
import dev.agenticchat.agent.tool.ToolArguments.InvalidArgumentsException;
import io.micronaut.json.tree.JsonNode;
import java.util.Locale;
import java.util.regex.Pattern;

/** Reads and normalises the arguments the SEO tools share; failures tell the model what to fix. */
final class SeoArguments {
    static final String DEFAULT_DATABASE = "us";
    private static final Pattern DOMAIN = Pattern.compile(
            "^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z](?:[a-z0-9-]{0,61}[a-z0-9])$");
    private static final Pattern DATABASE = Pattern.compile("^[a-z]{2}$");
    static final String DOMAIN_SCHEMA = """
            {"type":"string","minLength":4,"maxLength":253,"description":"A domain without scheme or path, e.g. example.com."}""";
    static final String DATABASE_SCHEMA = """
            {"type":"string","pattern":"^[a-z]{2}$","default":"us","description":"Two-letter regional database, e.g. us, uk, de."}""";

    private SeoArguments() {
    }

    static String domain(JsonNode arguments, String name) throws InvalidArgumentsException {
        String raw = ToolArguments.string(arguments, name);
        if (raw == null || raw.isBlank()) {
            throw new InvalidArgumentsException("Error: " + name + " is required: a domain such as example.com.");
        }
        return domain(raw, name);
    }

    /** A host name as SE Ranking wants it: lower case, without scheme, port, path or a leading www. */
    static String domain(String raw, String name) throws InvalidArgumentsException {
        String domain = raw.strip().toLowerCase(Locale.ROOT).replaceFirst("^[a-z][a-z0-9+.-]*://", "");
        domain = domain.replaceFirst("[/?#].*$", "").replaceFirst(":\\d+$", "").replaceFirst("\\.$", "");
        if (domain.startsWith("www.")) {
            domain = domain.substring("www.".length());
        }
        if (domain.length() < 4 || domain.length() > 253 || !DOMAIN.matcher(domain).matches()) {
            throw new InvalidArgumentsException("Error: " + name + " \"" + raw + "\" is not a domain such as example.com.");
        }
        return domain;
    }

    static String database(JsonNode arguments) throws InvalidArgumentsException {
        String database = ToolArguments.string(arguments, "database");
        if (database == null || database.isBlank()) {
            return DEFAULT_DATABASE;
        }
        database = database.strip().toLowerCase(Locale.ROOT);
        if (!DATABASE.matcher(database).matches()) {
            throw new InvalidArgumentsException("Error: database must be a two-letter region code such as us, uk or de.");
        }
        return database;
    }

    static int limit(JsonNode arguments, int defaultValue, int max) throws InvalidArgumentsException {
        JsonNode value = arguments.get("limit");
        if (value == null || value.isNull()) {
            return defaultValue;
        }
        if (!value.isNumber() || value.getNumberValue().doubleValue() != Math.rint(value.getNumberValue().doubleValue())
                || value.getIntValue() < 1 || value.getIntValue() > max) {
            throw new InvalidArgumentsException("Error: limit must be an integer from 1 to " + max + ".");
        }
        return value.getIntValue();
    }

    /** An artifact title within the 200 characters every artifact schema allows. */
    static String title(String title) {
        return title.length() <= 200 ? title : title.substring(0, 199) + "…";
    }

    /** The upper-case form used in artifact titles, e.g. "US". */
    static String region(String database) {
        return database.toUpperCase(Locale.ROOT);
    }
}
