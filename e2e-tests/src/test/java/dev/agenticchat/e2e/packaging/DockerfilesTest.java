package dev.agenticchat.e2e.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Each image builds its own module in a Maven stage and runs its shaded jar as non-root, health-checked. */
class DockerfilesTest {

    private static final String SERVICES = "dev.agenticchat.e2e.packaging.Repo#services";
    private static final Pattern HEALTH_URL = Pattern.compile(
            "http://127\\.0\\.0\\.1:(?:\\$\\{[A-Z_]+:-)?(\\d+)}?(/health[^\"'\\s]*)");

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

        assertThat(dockerfile.runtime("EXPOSE")).as("EXPOSE of %s/Dockerfile", service).containsExactly(port);
        assertThat(healthCheck(dockerfile)).as("HEALTHCHECK of %s/Dockerfile", service)
                .containsExactly(port, "/health/readiness");
    }

    @Test
    void the_simulator_image_listens_on_all_interfaces_and_is_health_checked_on_its_port() {
        Dockerfile dockerfile = Dockerfile.of(Repo.SIMULATOR);
        String port = String.valueOf(ServiceSettings.simulator().defaultPort());

        assertBuildsAndRuns(Repo.SIMULATOR);
        assertThat(dockerfile.runtime("EXPOSE")).containsExactly(port);
        assertThat(dockerfile.runtime("ENV")).contains("SIM_HOST=0.0.0.0");
        assertThat(healthCheck(dockerfile)).containsExactly(port, "/health");
    }

    private static void assertBuildsAndRuns(String module) {
        Dockerfile dockerfile = Dockerfile.of(module);
        List<String> build = dockerfile.stages().get(0);
        List<String> copies = dockerfile.all(build, "COPY");
        String user = dockerfile.runtime("USER").stream().reduce((first, last) -> last).orElse("");

        assertThat(dockerfile.stages()).as("stages of %s/Dockerfile", module).hasSizeGreaterThanOrEqualTo(2);
        assertThat(build.get(0)).as("build stage of %s", module).isEqualTo("FROM maven:3.9-eclipse-temurin-17 AS build");
        assertThat(dockerfile.runtimeFrom()).as("runtime base of %s", module).isEqualTo("FROM eclipse-temurin:17-jre-alpine");
        for (String reactorModule : Repo.reactorModules()) {
            String pom = reactorModule + "/pom.xml";
            assertThat(copies).as("%s/Dockerfile copies %s (Maven reads every pom of the reactor)", module, pom)
                    .anyMatch(copy -> copy.startsWith(pom + " "));
        }
        assertThat(copies).as("%s/Dockerfile copies the root pom", module).anyMatch(copy -> copy.startsWith("pom.xml "));
        for (String built : Repo.alsoMade(module)) {
            assertThat(copies).as("%s/Dockerfile copies the sources of %s, which -am builds with it", module, built)
                    .contains(built + "/src " + built + "/src");
        }
        assertThat(dockerfile.all(build, "RUN"))
                .as("Maven commands of %s/Dockerfile", module)
                .anyMatch(run -> run.startsWith("mvn ") && run.contains(" -pl " + module + " -am ") && run.contains("go-offline"))
                .anyMatch(run -> run.startsWith("mvn ") && run.contains(" -pl " + module + " -am ") && run.contains(" package"));
        assertThat(dockerfile.runtime("COPY"))
                .as("runtime COPY of %s/Dockerfile", module)
                .contains("--from=build /src/" + module + "/target/" + module + "-*-all.jar /app/app.jar");
        assertThat(user).as("USER of the runtime stage of %s/Dockerfile", module)
                .isNotBlank()
                .doesNotStartWith("root")
                .isNotEqualTo("0")
                .doesNotStartWith("0:");
        assertThat(dockerfile.runtime("ENTRYPOINT")).containsExactly("[\"java\", \"-jar\", \"/app/app.jar\"]");
        // Out of memory, a JVM carries on half-broken; exiting lets the orchestrator restart the service.
        assertThat(dockerfile.runtime("ENV")).contains("JAVA_TOOL_OPTIONS=\"-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError\"");
    }

    /** Port and path the runtime stage's HEALTHCHECK calls. */
    private static List<String> healthCheck(Dockerfile dockerfile) {
        List<String> checks = dockerfile.runtime("HEALTHCHECK");
        assertThat(checks).hasSize(1);
        Matcher matcher = HEALTH_URL.matcher(checks.get(0));
        assertThat(matcher.find()).as("a health URL in HEALTHCHECK %s", checks.get(0)).isTrue();
        assertThat(checks.get(0)).contains("wget -qO-");
        return List.of(matcher.group(1), matcher.group(2));
    }

    /** A Dockerfile as stages of instructions; continuation lines joined, comments dropped. */
    private record Dockerfile(List<List<String>> stages) {

        static Dockerfile of(String module) {
            String text = Repo.read(module + "/Dockerfile").replaceAll("\\\\\\r?\\n", " ");
            List<List<String>> stages = new ArrayList<>();
            for (String line : text.split("\\r?\\n")) {
                String instruction = line.strip().replaceAll("\\s+", " ");
                if (instruction.isEmpty() || instruction.startsWith("#")) {
                    continue;
                }
                if (keyword(instruction).equals("FROM")) {
                    stages.add(new ArrayList<>());
                }
                assertThat(stages).as("%s/Dockerfile starts with FROM", module).isNotEmpty();
                stages.get(stages.size() - 1).add(instruction);
            }
            return new Dockerfile(stages);
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
