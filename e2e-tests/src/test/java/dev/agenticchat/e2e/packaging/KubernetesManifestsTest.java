package dev.agenticchat.e2e.packaging;

import static dev.agenticchat.e2e.packaging.Repo.at;
import static dev.agenticchat.e2e.packaging.Repo.list;
import static dev.agenticchat.e2e.packaging.Repo.map;
import static dev.agenticchat.e2e.packaging.Repo.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** deploy/k8s against the code: probes, ports and variables match what each service really does. */
class KubernetesManifestsTest {

    private static final String K8S = "deploy/k8s";
    private static final String SERVICES = "dev.agenticchat.e2e.packaging.Repo#services";
    private static final String CONFIG_MAP = "agentic-chat-config";
    private static final Pattern ROLE_PASSWORD = Pattern.compile("ALTER ROLE\\s+(\\w+)\\s+PASSWORD\\s+:'(\\w+)'");

    /** Manifest file (relative to deploy/k8s) to its documents. */
    private final Map<String, List<Map<String, Object>>> files = load();

    @Test
    void every_document_is_a_kubernetes_object_and_kustomization_lists_every_file() {
        List<String> problems = new ArrayList<>();
        files.forEach((file, documents) -> {
            if (file.equals("kustomization.yaml")) {
                return;
            }
            for (Map<String, Object> document : documents) {
                if (document.get("apiVersion") == null || document.get("kind") == null || at(document, "metadata", "name") == null) {
                    problems.add(file + ": a document without apiVersion, kind or metadata.name");
                }
            }
        });
        Set<String> listed = new TreeSet<>();
        list(kustomization().get("resources")).forEach(resource -> listed.add(String.valueOf(resource)));
        Set<String> manifests = new TreeSet<>(files.keySet());
        manifests.remove("kustomization.yaml");

        assertThat(problems).isEmpty();
        assertThat(listed).as("resources of %s/kustomization.yaml", K8S).isEqualTo(manifests);
        assertThat(kustomization()).containsEntry("namespace", "agentic-chat");
        assertThat(objects("Namespace")).extracting(ns -> at(ns, "metadata", "name")).containsExactly("agentic-chat");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(SERVICES)
    void a_service_is_probed_on_its_health_endpoints_at_the_port_it_listens_on(String service) {
        Map<String, Object> container = container(service);
        int port = listeningPort(service, container);

        assertThat(text(at(container, "readinessProbe", "httpGet", "path"))).isEqualTo("/health/readiness");
        assertThat(text(at(container, "livenessProbe", "httpGet", "path"))).isEqualTo("/health/liveness");
        for (String probe : List.of("readinessProbe", "livenessProbe", "startupProbe")) {
            Object probePort = at(container, probe, "httpGet", "port");
            if (probePort != null || !probe.equals("startupProbe")) {
                assertThat(containerPort(container, probePort))
                        .as("%s of %s (it listens on %d)", probe, service, port)
                        .isEqualTo(port);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(SERVICES)
    void a_service_is_reachable_through_its_service_object_on_the_port_it_listens_on(String service) {
        Map<String, Object> container = container(service);
        Map<String, Object> serviceObject = object("Service", service);
        Map<String, Object> podLabels = map(at(deployment(service), "spec", "template", "metadata", "labels"));
        List<Object> ports = list(at(serviceObject, "spec", "ports"));

        assertThat(podLabels).containsAllEntriesOf(toStrings(map(at(serviceObject, "spec", "selector"))));
        assertThat(ports).hasSize(1);
        assertThat(containerPort(container, map(ports.get(0)).get("targetPort")))
                .isEqualTo(listeningPort(service, container));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(SERVICES)
    void every_variable_set_on_a_service_container_is_one_that_service_reads(String service) {
        ServiceSettings settings = ServiceSettings.of(service);

        assertThat(settings.unread(environmentNames(container(service))))
                .as("variables %s sets on %s that %s never reads (no ${NAME} in %s)", K8S, service, service, settings.source())
                .isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(SERVICES)
    void every_variable_whose_default_points_at_this_machine_is_set(String service) {
        assertThat(ServiceSettings.of(service).loopbackDefaultsElsewhere())
                .as("variables of %s whose default is 127.0.0.1/localhost (nothing, in a pod) but that %s does not set",
                        service, K8S)
                .isSubsetOf(environmentNames(container(service)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(SERVICES)
    void every_reference_resolves_to_a_config_key_or_a_documented_secret(String service) {
        Map<String, String> configMap = toStrings(map(object("ConfigMap", CONFIG_MAP).get("data")));
        String readme = Repo.read(K8S + "/README.md");
        List<String> problems = new ArrayList<>();

        for (Object entry : list(container(service).get("env"))) {
            Map<String, Object> variable = map(entry);
            Map<String, Object> configRef = map(at(variable, "valueFrom", "configMapKeyRef"));
            Map<String, Object> secretRef = map(at(variable, "valueFrom", "secretKeyRef"));
            if (!configRef.isEmpty() && !(CONFIG_MAP.equals(configRef.get("name")) && configMap.containsKey(text(configRef.get("key"))))) {
                problems.add(variable.get("name") + " refers to missing " + configRef.get("name") + "/" + configRef.get("key"));
            }
            if (!secretRef.isEmpty() && !readme.contains(text(secretRef.get("name")))) {
                problems.add(variable.get("name") + " refers to Secret " + secretRef.get("name") + ", which README.md never explains");
            }
        }
        assertThat(problems).isEmpty();
        assertThat(text(at(envEntry(container(service), "DATABASE_PASSWORD"), "valueFrom", "secretKeyRef", "name")))
                .as("DATABASE_PASSWORD of %s comes from its own Secret", service)
                .isEqualTo(service + "-secrets");
        if (environmentNames(container(service)).contains("INTERNAL_SERVICE_TOKEN")) {
            assertThat(text(at(envEntry(container(service), "INTERNAL_SERVICE_TOKEN"), "valueFrom", "secretKeyRef", "name")))
                    .as("INTERNAL_SERVICE_TOKEN of %s comes from the Secret all services share", service)
                    .isEqualTo("agentic-chat-internal");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(SERVICES)
    void a_service_logs_in_as_the_schema_role_its_application_yml_defaults_to(String service) {
        assertThat(text(envEntry(container(service), "DATABASE_USER").get("value")))
                .isEqualTo(ServiceSettings.of(service).defaultOf("DATABASE_USER"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(SERVICES)
    void a_service_runs_as_non_root_on_a_read_only_filesystem_within_limits(String service) {
        Map<String, Object> pod = map(at(deployment(service), "spec", "template", "spec"));
        Map<String, Object> container = container(service);
        Object runAsNonRoot = Objects.requireNonNullElse(
                at(container, "securityContext", "runAsNonRoot"), at(pod, "securityContext", "runAsNonRoot"));
        String tmpVolume = list(container.get("volumeMounts")).stream().map(Repo::map)
                .filter(mount -> "/tmp".equals(mount.get("mountPath")))
                .map(mount -> text(mount.get("name")))
                .findFirst().orElse(null);

        assertThat(runAsNonRoot).isEqualTo(true);
        assertThat(at(container, "securityContext", "readOnlyRootFilesystem")).isEqualTo(true);
        assertThat(tmpVolume).as("a volume on /tmp of %s", service).isNotNull();
        assertThat(list(pod.get("volumes")).stream().map(Repo::map))
                .anyMatch(volume -> tmpVolume.equals(volume.get("name")) && volume.containsKey("emptyDir"));
        assertThat(map(at(container, "resources", "requests"))).containsKeys("cpu", "memory");
        assertThat(map(at(container, "resources", "limits"))).containsKey("memory");
    }

    @Test
    void every_service_url_in_the_config_names_a_service_object_and_its_port() {
        List<String> problems = new ArrayList<>();
        toStrings(map(object("ConfigMap", CONFIG_MAP).get("data"))).forEach((key, value) -> {
            if (!key.endsWith("_URL") || !value.startsWith("http://")) {
                return;
            }
            URI uri = URI.create(value);
            Map<String, Object> target = objects("Service").stream()
                    .filter(candidate -> uri.getHost().equals(at(candidate, "metadata", "name")))
                    .findFirst().orElse(null);
            if (target == null) {
                problems.add(key + "=" + value + ": no Service " + uri.getHost());
            } else if (list(at(target, "spec", "ports")).stream().map(Repo::map)
                    .noneMatch(port -> Objects.equals(port.get("port"), uri.getPort()))) {
                problems.add(key + "=" + value + ": Service " + uri.getHost() + " has no port " + uri.getPort());
            }
        });

        assertThat(problems).isEmpty();
    }

    @Test
    void agent_workers_scale_on_cpu_by_themselves_up_to_the_partitions_of_their_topic() {
        Map<String, Object> autoscaler = object("HorizontalPodAutoscaler", "agent-service");
        Object maxReplicas = at(autoscaler, "spec", "maxReplicas");

        assertThat(toStrings(map(at(autoscaler, "spec", "scaleTargetRef"))))
                .containsEntry("kind", "Deployment").containsEntry("name", "agent-service");
        assertThat(list(at(autoscaler, "spec", "metrics")).stream().map(Repo::map))
                .anyMatch(metric -> "cpu".equals(at(metric, "resource", "name")));
        assertThat(at(deployment("agent-service"), "spec", "replicas"))
                .as("replicas of the agent-service Deployment (the autoscaler owns them)")
                .isNull();
        assertThat((Integer) maxReplicas)
                .as("agent workers beyond the partitions of chat.messages.v1 get no partition")
                .isLessThanOrEqualTo(Repo.topics().get("chat.messages.v1"));
    }

    @Test
    void the_gateway_is_exposed_by_an_ingress_and_reads_its_signing_key_from_a_mounted_secret() {
        Map<String, Object> ingress = objects("Ingress").stream().findFirst().orElseThrow();
        Map<String, Object> backend = map(at(map(list(at(map(list(at(ingress, "spec", "rules")).get(0)), "http", "paths")).get(0)),
                "backend", "service"));
        Map<String, Object> container = container("gateway-service");
        String keyFile = text(envEntry(container, "JWT_SIGNING_KEY_FILE").get("value"));
        String keyDirectory = keyFile.substring(0, keyFile.lastIndexOf('/'));
        String keyVolume = list(container.get("volumeMounts")).stream().map(Repo::map)
                .filter(mount -> keyDirectory.equals(mount.get("mountPath")))
                .map(mount -> text(mount.get("name"))).findFirst().orElse(null);
        Map<String, Object> volume = list(at(deployment("gateway-service"), "spec", "template", "spec", "volumes")).stream()
                .map(Repo::map).filter(candidate -> Objects.equals(keyVolume, candidate.get("name")))
                .findFirst().orElse(Map.of());

        assertThat(backend.get("name")).isEqualTo("gateway-service");
        assertThat(keyVolume).as("a volume mounted on %s", keyDirectory).isNotNull();
        assertThat(text(at(volume, "secret", "secretName"))).isEqualTo("gateway-signing-key");
        assertThat(list(at(volume, "secret", "items")).stream().map(Repo::map))
                .anyMatch(item -> keyFile.endsWith("/" + item.get("path")));
    }

    @Test
    void the_ingress_routes_no_path_that_reaches_internal_and_the_gateway_trusts_its_one_hop() {
        Map<String, Object> ingress = objects("Ingress").stream().findFirst().orElseThrow();
        List<Map<String, Object>> paths = list(at(map(list(at(ingress, "spec", "rules")).get(0)), "http", "paths")).stream()
                .map(Repo::map).toList();
        for (String internal : List.of("/internal/tenants/1", "/internal/users/1", "/health/readiness")) {
            assertThat(paths).as("no Ingress path matches %s", internal).noneMatch(path -> {
                String prefix = text(path.get("path"));
                return "Exact".equals(path.get("pathType")) ? prefix.equals(internal)
                        : internal.equals(prefix) || internal.startsWith(prefix.endsWith("/") ? prefix : prefix + "/");
            });
        }
        assertThat(paths).as("the web app and the API are routed").anyMatch(path -> "/api".equals(path.get("path")))
                .anyMatch(path -> "/ws".equals(path.get("path"))).anyMatch(path -> "/".equals(path.get("path")));
        assertThat(text(envEntry(container("gateway-service"), "GATEWAY_TRUSTED_PROXIES").get("value"))).isEqualTo("1");
    }

    @Test
    void kafka_topics_are_those_of_topics_tsv_with_the_same_partitions() {
        Map<String, Integer> declared = new LinkedHashMap<>();
        for (Map<String, Object> topic : objects("KafkaTopic")) {
            assertThat(map(at(topic, "metadata", "labels"))).containsEntry("strimzi.io/cluster", "agentic-chat");
            String name = text(Objects.requireNonNullElse(at(topic, "spec", "topicName"), at(topic, "metadata", "name")));
            declared.put(name, (Integer) at(topic, "spec", "partitions"));
        }

        assertThat(declared).isEqualTo(Repo.topics());
    }

    @Test
    void db_bootstrap_gives_each_role_the_password_of_the_service_that_logs_in_with_it() {
        Map<String, Object> job = object("Job", "db-bootstrap");
        Map<String, Object> container = map(list(at(job, "spec", "template", "spec", "containers")).get(0));
        List<String> arguments = list(container.get("args")).stream().map(String::valueOf).toList();
        Map<String, String> passwordVariables = new TreeMap<>();
        Matcher matcher = ROLE_PASSWORD.matcher(Repo.read("deploy/sql/bootstrap.sql"));
        while (matcher.find()) {
            passwordVariables.put(matcher.group(1), matcher.group(2));
        }
        List<String> problems = new ArrayList<>();

        for (String service : Repo.SERVICES) {
            String role = text(envEntry(container(service), "DATABASE_USER").get("value"));
            String variable = passwordVariables.get(role);
            String argument = arguments.stream().filter(arg -> arg.startsWith(variable + "=$(")).findFirst().orElse(null);
            if (argument == null) {
                problems.add("no -v " + variable + "=$(...) for role " + role);
                continue;
            }
            String envName = argument.substring(argument.indexOf("$(") + 2, argument.length() - 1);
            Object secret = at(envEntry(container, envName), "valueFrom", "secretKeyRef");
            if (!Objects.equals(secret, at(envEntry(container(service), "DATABASE_PASSWORD"), "valueFrom", "secretKeyRef"))) {
                problems.add(role + "'s password comes from " + secret + ", not from the Secret " + service + " logs in with");
            }
        }
        String sqlVolume = list(at(job, "spec", "template", "spec", "volumes")).stream().map(Repo::map)
                .map(volume -> text(at(volume, "configMap", "name"))).filter(Objects::nonNull).findFirst().orElseThrow();

        assertThat(problems).isEmpty();
        assertThat(arguments).contains("ON_ERROR_STOP=1", "/sql/bootstrap.sql");
        assertThat(Repo.read(K8S + "/README.md"))
                .as("README.md explains how to create the ConfigMap %s the Job reads", sqlVolume)
                .contains("create configmap " + sqlVolume + " --from-file=bootstrap.sql=deploy/sql/bootstrap.sql");
    }

    private static Map<String, List<Map<String, Object>>> load() {
        Path directory = Repo.path(K8S);
        Map<String, List<Map<String, Object>>> loaded = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(directory)) {
            walk.filter(file -> file.toString().endsWith(".yaml") || file.toString().endsWith(".yml"))
                    .forEach(file -> loaded.put(directory.relativize(file).toString(),
                            Repo.yamlDocuments(Repo.root().relativize(file).toString())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(loaded).as("manifests under %s", K8S).containsKey("kustomization.yaml");
        return loaded;
    }

    private Map<String, Object> kustomization() {
        return files.get("kustomization.yaml").get(0);
    }

    private List<Map<String, Object>> objects(String kind) {
        return files.values().stream().flatMap(List::stream).filter(document -> kind.equals(document.get("kind"))).toList();
    }

    private Map<String, Object> object(String kind, String name) {
        List<Map<String, Object>> matching = objects(kind).stream()
                .filter(document -> name.equals(at(document, "metadata", "name"))).toList();
        assertThat(matching).as("%s %s under %s", kind, name, K8S).hasSize(1);
        return matching.get(0);
    }

    private Map<String, Object> deployment(String service) {
        return object("Deployment", service);
    }

    private Map<String, Object> container(String service) {
        List<Object> containers = list(at(deployment(service), "spec", "template", "spec", "containers"));
        return containers.stream().map(Repo::map).filter(candidate -> service.equals(candidate.get("name")))
                .findFirst().orElseGet(() -> {
                    assertThat(containers).as("containers of the %s Deployment", service).hasSize(1);
                    return map(containers.get(0));
                });
    }

    /** Names set on the container: env entries, plus every key of a ConfigMap it takes whole (envFrom). */
    private Set<String> environmentNames(Map<String, Object> container) {
        Set<String> names = new TreeSet<>();
        list(container.get("env")).forEach(entry -> names.add(text(map(entry).get("name"))));
        for (Object source : list(container.get("envFrom"))) {
            Object configMapName = at(map(source), "configMapRef", "name");
            assertThat(at(map(source), "secretRef")).as("envFrom secretRef hides which variables it sets").isNull();
            if (configMapName != null) {
                names.addAll(map(object("ConfigMap", text(configMapName)).get("data")).keySet());
            }
        }
        return names;
    }

    private Map<String, Object> envEntry(Map<String, Object> container, String name) {
        return list(container.get("env")).stream().map(Repo::map).filter(entry -> name.equals(entry.get("name")))
                .findFirst().orElseThrow(() -> new AssertionError(container.get("name") + " sets no " + name));
    }

    /** SERVER_PORT when the container sets it, otherwise the default of the service's application.yml. */
    private int listeningPort(String service, Map<String, Object> container) {
        return list(container.get("env")).stream().map(Repo::map)
                .filter(entry -> "SERVER_PORT".equals(entry.get("name")) && entry.get("value") != null)
                .map(entry -> Integer.parseInt(text(entry.get("value"))))
                .findFirst().orElseGet(() -> ServiceSettings.of(service).defaultPort());
    }

    /** A port given by number or by the name of one of the container's ports. */
    private static Integer containerPort(Map<String, Object> container, Object port) {
        if (port instanceof Integer number) {
            return number;
        }
        return list(container.get("ports")).stream().map(Repo::map)
                .filter(candidate -> Objects.equals(candidate.get("name"), port))
                .map(candidate -> (Integer) candidate.get("containerPort"))
                .findFirst().orElse(null);
    }

    private static Map<String, String> toStrings(Map<String, Object> mapping) {
        Map<String, String> result = new LinkedHashMap<>();
        mapping.forEach((key, value) -> result.put(key, text(value)));
        return result;
    }
}
