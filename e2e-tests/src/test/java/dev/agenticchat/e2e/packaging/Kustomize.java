package dev.agenticchat.e2e.packaging;

import static dev.agenticchat.e2e.packaging.Repo.at;
import static dev.agenticchat.e2e.packaging.Repo.list;
import static dev.agenticchat.e2e.packaging.Repo.map;
import static dev.agenticchat.e2e.packaging.Repo.text;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The small part of Kustomize that deploy/k8s uses, so the test renders the overlays with no binary and
 * no network: resources (files and directories), namespace, labels without selectors, replicas, images
 * and strategic-merge patches found by kind and name. Anything else in a kustomization fails the
 * rendering, which keeps the overlays inside what this renders the way kustomize does.
 */
final class Kustomize {

    private static final Set<String> SUPPORTED = Set.of(
            "apiVersion", "kind", "resources", "namespace", "labels", "replicas", "images", "patches");
    /** Lists a patch merges by their entries' names, as Kubernetes' strategic merge does for these fields. */
    private static final Set<String> MERGED_BY_NAME = Set.of("containers", "initContainers", "env", "volumes", "volumeMounts");
    /** Kinds without a namespace, which the namespace transformer leaves alone. */
    private static final Set<String> CLUSTER_SCOPED = Set.of("Namespace", "ClusterRole", "ClusterRoleBinding",
            "CustomResourceDefinition", "PriorityClass", "StorageClass");
    private static final Set<String> SCALABLE = Set.of("Deployment", "StatefulSet", "ReplicaSet");

    private Kustomize() {
    }

    /** The objects {@code kustomize build directory} would print, directory relative to the repository root. */
    static List<Map<String, Object>> build(String directory) {
        Path dir = Repo.path(directory).normalize();
        String relative = Repo.root().relativize(dir).toString();
        Map<String, Object> kustomization = Repo.yaml(relative + "/kustomization.yaml");
        Set<String> unsupported = new java.util.TreeSet<>(kustomization.keySet());
        unsupported.removeAll(SUPPORTED);
        if (!unsupported.isEmpty()) {
            throw new IllegalStateException(relative + "/kustomization.yaml uses " + unsupported
                    + ", which the test's renderer does not implement (README.md lists what it does)");
        }
        List<Map<String, Object>> objects = new ArrayList<>();
        for (Object resource : list(kustomization.get("resources"))) {
            Path target = dir.resolve(text(resource)).normalize();
            String targetRelative = Repo.root().relativize(target).toString();
            if (Files.isDirectory(target)) {
                objects.addAll(build(targetRelative));
            } else {
                Repo.yamlDocuments(targetRelative).forEach(document -> objects.add(deepCopy(document)));
            }
        }
        for (Object patch : list(kustomization.get("patches"))) {
            Map<String, Object> entry = map(patch);
            if (entry.keySet().equals(Set.of("path"))) {
                List<Map<String, Object>> documents = Repo.yamlDocuments(relative + "/" + entry.get("path"));
                if (documents.size() != 1) {
                    throw new IllegalStateException(relative + "/" + entry.get("path") + ": one patch per file");
                }
                Map<String, Object> document = documents.get(0);
                merge(find(objects, text(document.get("kind")), text(at(document, "metadata", "name")), relative), document, "");
            } else {
                throw new IllegalStateException(relative + ": a patch other than {path: file}: " + entry);
            }
        }
        for (Object replicas : list(kustomization.get("replicas"))) {
            Map<String, Object> entry = map(replicas);
            Map<String, Object> target = objects.stream()
                    .filter(object -> SCALABLE.contains(text(object.get("kind"))))
                    .filter(object -> Objects.equals(entry.get("name"), at(object, "metadata", "name")))
                    .findFirst().orElseThrow(() -> new IllegalStateException(relative + ": replicas for no " + entry.get("name")));
            map(target.get("spec")).put("replicas", entry.get("count"));
        }
        for (Object image : list(kustomization.get("images"))) {
            Map<String, Object> entry = map(image);
            objects.forEach(object -> setImage(object, entry));
        }
        String namespace = text(kustomization.get("namespace"));
        for (Map<String, Object> object : objects) {
            if (namespace != null && !CLUSTER_SCOPED.contains(text(object.get("kind")))) {
                metadata(object).put("namespace", namespace);
            }
            for (Object labels : list(kustomization.get("labels"))) {
                Map<String, Object> entry = map(labels);
                if (!Boolean.FALSE.equals(entry.get("includeSelectors")) || entry.containsKey("includeTemplates")) {
                    throw new IllegalStateException(relative + ": labels other than {pairs, includeSelectors: false}");
                }
                Map<String, Object> objectLabels = map(metadata(object).computeIfAbsent("labels", key -> new LinkedHashMap<>()));
                objectLabels.putAll(map(entry.get("pairs")));
            }
        }
        return objects;
    }

