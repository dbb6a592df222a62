package dev.agenticchat.e2e.packaging;

import static dev.agenticchat.e2e.packaging.Repo.at;
import static dev.agenticchat.e2e.packaging.Repo.list;
import static dev.agenticchat.e2e.packaging.Repo.map;
import static dev.agenticchat.e2e.packaging.Repo.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** docker-compose.yml against the code: what it sets is what the services read, on the ports they use. */
class DockerComposeTest {

    private static final String COMPOSE = "docker-compose.yml";
    private static final String SERVICES = "dev.agenticchat.e2e.packaging.Repo#services";
    private static final Pattern INTERPOLATION = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::?[-?]([^}]*))?}");
    private static final Pattern ROLE_PASSWORD = Pattern.compile("ALTER ROLE\\s+(\\w+)\\s+PASSWORD\\s+:'(\\w+)'");

    private final Map<String, Object> compose = Repo.yaml(COMPOSE);

    @ParameterizedTest(name = "{0}")
    @MethodSource(SERVICES)
    void every_service_is_built_from_the_one_dockerfile_with_its_module_and_port_and_the_repository_as_context(
            String service) {
        Map<String, Object> build = map(at(service(service), "build"));

        assertThat(build).as("build section of %s in %s", service, COMPOSE).isNotEmpty();
        assertThat(Repo.path(text(build.get("context"))).normalize())
                .as("build context of %s (the reactor root)", service)
                .isEqualTo(Repo.root());
        assertThat(text(build.getOrDefault("dockerfile", "Dockerfile"))).as("Dockerfile of %s", service)
                .isEqualTo("Dockerfile");
        assertThat(Repo.path("Dockerfile")).isRegularFile();
        Map<String, Object> args = map(build.get("args"));
        assertThat(text(args.get("MODULE"))).as("build argument MODULE of %s", service).isEqualTo(service);
        assertThat(text(args.get("PORT"))).as("build argument PORT of %s", service)
                .isEqualTo(String.valueOf(ServiceSettings.of(service).defaultPort()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(SERVICES)
    void every_variable_set_for_a_service_is_one_that_service_reads(String service) {
        ServiceSettings settings = ServiceSettings.of(service);

        assertThat(settings.unread(environment(service).keySet()))
                .as("variables %s sets for %s that %s never reads (no ${NAME} in %s)",
                        COMPOSE, service, service, settings.source())
                .isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(SERVICES)
    void every_variable_whose_default_points_at_this_machine_is_set(String service) {
        ServiceSettings settings = ServiceSettings.of(service);

        assertThat(settings.loopbackDefaultsElsewhere())
                .as("variables of %s whose default is 127.0.0.1/localhost (another container in compose) "
                        + "but that %s does not set", service, COMPOSE)
                .isSubsetOf(environment(service).keySet());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(SERVICES)
    void a_service_listens_on_its_default_port_and_is_health_checked_there(String service) {
        int port = ServiceSettings.of(service).defaultPort();
        Map<String, Object> definition = service(service);

        assertThat(environment(service).get("SERVER_PORT"))
                .as("SERVER_PORT of %s in %s (its application.yml defaults to %d)", service, COMPOSE, port)
                .isEqualTo(String.valueOf(port));
        assertThat(healthcheck(service))
                .as("healthcheck of %s", service)
                .contains("127.0.0.1:" + port + "/health/readiness");
        assertThat(list(definition.get("expose")).stream().map(String::valueOf))
                .as("expose of %s", service)
                .containsExactly(String.valueOf(port));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(SERVICES)
    void a_service_logs_in_as_its_schema_role_with_the_password_the_bootstrap_gives_that_role(String service) {
        ServiceSettings settings = ServiceSettings.of(service);
        Map<String, String> environment = environment(service);
        String role = settings.defaultOf("DATABASE_USER");

        assertThat(environment.get("DATABASE_USER"))
                .as("DATABASE_USER of %s (its application.yml defaults to the role %s)", service, role)
                .isEqualTo(role);
        assertThat(environment.get("DATABASE_URL"))
                .as("DATABASE_URL of %s", service)
                .isEqualTo("jdbc:postgresql://postgres:5432/" + at(service("postgres"), "environment", "POSTGRES_DB"));

        Map<String, String> passwordVariables = new TreeMap<>();
        Matcher matcher = ROLE_PASSWORD.matcher(Repo.read("deploy/sql/bootstrap.sql"));
        while (matcher.find()) {
            passwordVariables.put(matcher.group(1), matcher.group(2));
        }
        assertThat(passwordVariables).as("roles whose password deploy/sql/bootstrap.sql sets").containsKey(role);
        assertThat(list(at(service("db-bootstrap"), "command")).stream().map(String::valueOf))
                .as("db-bootstrap must set %s's password to what %s logs in with", role, service)
                .contains(passwordVariables.get(role) + "=" + environment.get("DATABASE_PASSWORD"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(SERVICES)
    void a_service_starts_once_the_topics_and_its_schema_exist(String service) {
        Map<String, Object> dependsOn = map(service(service).get("depends_on"));

        assertThat(text(at(dependsOn, "kafka-topics", "condition")))
                .as("%s waits for kafka-topics (broker auto-creation is off)", service)
                .isEqualTo("service_completed_successfully");
        assertThat(text(at(dependsOn, "db-bootstrap", "condition")))
                .as("%s waits for db-bootstrap (its role and schema)", service)
                .isEqualTo("service_completed_successfully");
    }

    @Test
    void only_the_gateway_publishes_a_port_on_the_host() {
        Map<String, List<String>> published = new TreeMap<>();
        services().forEach((name, definition) -> {
            List<Object> ports = list(map(definition).get("ports"));
            if (!ports.isEmpty()) {
                published.put(name, ports.stream().map(String::valueOf).toList());
            }
        });
        int gatewayPort = ServiceSettings.of("gateway-service").defaultPort();

        assertThat(published).isEqualTo(Map.of("gateway-service", List.of(gatewayPort + ":" + gatewayPort)));
    }

    @Test
    void every_dependency_exists_and_can_meet_its_condition() {
        Map<String, Object> services = services();
        List<String> problems = new ArrayList<>();
        services.forEach((name, definition) -> map(map(definition).get("depends_on")).forEach((target, spec) -> {
            String condition = text(at(map(spec), "condition"));
            Map<String, Object> targetDefinition = map(services.get(target));
            if (!services.containsKey(target)) {
                problems.add(name + " depends on " + target + ", which is not a service");
            } else if ("service_healthy".equals(condition) && !targetDefinition.containsKey("healthcheck")) {
                problems.add(name + " waits for " + target + " to be healthy, but it has no healthcheck");
            } else if ("service_completed_successfully".equals(condition)
                    && !"no".equals(text(targetDefinition.get("restart")))) {
                problems.add(name + " waits for " + target + " to complete, but it is not a one-shot (restart: \"no\")");
            }
        }));

        assertThat(problems).isEmpty();
    }

    @Test
    void every_address_names_a_compose_service_and_the_port_it_listens_on() {
        Map<String, Integer> listening = new LinkedHashMap<>();
        Repo.SERVICES.forEach(service -> listening.put(service, Integer.parseInt(environment(service).get("SERVER_PORT"))));
        listening.put(Repo.SIMULATOR, Integer.parseInt(environment(Repo.SIMULATOR).get("SIM_PORT")));
        List<String> problems = new ArrayList<>();

        for (String service : Repo.SERVICES) {
            environment(service).forEach((variable, value) -> {
                String resolved = withInterpolationDefaults(value);
                // Lists (allowed origins) are addresses as the browser sees them, not compose services.
                if (!resolved.startsWith("http://") || resolved.contains(",")) {
                    return;
                }
                URI uri = URI.create(resolved);
                if (!services().containsKey(uri.getHost())) {
                    problems.add(service + " " + variable + "=" + resolved + ": no compose service " + uri.getHost());
                } else if (listening.containsKey(uri.getHost()) && uri.getPort() != listening.get(uri.getHost())) {
                    problems.add(service + " " + variable + "=" + resolved + ": " + uri.getHost()
                            + " listens on " + listening.get(uri.getHost()));
                }
            });
        }

        assertThat(problems).isEmpty();
    }

    @Test
    void every_service_uses_the_broker_address_kafka_advertises_and_one_internal_token() {
        String advertised = text(at(service("kafka"), "environment", "KAFKA_ADVERTISED_LISTENERS"));
        Set<String> bootstrap = Repo.SERVICES.stream()
                .map(service -> environment(service).get("KAFKA_BOOTSTRAP_SERVERS"))
                .collect(Collectors.toSet());
        Set<String> tokens = Repo.SERVICES.stream()
                .map(service -> environment(service).get("INTERNAL_SERVICE_TOKEN"))
                .filter(Objects::nonNull)
                .collect(Collectors.toSet());

        assertThat(bootstrap).hasSize(1);
        assertThat(advertised).isEqualTo("PLAINTEXT://" + bootstrap.iterator().next());
        assertThat(tokens).as("values of INTERNAL_SERVICE_TOKEN").hasSize(1);
    }

    @Test
    void kafka_is_a_single_kraft_node_that_creates_no_topic_on_its_own() {
        Map<String, String> kafka = environment("kafka");

        assertThat(kafka)
                .containsEntry("KAFKA_PROCESS_ROLES", "broker,controller")
                .containsEntry("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false")
                .containsEntry("KAFKA_CONTROLLER_QUORUM_VOTERS", kafka.get("KAFKA_NODE_ID") + "@kafka:9093")
                .containsEntry("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "1")
                .containsEntry("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "1");
        assertThat(text(at(service("kafka-topics"), "image"))).isEqualTo(text(at(service("kafka"), "image")));
    }

    @Test
    void kafka_topics_creates_exactly_the_topics_of_topics_tsv_with_their_partitions() {
        Map<String, Object> kafkaTopics = service("kafka-topics");
        Map<String, String> mounts = bindMounts("kafka-topics");
        String topicsFile = mounts.get("./deploy/kafka/topics.tsv");
        String script = mounts.get("./deploy/docker/create-topics.sh");
        String scriptText = Repo.read("deploy/docker/create-topics.sh");

        assertThat(topicsFile).as("where kafka-topics mounts deploy/kafka/topics.tsv").isNotNull();
        assertThat(script).as("where kafka-topics mounts deploy/docker/create-topics.sh").isNotNull();
        assertThat(list(kafkaTopics.get("entrypoint")).stream().map(String::valueOf)).contains(script);
        assertThat(environment("kafka-topics").getOrDefault("TOPICS_FILE", "")).isEqualTo(topicsFile);
        // The script turns every line of the file into one create: topic from column 1, partitions from column 2.
        assertThat(scriptText)
                .contains("TOPICS_FILE=\"${TOPICS_FILE:-" + topicsFile + "}\"")
                .contains("read -r topic partitions cleanup")
                .contains("--create --if-not-exists")
                .contains("--topic \"$topic\" --partitions \"$partitions\"");
        assertThat(Repo.topics()).isNotEmpty();
    }

    @Test
    void the_simulator_gets_only_what_it_reads_and_listens_beyond_its_container() {
        ServiceSettings simulator = ServiceSettings.simulator();
        Map<String, String> environment = environment(Repo.SIMULATOR);

        assertThat(simulator.unread(environment.keySet()))
                .as("variables %s sets for %s that it never reads (%s)", COMPOSE, Repo.SIMULATOR, simulator.source())
                .isEmpty();
        assertThat(environment).containsEntry("SIM_HOST", "0.0.0.0");
        assertThat(healthcheck(Repo.SIMULATOR)).contains("127.0.0.1:" + environment.get("SIM_PORT") + "/health");
    }

    private Map<String, Object> services() {
        return map(compose.get("services"));
    }

    private Map<String, Object> service(String name) {
        Map<String, Object> definition = map(services().get(name));
        assertThat(definition).as("service %s in %s", name, COMPOSE).isNotEmpty();
        return definition;
    }

    /** A service's environment, in either compose form (mapping, or list of NAME=value). */
    private Map<String, String> environment(String name) {
        Object environment = service(name).get("environment");
        Map<String, String> result = new LinkedHashMap<>();
        if (environment instanceof Map<?, ?> mapping) {
            mapping.forEach((key, value) -> result.put(String.valueOf(key), value == null ? "" : String.valueOf(value)));
        } else {
            for (Object entry : list(environment)) {
                String[] pair = String.valueOf(entry).split("=", 2);
                result.put(pair[0], pair.length > 1 ? pair[1] : "");
            }
        }
        return result;
    }

    private String healthcheck(String name) {
        Object test = at(service(name), "healthcheck", "test");
        assertThat(test).as("healthcheck of %s", name).isNotNull();
        return test instanceof List<?> parts
                ? parts.stream().map(String::valueOf).collect(Collectors.joining(" "))
                : String.valueOf(test);
    }

    /** Host path to container path of a service's short-syntax bind mounts. */
    private Map<String, String> bindMounts(String name) {
        Map<String, String> mounts = new LinkedHashMap<>();
        for (Object volume : list(service(name).get("volumes"))) {
            String[] parts = String.valueOf(volume).split(":");
            if (parts.length >= 2 && parts[0].startsWith(".")) {
                mounts.put(parts[0], parts[1]);
            }
        }
        return mounts;
    }

    /** What compose makes of ${NAME:-default} when NAME is not set in the shell. */
    private static String withInterpolationDefaults(String value) {
        Matcher matcher = INTERPOLATION.matcher(value);
        StringBuilder resolved = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(resolved, Matcher.quoteReplacement(matcher.group(2) == null ? "" : matcher.group(2)));
        }
        matcher.appendTail(resolved);
        return resolved.toString();
    }
}
