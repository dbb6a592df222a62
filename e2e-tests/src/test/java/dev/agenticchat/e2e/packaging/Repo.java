package dev.agenticchat.e2e.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** The repository as the packaging tests read it: files, YAML, topics.tsv and the Maven reactor. */
final class Repo {

    static final List<String> SERVICES = List.of(
            "gateway-service", "chat-service", "agent-service",
            "retrieval-service", "artifact-service", "notification-service");

    static final String SIMULATOR = "llm-simulator";

    private static final Pattern MODULE = Pattern.compile("<module>\\s*([^<\\s]+)\\s*</module>");
    private static final Pattern DEPENDENCY = Pattern.compile("(?s)<dependency>(.*?)</dependency>");
    private static final Pattern SUITE_DEPENDENCY = Pattern.compile(
            "<groupId>\\s*dev\\.agenticchat\\s*</groupId>\\s*<artifactId>\\s*([^<\\s]+)\\s*</artifactId>");

    private Repo() {
    }

    /** Source of the parameterized tests: the six services. */
    static Stream<String> services() {
        return SERVICES.stream();
    }

    static Path root() {
        return Path.of(System.getProperty("suite.root", "..")).toAbsolutePath().normalize();
    }

    static Path path(String relative) {
        return root().resolve(relative);
    }

    static String read(String relative) {
        Path file = path(relative);
        assertThat(file).as("%s (relative to the repository root %s)", relative, root()).isRegularFile();
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, Object> yaml(String relative) {
        Object loaded = yamlLoader().load(read(relative));
        assertThat(loaded).as("%s is a YAML mapping", relative).isInstanceOf(Map.class);
        return map(loaded);
    }

    /** Every non-empty document of a multi-document YAML file, in order. */
    static List<Map<String, Object>> yamlDocuments(String relative) {
        List<Map<String, Object>> documents = new ArrayList<>();
        for (Object document : yamlLoader().loadAll(read(relative))) {
            if (document == null) {
                continue;
            }
            assertThat(document).as("every document of %s is a YAML mapping", relative).isInstanceOf(Map.class);
            documents.add(map(document));
        }
        return documents;
    }

    private static Yaml yamlLoader() {
        return new Yaml(new SafeConstructor(new LoaderOptions()));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return value == null ? Map.of() : (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object value) {
        return value == null ? List.of() : (List<Object>) value;
    }

    /** Follows a path of keys through nested mappings; null when any step is missing. */
    static Object at(Map<String, Object> root, String... keys) {
        Object current = root;
        for (String key : keys) {
            if (!(current instanceof Map<?, ?> mapping)) {
                return null;
            }
            current = mapping.get(key);
        }
        return current;
    }

    static String text(Object value) {
        return value == null ? null : String.valueOf(value);
    }

    /** deploy/kafka/topics.tsv: topic name to partition count, in file order. */
    static Map<String, Integer> topics() {
        Map<String, Integer> topics = new LinkedHashMap<>();
        for (String line : read("deploy/kafka/topics.tsv").split("\n")) {
            if (line.isBlank() || line.strip().startsWith("#")) {
                continue;
            }
            String[] columns = line.split("\t");
            assertThat(columns.length).as("columns of topics.tsv line '%s'", line).isGreaterThanOrEqualTo(2);
            Integer previous = topics.put(columns[0].strip(), Integer.parseInt(columns[1].strip()));
            assertThat(previous).as("topic %s listed twice in topics.tsv", columns[0]).isNull();
        }
        assertThat(topics).as("topics of deploy/kafka/topics.tsv").isNotEmpty();
        return topics;
    }

    /** The modules of the root pom, i.e. every pom Maven reads when it builds any one of them. */
    static List<String> reactorModules() {
        List<String> modules = new ArrayList<>();
        Matcher matcher = MODULE.matcher(read("pom.xml"));
        while (matcher.find()) {
            modules.add(matcher.group(1));
        }
        assertThat(modules).as("modules of the root pom.xml").isNotEmpty();
        return modules;
    }

    /**
     * The reactor modules {@code mvn -pl module -am} builds: the module and every reactor module it
     * depends on, transitively and in any scope (test sources are compiled even with -DskipTests).
     */
    static Set<String> alsoMade(String module) {
        List<String> reactor = reactorModules();
        Set<String> made = new LinkedHashSet<>();
        List<String> pending = new ArrayList<>(List.of(module));
        while (!pending.isEmpty()) {
            String next = pending.remove(0);
            if (!made.add(next)) {
                continue;
            }
            Matcher matcher = SUITE_DEPENDENCY.matcher(withoutParent(read(next + "/pom.xml")));
            while (matcher.find()) {
                String dependency = matcher.group(1);
                if (reactor.contains(dependency) && !Objects.equals(dependency, next)) {
                    pending.add(dependency);
                }
            }
        }
        return made;
    }

    /**
     * The module and the reactor modules its main code is compiled against, transitively:
     * what its image must build. Test-scoped dependencies (llm-simulator, test jars) are not.
     */
    static Set<String> builtWith(String module) {
        List<String> reactor = reactorModules();
        Set<String> built = new LinkedHashSet<>();
        List<String> pending = new ArrayList<>(List.of(module));
        while (!pending.isEmpty()) {
            String next = pending.remove(0);
            if (!built.add(next)) {
                continue;
            }
            Matcher dependencies = DEPENDENCY.matcher(withoutParent(read(next + "/pom.xml")));
            while (dependencies.find()) {
                String dependency = dependencies.group(1);
                Matcher suite = SUITE_DEPENDENCY.matcher(dependency);
                if (suite.find() && !dependency.contains("<scope>test</scope>") && reactor.contains(suite.group(1))
                        && !Objects.equals(suite.group(1), next)) {
                    pending.add(suite.group(1));
                }
            }
        }
        return built;
    }

    private static String withoutParent(String pom) {
        return pom.replaceAll("(?s)<parent>.*?</parent>", "");
    }
}