    private static Map<String, Object> find(List<Map<String, Object>> objects, String kind, String name, String where) {
        return objects.stream()
                .filter(object -> kind.equals(object.get("kind")) && name.equals(at(object, "metadata", "name")))
                .findFirst().orElseThrow(() -> new IllegalStateException(where + ": a patch for no " + kind + " " + name));
    }

    /** Strategic merge: mappings recursively, the lists of MERGED_BY_NAME by name; other lists are refused. */
    private static void merge(Map<String, Object> target, Map<String, Object> patch, String path) {
        patch.forEach((key, value) -> {
            Object current = target.get(key);
            if (value instanceof Map<?, ?> && current instanceof Map<?, ?>) {
                merge(map(current), map(value), path + "/" + key);
            } else if (value instanceof List<?> && current instanceof List<?>) {
                if (!MERGED_BY_NAME.contains(key)) {
                    throw new IllegalStateException("a patch of the list " + path + "/" + key
                            + ": only " + MERGED_BY_NAME + " are merged (by name)");
                }
                List<Object> merged = list(current);
                for (Object item : list(value)) {
                    Object name = map(item).get("name");
                    Map<String, Object> existing = merged.stream().map(Repo::map)
                            .filter(candidate -> Objects.equals(candidate.get("name"), name)).findFirst().orElse(null);
                    if (existing == null) {
                        merged.add(deepCopy(item));
                    } else {
                        merge(existing, map(item), path + "/" + key + "[" + name + "]");
                    }
                }
            } else {
                target.put(key, deepCopy(value));
            }
        });
    }

    private static void setImage(Object node, Map<String, Object> image) {
        if (node instanceof Map<?, ?> mapping) {
            Map<String, Object> object = map(mapping);
            Object current = object.get("image");
            if (current instanceof String reference && object.containsKey("name") && imageName(reference).equals(image.get("name"))) {
                String name = text(Objects.requireNonNullElse(image.get("newName"), image.get("name")));
                String tag = image.get("newTag") != null ? text(image.get("newTag")) : imageTag(reference);
                object.put("image", tag == null ? name : name + ":" + tag);
            }
            object.values().forEach(value -> setImage(value, image));
        } else if (node instanceof List<?> items) {
            items.forEach(item -> setImage(item, image));
        }
    }

    private static String imageName(String reference) {
        int colon = reference.lastIndexOf(':');
        return colon > reference.lastIndexOf('/') ? reference.substring(0, colon) : reference;
    }

    private static String imageTag(String reference) {
        int colon = reference.lastIndexOf(':');
        return colon > reference.lastIndexOf('/') ? reference.substring(colon + 1) : null;
    }

    private static Map<String, Object> metadata(Map<String, Object> object) {
        return map(object.computeIfAbsent("metadata", key -> new LinkedHashMap<>()));
    }

    /** Mutable copies, so one rendering never changes the documents another reads. */
    @SuppressWarnings("unchecked")
    private static <T> T deepCopy(T value) {
        if (value instanceof Map<?, ?> mapping) {
            Map<String, Object> copy = new LinkedHashMap<>();
            mapping.forEach((key, item) -> copy.put(String.valueOf(key), deepCopy(item)));
            return (T) copy;
        }
        if (value instanceof List<?> items) {
            List<Object> copy = new ArrayList<>();
            items.forEach(item -> copy.add(deepCopy(item)));
            return (T) copy;
        }
        return value;
    }
}
