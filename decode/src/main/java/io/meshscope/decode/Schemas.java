package io.meshscope.decode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The API schemas strict decoding checks objects against, by group, version and kind: Istio's kinds from {@code
 * istio-crd-schemas.yaml} (generated from Istio's CRDs by {@code scripts/gen-istio-schema.py}) and the Kubernetes
 * kinds meshscope reads from {@code kubernetes-schema.yaml} (written by hand). Also knows which kinds and versions
 * exist in the groups it covers, so {@code apiVersion: v99} is refused as kubectl refuses it.
 */
final class Schemas {
    /** What is known about one apiVersion and kind. */
    sealed interface Lookup permits Checked, Unchecked, NoMatch, OtherGroup {
    }

    /** A kind and version with a schema. */
    record Checked(SchemaNode schema) implements Lookup {
    }

    /** A kind and version that exist, without a schema (a Secret): only metadata is checked. */
    record Unchecked() implements Lookup {
    }

    /**
     * A group meshscope knows that has no such kind in this version: {@code kinds} are the group's kinds when the kind
     * does not exist, {@code versions} the kind's versions when only the version is wrong.
     */
    record NoMatch(Set<String> kinds, Set<String> versions) implements Lookup {
    }

    /** A group meshscope knows nothing about (another operator's CRDs): not checked. */
    record OtherGroup() implements Lookup {
    }

    /**
     * Core ({@code v1}) kinds without a schema here: the group has no CRDs, so any other kind in it does not exist.
     * Kinds ending in {@code List} are accepted in every known group.
     */
    private static final Set<String> CORE_KINDS = Set.of("Binding", "ComponentStatus", "ConfigMap", "Endpoints",
            "Event", "LimitRange", "Namespace", "Node", "PersistentVolume", "PersistentVolumeClaim", "Pod",
            "PodTemplate", "ReplicationController", "ResourceQuota", "Secret", "Service", "ServiceAccount");

    /**
     * The one group whose kinds are not all listed: {@code extensions/v1beta1} also held Ingress, NetworkPolicy and
     * PodSecurityPolicy, which meshscope does not read; another kind in it is skipped, not refused.
     */
    private static final String PARTIAL_GROUP = "extensions";

    /** Generous for the two resources, and fixed: the user's input limits (ReadLimits.defaults()) do not apply. */
    private static final ReadLimits RESOURCE_LIMITS = new ReadLimits(16 * 1024 * 1024, 200, 0, 0, 10_000_000);

    private static final Schemas INSTANCE = load();

    /** group -> kind -> version -> schema. */
    private final Map<String, Map<String, Map<String, SchemaNode>>> groups;
    private final SchemaNode objectMeta;

    private Schemas(Map<String, Map<String, Map<String, SchemaNode>>> groups, SchemaNode objectMeta) {
        this.groups = groups;
        this.objectMeta = objectMeta;
    }

    static Schemas get() {
        return INSTANCE;
    }

    /** Kubernetes' ObjectMeta, which every object's {@code metadata} is. */
    SchemaNode objectMeta() {
        return objectMeta;
    }

    /** An object of a kind without a schema here: only its metadata is checked. */
    SchemaNode metadataOnly() {
        return new SchemaNode("object", false, true, null, null, null, null);
    }

    Lookup lookup(String apiVersion, String kind) {
        int slash = apiVersion.indexOf('/');
        String group = slash < 0 ? "" : apiVersion.substring(0, slash);
        String version = slash < 0 ? apiVersion : apiVersion.substring(slash + 1);
        Map<String, Map<String, SchemaNode>> kinds = groups.get(group);
        if (kinds == null) {
            return new OtherGroup();
        }
        Map<String, SchemaNode> versions = kinds.get(kind);
        if (versions == null) {
            if (kind.endsWith("List") || (group.isEmpty() && CORE_KINDS.contains(kind))) {
                Set<String> served = new TreeSet<>();
                kinds.values().forEach(v -> served.addAll(v.keySet()));
                return served.contains(version) ? new Unchecked() : new NoMatch(Set.of(), served);
            }
            if (group.equals(PARTIAL_GROUP)) {
                return new OtherGroup();
            }
            Set<String> known = new TreeSet<>(kinds.keySet());
            if (group.isEmpty()) {
                known.addAll(CORE_KINDS);
            }
            return new NoMatch(known, Set.of());
        }
        if (!versions.containsKey(version)) {
            return new NoMatch(Set.of(), new TreeSet<>(versions.keySet()));
        }
        SchemaNode schema = versions.get(version);
        return schema == null ? new Unchecked() : new Checked(schema);
    }

    private static Schemas load() {
        Map<String, Map<String, Map<String, SchemaNode>>> groups = new HashMap<>();
        Map<String, Object> kube = resource("kubernetes-schema.yaml");
        Map<String, Object> definitions = map(kube.get("definitions"));
        SchemaParser parser = new SchemaParser(definitions);
        for (Object entry : (List<?>) kube.get("kinds")) {
            Map<String, Object> kind = map(entry);
            SchemaNode schema = parser.parse(kind.get("schema"));
            for (Object version : (List<?>) kind.get("versions")) {
                put(groups, (String) kind.get("group"), (String) kind.get("kind"), (String) version, schema);
            }
        }
        Map<String, Object> istio = resource("istio-crd-schemas.yaml");
        for (Object entry : (List<?>) istio.get("kinds")) {
            Map<String, Object> kind = map(entry);
            List<?> schemas = (List<?>) kind.get("schemas");
            for (Map.Entry<String, Object> version : map(kind.get("versions")).entrySet()) {
                SchemaNode schema = parser.parse(schemas.get(((Number) version.getValue()).intValue()));
                put(groups, (String) kind.get("group"), (String) kind.get("kind"), version.getKey(), schema);
            }
        }
        return new Schemas(groups, parser.parse(Map.of("$ref", "ObjectMeta")));
    }

    private static void put(Map<String, Map<String, Map<String, SchemaNode>>> groups, String group, String kind,
                            String version, SchemaNode schema) {
        groups.computeIfAbsent(group, g -> new HashMap<>()).computeIfAbsent(kind, k -> new HashMap<>())
                .put(version, schema);
    }

    /**
     * A schema resource as maps, lists and scalars, read by {@link BlockYamlReader}: the resources are written in
     * the block style it reads, so no command waits at start for a general YAML parser, cold, to read 130 kB
     * (docs/PERFORMANCE.md "The schemas read by the block reader"). {@code SchemasTest} holds both resources to it.
     */
    static Map<String, Object> resource(String name) {
        String text;
        try (InputStream in = Schemas.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<YNode> documents = BlockYamlReader.read(text, Positions.ofFile(name), RESOURCE_LIMITS);
        if (documents == null || documents.size() != 1) {
            throw new IllegalStateException(name + " is not one document in the block style BlockYamlReader reads");
        }
        return map(plain(documents.get(0)));
    }

    /** An integer as SnakeYAML gives it: an Integer when it fits, else a Long (the resources hold small ones). */
    private static Number integer(String text) {
        long value = Long.parseLong(text);
        return value == (int) value ? (Number) (int) value : (Number) value;
    }

    /** A node as the plain values SnakeYAML would give: maps, lists, strings, booleans, numbers and null. */
    static Object plain(YNode node) {
        if (node instanceof YNode.Mapping m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.entries().forEach((key, entry) -> out.put(key, plain(entry.value())));
            return out;
        }
        if (node instanceof YNode.Seq q) {
            List<Object> out = new ArrayList<>(q.items().size());
            q.items().forEach(item -> out.add(plain(item)));
            return out;
        }
        YNode.Scalar s = (YNode.Scalar) node;
        return switch (s.type()) {
            case NULL -> null;
            case BOOL -> Boolean.parseBoolean(s.text());
            case INT -> integer(s.text());
            case FLOAT -> Double.parseDouble(s.text());
            case STRING -> s.text();
        };
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return value == null ? Map.of() : (Map<String, Object>) value;
    }

    /** Builds {@link SchemaNode}s from the resource files' maps, resolving {@code $ref} to a definition. */
    private static final class SchemaParser {
        private final Map<String, Object> definitions;
        private final Map<String, SchemaNode> resolved = new HashMap<>();

        SchemaParser(Map<String, Object> definitions) {
            this.definitions = definitions;
        }

        SchemaNode parse(Object value) {
            Map<String, Object> m = map(value);
            Object ref = m.get("$ref");
            if (ref != null) {
                String name = (String) ref;
                SchemaNode done = resolved.get(name);
                if (done == null) {
                    if (!definitions.containsKey(name)) {
                        throw new IllegalStateException("kubernetes-schema.yaml: no definition " + name);
                    }
                    done = parse(definitions.get(name)).withDefinition(name);
                    resolved.put(name, done);
                }
                return done;
            }
            Map<String, SchemaNode> properties = null;
            if (m.containsKey("properties")) {
                properties = new LinkedHashMap<>();
                for (Map.Entry<String, Object> p : map(m.get("properties")).entrySet()) {
                    properties.put(p.getKey(), parse(p.getValue()));
                }
            }
            return new SchemaNode((String) m.get("type"), Boolean.TRUE.equals(m.get("intOrString")),
                    Boolean.TRUE.equals(m.get("preserveUnknownFields")), properties,
                    m.containsKey("items") ? parse(m.get("items")) : null,
                    m.containsKey("additionalProperties") ? parse(m.get("additionalProperties")) : null, null);
        }
    }
}
