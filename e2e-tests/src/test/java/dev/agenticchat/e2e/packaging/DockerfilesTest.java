package dev.agenticchat.e2e.packaging;

import static dev.agenticchat.e2e.packaging.Repo.at;
import static dev.agenticchat.e2e.packaging.Repo.map;
import static dev.agenticchat.e2e.packaging.Repo.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The one root Dockerfile, read as each image is built from it: with the build arguments
 * docker-compose passes for that module. Each image builds its own module (and only what its
 * main code needs) in a Maven stage and runs its shaded jar as non-root, health-checked.
 */
class DockerfilesTest {

    private static final String SERVICES = "dev.agenticchat.e2e.packaging.Repo#services";
    private static final Pattern HEALTH_URL = Pattern.compile("http://127\\.0\\.0\\.1:(\\d+)(/health[^\"'\\s]*)");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^{}]*))?}");

    @ParameterizedTest(name = "{0}")
    @MethodSource(SERVICES)
    void a_service_image_is_built_in_a_maven_stage_and_runs_its_own_shaded_jar(String service) {
        assertBuildsAndRuns(service);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(SERVICES)
    void a_service_image_exposes_and_health_checks_the_port_its_application_yml_defaults_to(String service) {
        Dockerfile dockerfile = Dockerfile.of(service);
        String port = String.valueOf(ServiceSettings.of(service).defaultPort());

        assertThat(dockerfile.runtime("EXPOSE")).as("EXPOSE of the %s image", service).containsExactly(port);
        assertThat(healthCheck(dockerfile)).as("HEALTHCHECK of the %s image", service)
                .containsExactly(port, "/health/readiness");
    }

    @Test
    void the_simulator_image_listens_on_all_interfaces_and_is_health_checked_on_its_port() {
        Dockerfile dockerfile = Dockerfile.of(Repo.SIMULATOR);
        String port = String.valueOf(ServiceSettings.simulator().defaultPort());

        assertBuildsAndRuns(Repo.SIMULATOR);
        assertThat(dockerfile.runtime("EXPOSE")).containsExactly(port);
        assertThat(dockerfile.runtime("ENV")).anyMatch(env -> env.contains("SIM_HOST=0.0.0.0"));
        assertThat(healthCheck(dockerfile)).containsExactly(port, "/health");
    }

    /** agent-service tests against the simulator, but its image must not need the simulator's sources. */
    @ParameterizedTest(name = "{0}")
    @MethodSource(SERVICES)
    void a_service_image_neither_copies_nor_builds_the_simulator(String service) {
        Dockerfile dockerfile = Dockerfile.of(service);
        List<String> build = dockerfile.stages().get(0);

        assertThat(dockerfile.all(build, "COPY")).noneMatch(copy -> copy.startsWith(Repo.SIMULATOR + "/src"));
        assertThat(dockerfile.all(build, "RUN")).noneMatch(run -> run.contains(Repo.SIMULATOR));
    }

    private static void assertBuildsAndRuns(String module) {
        Dockerfile dockerfile = Dockerfile.of(module);
        List<String> build = dockerfile.stages().get(0);
        List<String> copies = dockerfile.all(build, "COPY");
        List<String> runs = dockerfile.all(build, "RUN").stream().map(run -> run.replace("\"", "")).toList();
        String user = dockerfile.runtime("USER").stream().reduce((first, last) -> last).orElse("");

        assertThat(dockerfile.stages()).as("stages of the %s image", module).hasSizeGreaterThanOrEqualTo(2);
        assertThat(build.get(0)).as("build stage of %s", module).isEqualTo("FROM maven:3.9-eclipse-temurin-17 AS build");
        assertThat(dockerfile.runtimeFrom()).as("runtime base of %s", module).isEqualTo("FROM eclipse-temurin:17-jre-alpine");
        for (String reactorModule : Repo.reactorModules()) {
            String pom = reactorModule + "/pom.xml";
            assertThat(copies).as("the %s image copies %s (Maven reads every pom of the reactor)", module, pom)
                    .anyMatch(copy -> copy.startsWith(pom + " "));
        }
        assertThat(copies).as("the %s image copies the root pom", module).anyMatch(copy -> copy.startsWith("pom.xml "));
        for (String built : Repo.builtWith(module)) {
            assertThat(copies).as("the %s image copies the sources of %s, which its main code needs", module, built)
                    .contains(built + "/src " + built + "/src");
        }
        assertThat(runs)
                .as("Maven commands of the %s image", module)
                .anyMatch(run -> run.startsWith("mvn ") && run.contains(" -pl " + module + " -am ") && run.contains("go-offline"))
                .anyMatch(run -> run.startsWith("mvn ") && run.contains(" -pl " + module + " ")
                        && (run.contains(" package") || run.contains("shade:shade")));
        assertThat(dockerfile.runtime("COPY"))
                .as("runtime COPY of the %s image", module)
                .contains("--from=build /src/" + module + "/target/" + module + "-*-all.jar /app/app.jar");
        assertThat(user).as("USER of the runtime stage of the %s image", module)
                .isNotBlank()
                .doesNotStartWith("root")
                .isNotEqualTo("0")
                .doesNotStartWith("0:");
        assertThat(dockerfile.runtime("ENTRYPOINT")).containsExactly("[\"java\", \"-jar\", \"/app/app.jar\"]");
        // Out of memory, a JVM carries on half-broken; exiting lets the orchestrator restart the service.
        assertThat(dockerfile.runtime("ENV")).contains("JAVA_TOOL_OPTIONS=\"-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError\"");
        // Containers log JSON lines for the collector (each service's logback.xml reads LOG_FORMAT).
        assertThat(dockerfile.runtime("ENV")).contains("LOG_FORMAT=json");
    }

    /** Port and path the runtime stage's HEALTHCHECK calls when no port is overridden at run time. */
    private static List<String> healthCheck(Dockerfile dockerfile) {
        List<String> checks = dockerfile.runtime("HEALTHCHECK");
        assertThat(checks).hasSize(1);
        Matcher matcher = HEALTH_URL.matcher(checks.get(0));
        assertThat(matcher.find()).as("a health URL in HEALTHCHECK %s", checks.get(0)).isTrue();
        assertThat(checks.get(0)).contains("wget -qO-");
        return List.of(matcher.group(1), matcher.group(2));
    }

    /**
     * The Dockerfile as one module's build sees it: stages of instructions (continuation lines
     * joined, comments dropped), with {@code ${NAME}} and {@code ${NAME:-default}} replaced by
     * the stage's ARG values (compose's build arguments over the ARG defaults) and the ENV values
     * set before them; a variable set by neither (one given only at run time) takes its default.
     */
    private record Dockerfile(List<List<String>> stages) {
        private static final String COMPOSE = "docker-compose.yml";

        static Dockerfile of(String module) {
            Map<String, String> arguments = buildArguments(module);
            String text = Repo.read("Dockerfile").replaceAll("\\\\\\r?\\n", " ");
            List<List<String>> stages = new ArrayList<>();
            Map<String, String> variables = new HashMap<>();
            for (String line : text.split("\\r?\\n")) {
                String instruction = line.strip().replaceAll("\\s+", " ");
                if (instruction.isEmpty() || instruction.startsWith("#")) {
                    continue;
                }
                String keyword = keyword(instruction);
                if (keyword.equals("FROM")) {
                    stages.add(new ArrayList<>());
                    variables.clear();
                }
                assertThat(stages).as("the Dockerfile starts with FROM").isNotEmpty();
                String expanded = expand(instruction, variables);
                if (keyword.equals("ARG")) {
                    String[] argument = expanded.substring(4).strip().split("=", 2);
                    variables.put(argument[0], arguments.getOrDefault(argument[0], argument.length > 1 ? argument[1] : ""));
                } else if (keyword.equals("ENV")) {
                    for (String assignment : expanded.substring(4).strip().split(" (?=[A-Za-z_][A-Za-z0-9_]*=)")) {
                        String[] env = assignment.split("=", 2);
                        variables.put(env[0], env.length > 1 ? env[1].replace("\"", "") : "");
                    }
                }
                stages.get(stages.size() - 1).add(expanded);
            }
            return new Dockerfile(stages);
        }

        /** The build arguments docker-compose passes to the image of this module. */
        private static Map<String, String> buildArguments(String module) {
            Map<String, Object> services = map(Repo.yaml(COMPOSE).get("services"));
            for (Object definition : services.values()) {
                Map<String, Object> args = map(at(map(definition), "build", "args"));
                if (module.equals(text(args.get("MODULE")))) {
                    Map<String, String> arguments = new LinkedHashMap<>();
                    args.forEach((name, value) -> arguments.put(name, text(value)));
                    return arguments;
                }
            }
            throw new AssertionError(COMPOSE + " builds no image with MODULE " + module);
        }

        private static String expand(String instruction, Map<String, String> variables) {
            String result = instruction;
            for (int pass = 0; pass < 5; pass++) {
                Matcher matcher = VARIABLE.matcher(result);
                StringBuilder out = new StringBuilder();
                while (matcher.find()) {
                    String value = variables.get(matcher.group(1));
                    if (value == null || value.isEmpty()) {
                        value = matcher.group(2) == null ? "" : matcher.group(2);
                    }
                    matcher.appendReplacement(out, Matcher.quoteReplacement(value));
                }
                matcher.appendTail(out);
                if (out.toString().equals(result)) {
                    break;
                }
                result = out.toString();
            }
            return result;
        }

        String runtimeFrom() {
            return stages.get(stages.size() - 1).get(0);
        }

        /** Arguments of every instruction of that keyword in the last (runtime) stage. */
        List<String> runtime(String keyword) {
            return all(stages.get(stages.size() - 1), keyword);
        }

        List<String> all(List<String> stage, String keyword) {
            return stage.stream()
                    .filter(instruction -> keyword(instruction).equals(keyword))
                    .map(instruction -> instruction.substring(keyword.length()).strip())
                    .toList();
        }

        private static String keyword(String instruction) {
            int space = instruction.indexOf(' ');
            return (space < 0 ? instruction : instruction.substring(0, space)).toUpperCase(Locale.ROOT);
        }
    }
}
