package dev.agenticchat.e2e.packaging;

import static dev.agenticchat.e2e.packaging.Repo.at;
import static dev.agenticchat.e2e.packaging.Repo.list;
import static dev.agenticchat.e2e.packaging.Repo.map;
import static dev.agenticchat.e2e.packaging.Repo.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
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
    private static final String BASE = K8S + "/base";
    private static final String PROD = K8S + "/overlays/prod";
    private static final List<String> OVERLAYS = List.of(K8S + "/overlays/dev", PROD);
    private static final String NAMESPACE = "agentic-chat";
    private static final String SERVICES = "dev.agenticchat.e2e.packaging.Repo#services";
    private static final String CONFIG_MAP = "agentic-chat-config";
    private static final Pattern ROLE_PASSWORD = Pattern.compile("ALTER ROLE\\s+(\\w+)\\s+PASSWORD\\s+:'(\\w+)'");

    /** The prod overlay, rendered: what {@code kubectl apply -k deploy/k8s/overlays/prod} applies. */
    private final List<Map<String, Object>> rendered = Kustomize.build(PROD);

    static Stream<String> overlays() {
        return OVERLAYS.stream();
    }

    @Test
    void the_base_lists_every_manifest_and_every_overlay_renders_kubernetes_objects_in_one_namespace() throws IOException {
        Set<String> listed = new TreeSet<>();
        list(Repo.yaml(BASE + "/kustomization.yaml").get("resources")).forEach(resource -> listed.add(String.valueOf(resource)));
        Set<String> manifests = new TreeSet<>();
        try (Stream<Path> walk = Files.list(Repo.path(BASE))) {
            walk.map(file -> file.getFileName().toString())
                    .filter(name -> name.endsWith(".yaml") && !name.equals("kustomization.yaml"))
                    .forEach(manifests::add);
        }
        assertThat(listed).as("resources of %s/kustomization.yaml", BASE).isEqualTo(manifests);

        for (String overlay : OVERLAYS) {
            List<String> problems = new ArrayList<>();
            Set<String> seen = new TreeSet<>();
            for (Map<String, Object> object : Kustomize.build(overlay)) {
                String id = object.get("kind") + " " + at(object, "metadata", "name");
                if (object.get("apiVersion") == null || object.get("kind") == null || at(object, "metadata", "name") == null) {
                    problems.add(overlay + ": an object without apiVersion, kind or metadata.name");
                } else if (!seen.add(id)) {
                    problems.add(overlay + ": " + id + " twice");
                }
                if (!"Namespace".equals(object.get("kind")) && !NAMESPACE.equals(at(object, "metadata", "namespace"))) {
                    problems.add(overlay + ": " + id + " is not in the namespace " + NAMESPACE);
                }
                if ("Secret".equals(object.get("kind"))) {
                    problems.add(overlay + ": " + id + ": Secrets are created by the operator (README.md), never committed");
                }
            }
            assertThat(problems).isEmpty();
        }
        assertThat(objects("Namespace")).extracting(ns -> at(ns, "metadata", "name")).containsExactly(NAMESPACE);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void every_object_of_an_overlay_matches_the_schema_of_its_kind(String overlay) {
        Schemas schemas = Schemas.load();
        List<String> problems = new ArrayList<>();
        for (Map<String, Object> object : Kustomize.build(overlay)) {
            schemas.validate(object).forEach(problem ->
                    problems.add(object.get("kind") + " " + at(object, "metadata", "name") + ": " + problem));
        }
        assertThat(problems).as("%s against %s/schemas", overlay, K8S).isEmpty();
    }

    @Test
    void the_schemas_refuse_a_misspelt_field_a_wrong_type_and_a_value_outside_an_enum() {
        Schemas schemas = Schemas.load();
        Map<String, Object> deployment = Kustomize.build(PROD).stream()
                .filter(object -> "Deployment".equals(object.get("kind"))).findFirst().orElseThrow();
        Map<String, Object> pod = map(at(deployment, "spec", "template", "spec"));
        Map<String, Object> container = map(list(pod.get("containers")).get(0));
        container.put("imagePullPolicy", "Sometimes");
        pod.put("terminationGracePeriod", 30);
        map(at(deployment, "metadata", "labels")).put("tier", 1);
        Map<String, Object> scaler = Kustomize.build(PROD).stream()
                .filter(object -> "ScaledObject".equals(object.get("kind"))).findFirst().orElseThrow();
        map(map(list(at(scaler, "spec", "triggers")).get(0)).get("metadata")).remove("consumerGroup");

        assertThat(schemas.kinds()).hasSizeGreaterThanOrEqualTo(14);
        assertThat(String.join("\n", schemas.validate(deployment)))
                .contains("imagePullPolicy").contains("terminationGracePeriod").contains("tier");
        assertThat(String.join("\n", schemas.validate(scaler))).contains("consumerGroup");
        assertThat(schemas.validate(Map.of("apiVersion", "example.com/v1", "kind", "Widget", "metadata", Map.of("name", "w"))))
                .singleElement().asString().startsWith("no schema example.com.v1.Widget");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void every_variable_a_service_reads_without_a_default_is_set_in_every_overlay(String overlay) {
        List<Map<String, Object>> objects = Kustomize.build(overlay);
        List<String> problems = new ArrayList<>();
        for (String service : Repo.SERVICES) {
            Map<String, Object> container = container(objects, service);
            Set<String> set = new TreeSet<>();
            for (Object entry : list(container.get("env"))) {
                Map<String, Object> variable = map(entry);
                boolean optional = Boolean.TRUE.equals(at(variable, "valueFrom", "secretKeyRef", "optional"))
                        || Boolean.TRUE.equals(at(variable, "valueFrom", "configMapKeyRef", "optional"));
                if (!optional) {
                    set.add(text(variable.get("name")));
                }
            }
            set.addAll(environmentNames(objects, container));
            for (String required : ServiceSettings.of(service).withoutDefault()) {
                if (!set.contains(required)) {
                    problems.add(service + " reads ${" + required + "} (no default) but the " + overlay
                            + " overlay does not set it (or only from an optional key)");
                }
            }
        }
        assertThat(problems).isEmpty();
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
            boolean optionalKey = Boolean.TRUE.equals(configRef.get("optional"));
            if (!configRef.isEmpty() && !optionalKey
                    && !(CONFIG_MAP.equals(configRef.get("name")) && configMap.containsKey(text(configRef.get("key"))))) {
                problems.add(variable.get("name") + " refers to missing " + configRef.get("name") + "/" + configRef.get("key"));
            }
            // An optional key (OTEL_EXPORTER_OTLP_ENDPOINT) is left out on purpose; README.md says when to add it.
            if (optionalKey && !(CONFIG_MAP.equals(configRef.get("name")) && readme.contains(text(configRef.get("key"))))) {
                problems.add(variable.get("name") + " refers to optional " + configRef.get("name") + "/" + configRef.get("key")
                        + ", which README.md never explains");
            }
            if (!secretRef.isEmpty() && !readme.contains(text(secretRef.get("name")))) {
                problems.add(variable.get("name") + " refers to Secret " + secretRef.get("name") + ", which README.md never explains");
            }
        }
        assertThat(problems).isEmpty();
        assertThat(toStrings(map(at(envEntry(container(service), "DATABASE_PASSWORD"), "valueFrom", "secretKeyRef"))))
                .as("DATABASE_PASSWORD of %s comes from its own database Secret, the one CloudNativePG reconciles its role from", service)
                .containsEntry("name", service + "-db").containsEntry("key", "password");
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
    void agent_workers_scale_on_the_lag_of_their_consumer_group_up_to_the_partitions_of_their_topic() {
        Map<String, Object> scaler = object("ScaledObject", "agent-service");
        List<Map<String, Object>> triggers = list(at(scaler, "spec", "triggers")).stream().map(Repo::map).toList();
        Object maxReplicas = at(scaler, "spec", "maxReplicaCount");

        assertThat(toStrings(map(at(scaler, "spec", "scaleTargetRef"))))
                .containsEntry("kind", "Deployment").containsEntry("name", "agent-service");
        assertThat(triggers).hasSize(1);
        assertThat(triggers.get(0).get("type")).isEqualTo("kafka");
        assertThat(toStrings(map(triggers.get(0).get("metadata"))))
                .containsEntry("consumerGroup", "agent-workers")
                .containsEntry("topic", "chat.messages.v1")
                .containsEntry("bootstrapServers", text(map(object("ConfigMap", CONFIG_MAP).get("data")).get("KAFKA_BOOTSTRAP_SERVERS")));
        assertThat(Repo.read("agent-service/src/main/java/dev/agenticchat/agent/messaging/MessagesSettings.java"))
                .as("agent-service consumes chat.messages.v1 in the group the scaler watches")
                .contains("group = \"agent-workers\"");
        assertThat(at(deployment("agent-service"), "spec", "replicas"))
                .as("replicas of the agent-service Deployment (the ScaledObject owns them)")
                .isNull();
        assertThat(objects("HorizontalPodAutoscaler")).as("no second autoscaler fights KEDA's over agent-service")
                .noneMatch(hpa -> "agent-service".equals(at(hpa, "spec", "scaleTargetRef", "name")));
        assertThat((Integer) maxReplicas)
                .as("agent workers beyond the partitions of chat.messages.v1 get no partition")
                .isLessThanOrEqualTo(Repo.topics().get("chat.messages.v1"));
        assertThat((Integer) at(scaler, "spec", "minReplicaCount")).isGreaterThanOrEqualTo(2);
    }

    @Test
    void an_agent_worker_is_given_longer_to_stop_than_a_turn_may_run() {
        Duration turn = duration(ServiceSettings.of("agent-service").defaultOf("AGENT_TURN_TIMEOUT"));
        Object grace = at(deployment("agent-service"), "spec", "template", "spec", "terminationGracePeriodSeconds");

        assertThat(environmentNames(container("agent-service"))).as("the manifest keeps the default turn timeout")
                .doesNotContain("AGENT_TURN_TIMEOUT");
        assertThat(Duration.ofSeconds((Integer) grace)).isGreaterThan(turn);
        for (String service : Repo.SERVICES) {
            assertThat((Integer) at(deployment(service), "spec", "template", "spec", "terminationGracePeriodSeconds"))
                    .as("terminationGracePeriodSeconds of %s", service).isGreaterThanOrEqualTo(30);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(SERVICES)
    void a_disruption_evicts_at_most_one_pod_of_a_service(String service) {
        Map<String, Object> budget = object("PodDisruptionBudget", service);
        Map<String, Object> podLabels = map(at(deployment(service), "spec", "template", "metadata", "labels"));

        assertThat(budget).extracting(b -> at(b, "spec", "maxUnavailable")).isEqualTo(1);
        assertThat(podLabels).containsAllEntriesOf(map(at(budget, "spec", "selector", "matchLabels")));
        assertThat(map(at(budget, "spec", "selector", "matchLabels"))).isNotEmpty();
    }

    /**
     * The HTTP paths a NetworkPolicy opens are exactly those the Deployments' settings use: a service
     * calls another when it sets a *_URL naming that service. Beyond them: DNS, Kafka, Postgres, the
     * Ingress controller to the gateway, and the public internet for the three that call external APIs.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource(SERVICES)
    void a_network_policy_opens_only_the_paths_the_services_use(String service) {
        Map<String, Object> policy = object("NetworkPolicy", service);
        Map<String, Set<String>> calls = httpCalls();
        String name = service.replace("-service", "");
        Set<String> callers = new TreeSet<>();
        calls.forEach((caller, callees) -> {
            if (callees.contains(name)) {
                callers.add(caller);
            }
        });
        int port = listeningPort(service, container(service));
        int managementPort = managementPort(service, container(service));
        Set<String> ingressPods = new TreeSet<>();
        Set<String> ingressNamespaces = new TreeSet<>();
        Set<String> scrapers = new TreeSet<>();
        for (Object rule : list(at(policy, "spec", "ingress"))) {
            if (list(map(rule).get("ports")).stream().map(Repo::map).anyMatch(p -> Objects.equals(p.get("port"), managementPort))) {
                assertThat(list(map(rule).get("ports"))).as("%s: the scrape rule opens the management port alone", service).hasSize(1);
                for (Object peer : list(map(rule).get("from"))) {
                    assertThat(at(map(peer), "podSelector")).as("%s: scraped from a namespace, not by other pods", service).isNull();
                    scrapers.add(text(at(map(peer), "namespaceSelector", "matchLabels", "kubernetes.io/metadata.name")));
                }
                continue;
            }
            assertThat(list(map(rule).get("ports")).stream().map(Repo::map))
                    .as("%s lets in only its own port", service).allMatch(p -> Objects.equals(p.get("port"), port));
            for (Object peer : list(map(rule).get("from"))) {
                Object pod = at(map(peer), "podSelector", "matchLabels", "app.kubernetes.io/name");
                Object namespace = at(map(peer), "namespaceSelector", "matchLabels", "kubernetes.io/metadata.name");
                assertThat(pod != null || namespace != null).as("%s: an ingress peer that names a pod or namespace: %s", service, peer).isTrue();
                assertThat(at(map(peer), "ipBlock")).as("%s lets in no address block", service).isNull();
                if (pod != null) {
                    ingressPods.add(text(pod).replace("-service", ""));
                } else {
                    ingressNamespaces.add(text(namespace));
                }
            }
        }
        Set<String> egressPods = new TreeSet<>();
        Set<String> egressOther = new TreeSet<>();
        for (Object rule : list(at(policy, "spec", "egress"))) {
            List<Object> ports = list(map(rule).get("ports"));
            assertThat(ports).as("%s: every egress rule names its ports", service).isNotEmpty();
            for (Object peer : list(map(rule).get("to"))) {
                Map<String, Object> labels = map(at(map(peer), "podSelector", "matchLabels"));
                if (labels.containsKey("app.kubernetes.io/name")) {
                    egressPods.add(text(labels.get("app.kubernetes.io/name")).replace("-service", ""));
                } else if ("agentic-chat".equals(labels.get("strimzi.io/cluster"))) {
                    egressOther.add("kafka");
                } else if ("agentic-chat-pg".equals(labels.get("cnpg.io/cluster"))) {
                    egressOther.add("postgres");
                } else if ("kube-dns".equals(labels.get("k8s-app"))) {
                    egressOther.add("dns");
                } else if (at(map(peer), "ipBlock", "cidr") != null) {
                    assertThat(list(at(map(peer), "ipBlock", "except"))).as("%s: the internet, not the cluster's private ranges", service)
                            .contains("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "169.254.0.0/16");
                    egressOther.add("internet");
                } else {
                    egressOther.add("unknown peer " + peer);
                }
            }
        }
        Set<String> internet = Set.of("agent", "retrieval", "notification");
        Set<String> expectedOther = new TreeSet<>(Set.of("dns", "kafka", "postgres"));
        if (internet.contains(name)) {
            expectedOther.add("internet");
        }

        assertThat(list(at(policy, "spec", "policyTypes"))).containsExactlyInAnyOrder("Ingress", "Egress");
        assertThat(map(at(policy, "spec", "podSelector", "matchLabels"))).containsEntry("app.kubernetes.io/name", service);
        assertThat(ingressPods).as("who may call %s", service).isEqualTo(callers);
        assertThat(ingressNamespaces).as("namespaces that reach %s", service)
                .isEqualTo(service.equals("gateway-service") ? Set.of("ingress-nginx") : Set.of());
        assertThat(scrapers).as("who may scrape %s", service).isEqualTo(Set.of("monitoring"));
        assertThat(egressPods).as("whom %s may call", service).isEqualTo(calls.get(name));
        assertThat(egressOther).as("what else %s may reach", service).isEqualTo(expectedOther);
    }

    @Test
    void kafka_is_a_strimzi_cluster_of_three_nodes_that_keeps_every_topic_for_a_stated_time() {
        Map<String, Object> kafka = object("Kafka", "agentic-chat");
        List<Map<String, Object>> pools = objects("KafkaNodePool");
        int brokers = pools.stream().filter(pool -> list(at(pool, "spec", "roles")).contains("broker"))
                .mapToInt(pool -> (Integer) at(pool, "spec", "replicas")).sum();
        String bootstrap = text(map(object("ConfigMap", CONFIG_MAP).get("data")).get("KAFKA_BOOTSTRAP_SERVERS"));
        Object listenerPort = list(at(kafka, "spec", "kafka", "listeners")).stream().map(Repo::map)
                .filter(listener -> "internal".equals(listener.get("type"))).map(listener -> listener.get("port")).findFirst().orElse(null);

        assertThat(map(at(kafka, "metadata", "annotations"))).containsEntry("strimzi.io/kraft", "enabled")
                .containsEntry("strimzi.io/node-pools", "enabled");
        assertThat(pools).allMatch(pool -> "agentic-chat".equals(at(pool, "metadata", "labels", "strimzi.io/cluster")));
        assertThat(at(kafka, "spec", "kafka", "config", "auto.create.topics.enable")).isEqualTo(false);
        assertThat(bootstrap).isEqualTo("agentic-chat-kafka-bootstrap:" + listenerPort);
        for (Map<String, Object> topic : objects("KafkaTopic")) {
            String name = text(at(topic, "spec", "topicName"));
            assertThat((Integer) at(topic, "spec", "replicas")).as("replicas of %s", name).isLessThanOrEqualTo(brokers);
            assertThat(Long.parseLong(text(at(topic, "spec", "config", "retention.ms"))))
                    .as("retention.ms of %s", name).isPositive();
        }
        assertThat(Duration.ofMillis(Long.parseLong(text(at(object("KafkaTopic", "agent.events.v1"), "spec", "config", "retention.ms")))))
                .as("agent.events.v1 keeps a day of turns for the gateway's replay of a reconnecting client")
                .isGreaterThanOrEqualTo(Duration.ofHours(24));
    }

    @Test
    void postgres_is_a_cloudnativepg_cluster_with_pgvector_and_one_role_per_service_from_its_secret() {
        Map<String, Object> cluster = object("Cluster", "agentic-chat-pg");
        String databaseUrl = text(map(object("ConfigMap", CONFIG_MAP).get("data")).get("DATABASE_URL"));
        Map<String, Map<String, Object>> roles = new TreeMap<>();
        list(at(cluster, "spec", "managed", "roles")).forEach(role -> roles.put(text(map(role).get("name")), map(role)));
        List<String> problems = new ArrayList<>();

        for (String service : Repo.SERVICES) {
            String user = text(envEntry(container(service), "DATABASE_USER").get("value"));
            Map<String, Object> role = roles.remove(user);
            if (role == null) {
                problems.add("no managed role " + user + " for " + service);
            } else if (!Objects.equals(at(role, "passwordSecret", "name"),
                    at(envEntry(container(service), "DATABASE_PASSWORD"), "valueFrom", "secretKeyRef", "name"))
                    || !Boolean.TRUE.equals(role.get("login")) || Boolean.TRUE.equals(role.get("superuser"))) {
                problems.add(user + ": a login role, not superuser, with the password of the Secret " + service + " reads: " + role);
            }
        }

        assertThat(problems).isEmpty();
        assertThat(roles).as("roles no service logs in with").isEmpty();
        assertThat(databaseUrl).isEqualTo("jdbc:postgresql://agentic-chat-pg-rw:5432/" + at(cluster, "spec", "bootstrap", "initdb", "database"));
        assertThat(list(at(cluster, "spec", "bootstrap", "initdb", "postInitApplicationSQL")))
                .anyMatch(sql -> String.valueOf(sql).startsWith("CREATE EXTENSION IF NOT EXISTS vector"));
        assertThat(text(at(cluster, "spec", "imageName"))).as("an image that ships pgvector").contains("standard");
        assertThat((Integer) at(cluster, "spec", "instances")).isGreaterThanOrEqualTo(3);
    }

    @Test
    void secrets_are_referenced_never_written_and_images_come_from_the_overlay() {
        Pattern secretish = Pattern.compile("PASSWORD|TOKEN|SECRET|API_KEY|PEPPER|CREDENTIALS_KEY");
        List<String> problems = new ArrayList<>();
        for (Map<String, Object> deployment : objects("Deployment")) {
            for (Object candidate : list(at(deployment, "spec", "template", "spec", "containers"))) {
                Map<String, Object> container = map(candidate);
                for (Object entry : list(container.get("env"))) {
                    Map<String, Object> variable = map(entry);
                    if (secretish.matcher(text(variable.get("name"))).find() && variable.get("value") != null) {
                        problems.add(at(deployment, "metadata", "name") + " writes " + variable.get("name") + " in the manifest");
                    }
                }
                if (!text(container.get("image")).startsWith("registry.example.com/agentic-chat/")) {
                    problems.add(at(deployment, "metadata", "name") + " runs " + container.get("image") + ", not the prod overlay's image");
                }
            }
        }
        assertThat(problems).isEmpty();
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
        assertThat(at(deployment("gateway-service"), "spec", "replicas"))
                .as("replicas of the gateway Deployment (its HorizontalPodAutoscaler owns them)").isNull();
        Map<String, Object> autoscaler = object("HorizontalPodAutoscaler", "gateway-service");
        assertThat(toStrings(map(at(autoscaler, "spec", "scaleTargetRef"))))
                .containsEntry("kind", "Deployment").containsEntry("name", "gateway-service");
        assertThat((Integer) at(autoscaler, "spec", "minReplicas")).isGreaterThanOrEqualTo(2);
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

    private List<Map<String, Object>> objects(String kind) {
        return objects(rendered, kind);
    }

    private static List<Map<String, Object>> objects(List<Map<String, Object>> objects, String kind) {
        return objects.stream().filter(document -> kind.equals(document.get("kind"))).toList();
    }

    private Map<String, Object> object(String kind, String name) {
        return object(rendered, kind, name);
    }

    private static Map<String, Object> object(List<Map<String, Object>> objects, String kind, String name) {
        List<Map<String, Object>> matching = objects(objects, kind).stream()
                .filter(document -> name.equals(at(document, "metadata", "name"))).toList();
        assertThat(matching).as("%s %s in %s", kind, name, PROD).hasSize(1);
        return matching.get(0);
    }

    private Map<String, Object> deployment(String service) {
        return object("Deployment", service);
    }

    private Map<String, Object> container(String service) {
        return container(rendered, service);
    }

    private static Map<String, Object> container(List<Map<String, Object>> objects, String service) {
        List<Object> containers = list(at(object(objects, "Deployment", service), "spec", "template", "spec", "containers"));
        return containers.stream().map(Repo::map).filter(candidate -> service.equals(candidate.get("name")))
                .findFirst().orElseGet(() -> {
                    assertThat(containers).as("containers of the %s Deployment", service).hasSize(1);
                    return map(containers.get(0));
                });
    }

    /** Names set on the container: env entries, plus every key of a ConfigMap it takes whole (envFrom). */
    private Set<String> environmentNames(Map<String, Object> container) {
        return environmentNames(rendered, container);
    }

    private static Set<String> environmentNames(List<Map<String, Object>> objects, Map<String, Object> container) {
        Set<String> names = new TreeSet<>();
        list(container.get("env")).forEach(entry -> names.add(text(map(entry).get("name"))));
        for (Object source : list(container.get("envFrom"))) {
            Object configMapName = at(map(source), "configMapRef", "name");
            assertThat(at(map(source), "secretRef")).as("envFrom secretRef hides which variables it sets").isNull();
            if (configMapName != null) {
                names.addAll(map(object(objects, "ConfigMap", text(configMapName)).get("data")).keySet());
            }
        }
        return names;
    }

    private Map<String, Object> envEntry(Map<String, Object> container, String name) {
        return list(container.get("env")).stream().map(Repo::map).filter(entry -> name.equals(entry.get("name")))
                .findFirst().orElseThrow(() -> new AssertionError(container.get("name") + " sets no " + name));
    }

    /** Caller (gateway, chat, ...) to the services it calls: the hosts of the *_URL settings its container sets. */
    private Map<String, Set<String>> httpCalls() {
        Map<String, String> configMap = toStrings(map(object("ConfigMap", CONFIG_MAP).get("data")));
        Map<String, Set<String>> calls = new TreeMap<>();
        for (String service : Repo.SERVICES) {
            Set<String> callees = new TreeSet<>();
            for (Object entry : list(container(service).get("env"))) {
                Map<String, Object> variable = map(entry);
                if (!text(variable.get("name")).endsWith("_URL")) {
                    continue;
                }
                String value = variable.get("value") != null ? text(variable.get("value"))
                        : configMap.get(text(at(variable, "valueFrom", "configMapKeyRef", "key")));
                if (value != null && value.startsWith("http://")) {
                    String host = URI.create(value).getHost();
                    if (Repo.SERVICES.contains(host) && !host.equals(service)) {
                        callees.add(host.replace("-service", ""));
                    }
                }
            }
            calls.put(service.replace("-service", ""), callees);
        }
        return calls;
    }

    /** A Micronaut duration as application.yml writes it: 90s, 5m, 1h. */
    private static Duration duration(String text) {
        Matcher matcher = Pattern.compile("(\\d+)(ms|s|m|h)").matcher(text.strip());
        assertThat(matcher.matches()).as("a duration: %s", text).isTrue();
        long amount = Long.parseLong(matcher.group(1));
        return switch (matcher.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofHours(amount);
        };
    }

    /**
     * Prometheus finds every service by its pod annotations and scrapes /prometheus on the port the
     * service serves it on (MANAGEMENT_PORT), a container port of its own that the Service object,
     * and so the Ingress, does not expose.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource(SERVICES)
    void a_service_is_annotated_for_prometheus_at_its_management_port(String service) {
        Map<String, Object> container = container(service);
        Map<String, Object> annotations = map(at(deployment(service), "spec", "template", "metadata", "annotations"));
        int managementPort = managementPort(service, container);

        assertThat(toStrings(annotations)).containsEntry("prometheus.io/scrape", "true")
                .containsEntry("prometheus.io/path", "/prometheus")
                .containsEntry("prometheus.io/port", String.valueOf(managementPort));
        assertThat(containerPort(container, "metrics")).isEqualTo(managementPort);
        assertThat(managementPort).isNotEqualTo(listeningPort(service, container));
        assertThat(list(at(object("Service", service), "spec", "ports")).stream().map(Repo::map))
                .noneMatch(port -> Objects.equals(containerPort(container, port.get("targetPort")), managementPort));
    }

    /** MANAGEMENT_PORT when the container sets it, otherwise the default of the service's application.yml. */
    private int managementPort(String service, Map<String, Object> container) {
        return list(container.get("env")).stream().map(Repo::map)
                .filter(entry -> "MANAGEMENT_PORT".equals(entry.get("name")) && entry.get("value") != null)
                .map(entry -> Integer.parseInt(text(entry.get("value"))))
                .findFirst().orElseGet(() -> Integer.parseInt(ServiceSettings.of(service).defaultOf("MANAGEMENT_PORT")));
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
