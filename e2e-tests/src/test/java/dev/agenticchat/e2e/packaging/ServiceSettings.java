package dev.agenticchat.e2e.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The environment variables a program reads, with their defaults. For a service that is the complete
 * list of {@code ${NAME}} / {@code ${NAME:default}} placeholders of its
 * {@code src/main/resources/application*.yml}; for the LLM simulator, the {@code env("NAME", "default")}
 * calls of its main class.
 */
record ServiceSettings(String name, String source, Map<String, Optional<String>> defaults) {

    private static final Pattern PLACEHOLDER_NAME = Pattern.compile("\\$\\{\\s*([A-Z][A-Z0-9_]*)\\s*[:}]");
    private static final Pattern PLACEHOLDER_WITH_DEFAULT =
            Pattern.compile("\\$\\{\\s*([A-Z][A-Z0-9_]*)\\s*:\\s*(`[^`]*`|[^}`$]*)}");
    /** {@code ${NAME:${OTHER:...}}}: the default is another placeholder. */
    private static final Pattern PLACEHOLDER_WITH_NESTED_DEFAULT = Pattern.compile("\\$\\{\\s*([A-Z][A-Z0-9_]*)\\s*:\\s*\\$\\{");
    private static final Pattern SIMULATOR_ENV = Pattern.compile("env\\(\\s*\"([A-Z][A-Z0-9_]*)\"\\s*,\\s*\"([^\"]*)\"");
    private static final Pattern LOOPBACK_PORT = Pattern.compile("(?:127\\.0\\.0\\.1|localhost):(\\d+)");

    static ServiceSettings of(String service) {
        Path resources = Repo.path(service + "/src/main/resources");
        List<Path> files;
        try (Stream<Path> listing = Files.isDirectory(resources) ? Files.list(resources) : Stream.empty()) {
            files = listing
                    .filter(file -> file.getFileName().toString().matches("application.*\\.ya?ml"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (files.isEmpty()) {
            fail("%s has no src/main/resources/application*.yml: nothing tells what it reads", service);
        }
        Map<String, Optional<String>> defaults = new LinkedHashMap<>();
        for (Path file : files) {
            collect(Repo.read(Repo.root().relativize(file).toString()), defaults);
        }
        return new ServiceSettings(service, service + "/src/main/resources/application*.yml", defaults);
    }

    static ServiceSettings simulator() {
        String source = Repo.SIMULATOR + "/src/main/java/dev/agenticchat/simulator/LlmSimulatorMain.java";
        Map<String, Optional<String>> defaults = new LinkedHashMap<>();
        Matcher matcher = SIMULATOR_ENV.matcher(Repo.read(source));
        while (matcher.find()) {
            defaults.putIfAbsent(matcher.group(1), Optional.of(matcher.group(2)));
        }
        assertThat(defaults).as("env(\"SIM_...\", default) calls in %s", source).isNotEmpty();
        return new ServiceSettings(Repo.SIMULATOR, source, defaults);
    }

    private static void collect(String yaml, Map<String, Optional<String>> defaults) {
        Matcher names = PLACEHOLDER_NAME.matcher(yaml);
        while (names.find()) {
            defaults.putIfAbsent(names.group(1), Optional.empty());
        }
        Matcher withDefault = PLACEHOLDER_WITH_DEFAULT.matcher(yaml);
        while (withDefault.find()) {
            String value = withDefault.group(2).strip();
            if (value.startsWith("`") && value.endsWith("`") && value.length() >= 2) {
                value = value.substring(1, value.length() - 1);
            }
            if (defaults.get(withDefault.group(1)).isEmpty()) {
                defaults.put(withDefault.group(1), Optional.of(value));
            }
        }
        Matcher nested = PLACEHOLDER_WITH_NESTED_DEFAULT.matcher(yaml);
        while (nested.find()) {
            if (defaults.get(nested.group(1)).isEmpty()) {
                defaults.put(nested.group(1), Optional.of("${...}"));
            }
        }
    }

    boolean reads(String variable) {
        return defaults.containsKey(variable) || FRAMEWORK_VARIABLES.contains(variable) || variable.startsWith(OPENTELEMETRY_PREFIX);
    }

    /**
     * Read by Micronaut itself, not through a ${...} placeholder (which application-<env>.yml applies),
     * or by every service's logback.xml (the log level and format).
     */
    private static final Set<String> FRAMEWORK_VARIABLES = Set.of("MICRONAUT_ENVIRONMENTS", "LOG_LEVEL", "LOG_FORMAT");
    /** Every service's OpenTelemetry SDK reads the standard OTEL_* variables itself (docs/operations.md, Traces). */
    private static final String OPENTELEMETRY_PREFIX = "OTEL_";

    /** Of the given variables, those this program never reads, sorted. */
    Set<String> unread(Iterable<String> variables) {
        Set<String> unread = new TreeSet<>();
        variables.forEach(variable -> {
            if (!reads(variable)) {
                unread.add(variable);
            }
        });
        return unread;
    }

    /** The variables it reads that have no default: left unset, the service does not start. */
    Set<String> withoutDefault() {
        Set<String> result = new TreeSet<>();
        defaults.forEach((variable, value) -> {
            if (value.isEmpty()) {
                result.add(variable);
            }
        });
        return result;
    }

    String defaultOf(String variable) {
        Optional<String> value = defaults.get(variable);
        if (value == null || value.isEmpty()) {
            fail("%s reads no ${%s:default} in %s", name, variable, source);
        }
        return value.orElseThrow();
    }

    /** The port it listens on when nothing overrides it. */
    int defaultPort() {
        return Integer.parseInt(defaultOf(name.equals(Repo.SIMULATOR) ? "SIM_PORT" : "SERVER_PORT"));
    }

    /**
     * Variables whose default is an address on this machine other than the program itself: in a
     * container, or a pod, that default points at nothing, so the packaging has to set them.
     */
    Set<String> loopbackDefaultsElsewhere() {
        Set<String> result = new TreeSet<>();
        defaults.forEach((variable, value) -> value.ifPresent(text -> {
            Matcher ports = LOOPBACK_PORT.matcher(text);
            boolean elsewhere = false;
            while (ports.find()) {
                elsewhere |= Integer.parseInt(ports.group(1)) != defaultPort();
            }
            if (elsewhere) {
                result.add(variable);
            }
        }));
        return result;
    }
}
