import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Writes meshscope's bad-input corpus (issue 13, "A corpus that stays"): small malformed manifests of every
 * category a hostile or careless user produces, each with its expectation in {@code index.tsv}. Deterministic
 * (no clock, no randomness) and dependency-free, so a CI machine with only a JDK regenerates the same bytes:
 * {@code scripts/gen-bad-input-corpus.sh} (or {@code java scripts/BadInputCorpus.java testdata/bad-input}).
 * Big inputs (tens of MB, devices, FIFOs, link loops) are made at test time by the tests, not here.
 */
@SuppressWarnings("unchecked")
public final class BadInputCorpus {
    /** Printed verbatim into the YAML (a flow value, a tagged scalar...). */
    record Raw(String text) {
    }

    /** One corpus entry: its file, bytes, expectation and what it proves. */
    record Entry(String path, byte[] bytes, String expect, String finding, String what) {
    }

    /** The type of a field, which decides the wrong values written into it. */
    enum T { STR, INT, BOOL, STRLIST, STRMAP, OBJ, OBJLIST, INTORSTR, DOUBLE }

    private final List<Entry> entries = new ArrayList<>();

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: java scripts/BadInputCorpus.java OUTPUT_DIR");
            System.exit(2);
        }
        Path out = Path.of(args[0]);
        BadInputCorpus corpus = new BadInputCorpus();
        corpus.generate();
        corpus.write(out);
        System.out.println("wrote " + corpus.entries.size() + " inputs to " + out);
    }

    void generate() {
        wrongTypes();
        valid();
        syntax();
        encodings();
        nesting();
        aliases();
        unknownFields();
        tags();
        kubernetesObjects();
        istioValidation();
        findings();
    }

    // ---------------------------------------------------------------- base documents (each valid alone)

    static Map<String, Object> meta(String name) {
        return map("name", name, "namespace", "shop", "labels", map("app", name), "annotations",
                map("team", "payments"), "creationTimestamp", "2024-01-02T03:04:05Z");
    }

    static Map<String, Object> obj(String apiVersion, String kind, String name, Object spec) {
        Map<String, Object> m = map("apiVersion", apiVersion, "kind", kind, "metadata", meta(name));
        if (spec != null) {
            m.put("spec", spec);
        }
        return m;
    }

    static Map<String, Object> sidecar() {
        return obj("networking.istio.io/v1", "Sidecar", "web", map(
                "workloadSelector", map("labels", map("app", "web")),
                "ingress", list(map(
                        "port", map("number", 9080, "protocol", "HTTP", "name", "http"),
                        "defaultEndpoint", "127.0.0.1:8080",
                        "captureMode", "DEFAULT",
                        "connectionPool", map("tcp", map("maxConnections", 100, "connectTimeout", "5s"),
                                "http", map("http1MaxPendingRequests", 10, "idleTimeout", "60s")))),
                "egress", list(map(
                        "captureMode", "DEFAULT",
                        "hosts", list("./*", "istio-system/*"))),
                "outboundTrafficPolicy", map("mode", "REGISTRY_ONLY"),
                "inboundConnectionPool", map("http", map("http2MaxRequests", 100))));
    }

    static Map<String, Object> virtualService() {
        return obj("networking.istio.io/v1", "VirtualService", "web", map(
                "hosts", list("web.shop.svc.cluster.local"),
                "gateways", list("mesh"),
                "exportTo", list("."),
                "http", list(map(
                        "name", "api",
                        "match", list(map("uri", map("prefix", "/api"), "port", 80, "sourceNamespace", "shop")),
                        "route", list(map(
                                "destination", map("host", "web.shop.svc.cluster.local", "subset", "v1",
                                        "port", map("number", 80)),
                                "weight", 100,
                                "headers", map("request", map("set", map("x-team", "payments"))))),
                        "mirror", map("host", "web.shop.svc.cluster.local", "port", map("number", 80)),
                        "mirrorPercentage", map("value", 10.0),
                        "timeout", "5s",
                        "retries", map("attempts", 3, "perTryTimeout", "2s"))),
                "tcp", list(map(
                        "match", list(map("port", 9000)),
                        "route", list(map("destination", map("host", "web.shop.svc.cluster.local",
                                "port", map("number", 9000))))))));
    }

    static Map<String, Object> destinationRule() {
        return obj("networking.istio.io/v1", "DestinationRule", "web", map(
                "host", "web.shop.svc.cluster.local",
                "exportTo", list("."),
                "subsets", list(map("name", "v1", "labels", map("version", "v1"))),
                "trafficPolicy", map(
                        "tls", map("mode", "ISTIO_MUTUAL"),
                        "loadBalancer", map("simple", "ROUND_ROBIN"),
                        "connectionPool", map("tcp", map("maxConnections", 10)),
                        "outlierDetection", map("consecutive5xxErrors", 5, "interval", "10s"),
                        "portLevelSettings", list(map("port", map("number", 80),
                                "loadBalancer", map("simple", "LEAST_REQUEST"))))));
    }

    static Map<String, Object> serviceEntry() {
        return obj("networking.istio.io/v1", "ServiceEntry", "api", map(
                "hosts", list("api.example.com"),
                "addresses", list("240.0.0.10"),
                "ports", list(map("number", 443, "name", "https", "protocol", "TLS", "targetPort", 8443)),
                "location", "MESH_EXTERNAL",
                "resolution", "STATIC",
                "endpoints", list(map("address", "10.1.2.3", "ports", map("https", 8443),
                        "labels", map("zone", "a"), "locality", "us-east1/us-east1-b", "weight", 1)),
                "exportTo", list("*")));
    }

    static Map<String, Object> workloadEntry() {
        return obj("networking.istio.io/v1", "WorkloadEntry", "vm-1", map(
                "address", "10.0.0.5",
                "ports", map("http", 8080),
                "labels", map("app", "vm"),
                "network", "vm-net",
                "locality", "us-east1/us-east1-b",
                "weight", 1,
                "serviceAccount", "vm"));
    }

    static Map<String, Object> service() {
        return obj("v1", "Service", "web", map(
                "type", "ClusterIP",
                "selector", map("app", "web"),
                "ports", list(map("name", "http", "port", 80, "targetPort", 8080, "protocol", "TCP",
                        "appProtocol", "http"))));
    }

    static Map<String, Object> endpointSlice() {
        Map<String, Object> m = obj("discovery.k8s.io/v1", "EndpointSlice", "web-abc", null);
        ((Map<String, Object>) m.get("metadata")).put("labels", map("kubernetes.io/service-name", "web"));
        m.put("addressType", "IPv4");
        m.put("endpoints", list(map("addresses", list("10.0.0.7"), "conditions", map("ready", true),
                "zone", "z1", "targetRef", map("kind", "Pod", "name", "web-1", "namespace", "shop"))));
        m.put("ports", list(map("name", "http", "port", 8080, "protocol", "TCP")));
        return m;
    }

    static Map<String, Object> deployment() {
        return obj("apps/v1", "Deployment", "web", map(
                "replicas", 2,
                "selector", map("matchLabels", map("app", "web")),
                "template", map(
                        "metadata", map("labels", map("app", "web"), "annotations", map("team", "payments")),
                        "spec", map("containers", list(map("name", "web", "image", "web:1",
                                "ports", list(map("containerPort", 8080, "name", "http", "protocol", "TCP"))))))));
    }

    static Map<String, Object> pod() {
        Map<String, Object> m = obj("v1", "Pod", "web-1", map("containers", list(map("name", "web",
                "image", "web:1", "ports", list(map("containerPort", 8080, "name", "http", "protocol", "TCP"))))));
        m.put("status", map("podIP", "10.0.0.7", "podIPs", list(map("ip", "10.0.0.7"))));
        return m;
    }

    /** Every kind read, with each field and its type: the wrong-type matrix. */
    static Map<String, Object[]> kinds() {
        Map<String, Object[]> k = new LinkedHashMap<>();
        k.put("sidecar", new Object[] {sidecar(), fields(
                "spec", T.OBJ, "spec.workloadSelector", T.OBJ, "spec.workloadSelector.labels", T.STRMAP,
                "spec.ingress", T.OBJLIST, "spec.ingress[0].port", T.OBJ, "spec.ingress[0].port.number", T.INT,
                "spec.ingress[0].port.protocol", T.STR, "spec.ingress[0].port.name", T.STR,
                "spec.ingress[0].defaultEndpoint", T.STR, "spec.ingress[0].captureMode", T.STR,
                "spec.ingress[0].connectionPool", T.OBJ, "spec.ingress[0].connectionPool.tcp.maxConnections", T.INT,
                "spec.ingress[0].connectionPool.tcp.connectTimeout", T.STR,
                "spec.ingress[0].connectionPool.http.http1MaxPendingRequests", T.INT,
                "spec.egress", T.OBJLIST, "spec.egress[0].hosts", T.STRLIST, "spec.egress[0].captureMode", T.STR,
                "spec.outboundTrafficPolicy", T.OBJ, "spec.outboundTrafficPolicy.mode", T.STR,
                "spec.inboundConnectionPool.http.http2MaxRequests", T.INT)});
        k.put("virtualservice", new Object[] {virtualService(), fields(
                "spec.hosts", T.STRLIST, "spec.gateways", T.STRLIST, "spec.exportTo", T.STRLIST,
                "spec.http", T.OBJLIST, "spec.http[0].name", T.STR, "spec.http[0].match", T.OBJLIST,
                "spec.http[0].match[0].uri", T.OBJ, "spec.http[0].match[0].uri.prefix", T.STR,
                "spec.http[0].match[0].port", T.INT, "spec.http[0].match[0].sourceNamespace", T.STR,
                "spec.http[0].route", T.OBJLIST, "spec.http[0].route[0].destination", T.OBJ,
                "spec.http[0].route[0].destination.host", T.STR, "spec.http[0].route[0].destination.subset", T.STR,
                "spec.http[0].route[0].destination.port.number", T.INT, "spec.http[0].route[0].weight", T.INT,
                "spec.http[0].route[0].headers", T.OBJ, "spec.http[0].mirror", T.OBJ,
                "spec.http[0].mirrorPercentage.value", T.DOUBLE, "spec.http[0].timeout", T.STR,
                "spec.http[0].retries.attempts", T.INT, "spec.tcp", T.OBJLIST, "spec.tcp[0].match[0].port", T.INT,
                "spec.tcp[0].route[0].destination.port.number", T.INT)});
        k.put("destinationrule", new Object[] {destinationRule(), fields(
                "spec.host", T.STR, "spec.exportTo", T.STRLIST, "spec.subsets", T.OBJLIST,
                "spec.subsets[0].name", T.STR, "spec.subsets[0].labels", T.STRMAP, "spec.trafficPolicy", T.OBJ,
                "spec.trafficPolicy.tls", T.OBJ, "spec.trafficPolicy.tls.mode", T.STR,
                "spec.trafficPolicy.loadBalancer.simple", T.STR,
                "spec.trafficPolicy.connectionPool.tcp.maxConnections", T.INT,
                "spec.trafficPolicy.outlierDetection.consecutive5xxErrors", T.INT,
                "spec.trafficPolicy.outlierDetection.interval", T.STR,
                "spec.trafficPolicy.portLevelSettings", T.OBJLIST,
                "spec.trafficPolicy.portLevelSettings[0].port.number", T.INT)});
        k.put("serviceentry", new Object[] {serviceEntry(), fields(
                "spec.hosts", T.STRLIST, "spec.addresses", T.STRLIST, "spec.ports", T.OBJLIST,
                "spec.ports[0].number", T.INT, "spec.ports[0].name", T.STR, "spec.ports[0].protocol", T.STR,
                "spec.ports[0].targetPort", T.INT, "spec.location", T.STR, "spec.resolution", T.STR,
                "spec.endpoints", T.OBJLIST, "spec.endpoints[0].address", T.STR, "spec.endpoints[0].ports", T.OBJ,
                "spec.endpoints[0].ports.https", T.INT, "spec.endpoints[0].labels", T.STRMAP,
                "spec.endpoints[0].locality", T.STR, "spec.endpoints[0].weight", T.INT, "spec.exportTo", T.STRLIST)});
        k.put("workloadentry", new Object[] {workloadEntry(), fields(
                "spec", T.OBJ, "spec.address", T.STR, "spec.ports", T.OBJ, "spec.ports.http", T.INT,
                "spec.labels", T.STRMAP, "spec.network", T.STR, "spec.locality", T.STR, "spec.weight", T.INT,
                "spec.serviceAccount", T.STR)});
        k.put("service", new Object[] {service(), fields(
                "spec", T.OBJ, "spec.type", T.STR, "spec.selector", T.STRMAP, "spec.ports", T.OBJLIST,
                "spec.ports[0].name", T.STR, "spec.ports[0].port", T.INT, "spec.ports[0].targetPort", T.INTORSTR,
                "spec.ports[0].protocol", T.STR, "spec.ports[0].appProtocol", T.STR)});
        k.put("endpointslice", new Object[] {endpointSlice(), fields(
                "addressType", T.STR, "endpoints", T.OBJLIST, "endpoints[0].addresses", T.STRLIST,
                "endpoints[0].conditions", T.OBJ, "endpoints[0].conditions.ready", T.BOOL, "endpoints[0].zone", T.STR,
                "endpoints[0].targetRef", T.OBJ, "endpoints[0].targetRef.name", T.STR, "ports", T.OBJLIST,
                "ports[0].name", T.STR, "ports[0].port", T.INT, "ports[0].protocol", T.STR)});
        k.put("deployment", new Object[] {deployment(), fields(
                "spec", T.OBJ, "spec.replicas", T.INT, "spec.selector", T.OBJ, "spec.selector.matchLabels", T.STRMAP,
                "spec.template", T.OBJ, "spec.template.metadata", T.OBJ, "spec.template.metadata.labels", T.STRMAP,
                "spec.template.metadata.annotations", T.STRMAP, "spec.template.spec", T.OBJ,
                "spec.template.spec.containers", T.OBJLIST, "spec.template.spec.containers[0].name", T.STR,
                "spec.template.spec.containers[0].ports", T.OBJLIST,
                "spec.template.spec.containers[0].ports[0].containerPort", T.INT,
                "spec.template.spec.containers[0].ports[0].name", T.STR,
                "spec.template.spec.containers[0].ports[0].protocol", T.STR)});
        k.put("pod", new Object[] {pod(), fields(
                "spec.containers[0].ports[0].containerPort", T.INT, "spec.containers[0].ports", T.OBJLIST,
                "status", T.OBJ, "status.podIP", T.STR, "status.podIPs", T.OBJLIST, "status.podIPs[0].ip", T.STR)});
        return k;
    }

    static final Map<T, String[]> WRONG = new LinkedHashMap<>();

    static {
        WRONG.put(T.STR, new String[] {"map:{a: 1}", "seq:[a, b]", "int:80", "bool:true"});
        WRONG.put(T.INT, new String[] {"word:eighty", "quoted:\"80\"", "float:1.5", "bool:true", "map:{a: 1}",
            "seq:[1]", "overflow:99999999999999999999"});
        WRONG.put(T.BOOL, new String[] {"word:maybe", "quoted:\"true\"", "int:1", "map:{a: 1}"});
        WRONG.put(T.STRLIST, new String[] {"scalar:x", "map:{a: b}", "seqofmap:[{a: b}]", "seqofseq:[[a]]"});
        WRONG.put(T.STRMAP, new String[] {"scalar:x", "seq:[a]", "nested:{a: {b: c}}", "intvalue:{a: 1}"});
        WRONG.put(T.OBJ, new String[] {"scalar:x", "seq:[x]", "int:1"});
        WRONG.put(T.OBJLIST, new String[] {"scalar:x", "map:{a: b}", "seqofscalar:[x]", "seqofint:[1]"});
        WRONG.put(T.INTORSTR, new String[] {"map:{a: 1}", "seq:[1]", "float:1.5", "bool:true"});
        WRONG.put(T.DOUBLE, new String[] {"word:\"ten\"", "map:{a: 1}", "seq:[1]", "bool:true"});
    }

    static final Object[] META_FIELDS = {"metadata", T.OBJ, "metadata.name", T.STR, "metadata.namespace", T.STR,
        "metadata.labels", T.STRMAP, "metadata.annotations", T.STRMAP, "metadata.creationTimestamp", T.STR};

    /** Category types/: a wrong type at every field of every kind (CRD schema / API server: rejected). */
    void wrongTypes() {
        for (Map.Entry<String, Object[]> kind : kinds().entrySet()) {
            Map<String, Object> base = (Map<String, Object>) kind.getValue()[0];
            List<Object> fields = new ArrayList<>(List.of(META_FIELDS));
            fields.addAll(List.of((Object[]) kind.getValue()[1]));
            for (int i = 0; i < fields.size(); i += 2) {
                String path = (String) fields.get(i);
                T type = (T) fields.get(i + 1);
                for (String wrong : WRONG.get(type)) {
                    String label = wrong.substring(0, wrong.indexOf(':'));
                    String value = wrong.substring(wrong.indexOf(':') + 1);
                    String name = kind.getKey() + "/" + slug(path) + "--" + label + ".yaml";
                    yaml("types/" + name, with(base, path, new Raw(value)), "reject", "8",
                            type.name().toLowerCase() + " field " + path + " given " + value);
                }
            }
        }
    }

    /** Category valid/: inputs every command must read cleanly (validate exits 0). */
    void valid() {
        for (Map.Entry<String, Object[]> kind : kinds().entrySet()) {
            yaml("valid/" + kind.getKey() + ".yaml", (Map<String, Object>) kind.getValue()[0], "valid", "-",
                    "the base " + kind.getKey() + " every types/ input starts from");
        }
        StringBuilder all = new StringBuilder();
        for (Object[] k : kinds().values()) {
            all.append("---\n").append(emit((Map<String, Object>) k[0]));
        }
        text("valid/all-kinds-multi-document.yaml", all.toString(), "valid", "-", "every kind in one stream");
        text("valid/crlf-line-endings.yaml", emit(service()).replace("\n", "\r\n"), "valid", "-",
                "Windows line endings");
        bytes("valid/utf8-bom.yaml", concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
                emit(service()).getBytes(StandardCharsets.UTF_8)), "valid", "-", "UTF-8 byte order mark");
        text("valid/list-kind.yaml", "apiVersion: v1\nkind: List\nitems:\n" + indentList(emit(service()))
                + indentList(emit(deployment())), "valid", "-", "kind: List of objects");
        text("valid/json-object.json", "{\"apiVersion\": \"v1\", \"kind\": \"Service\", \"metadata\": {\"name\": "
                + "\"web\", \"namespace\": \"shop\"}, \"spec\": {\"selector\": {\"app\": \"web\"}, \"ports\": "
                + "[{\"name\": \"http\", \"port\": 80}]}}\n", "valid", "-", "JSON manifest");
        text("valid/anchors-reused.yaml", """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web, namespace: shop, labels: &labels {app: web}}
                spec:
                  selector: {matchLabels: *labels}
                  template:
                    metadata: {labels: *labels}
                    spec: {containers: [{name: web, image: "web:1"}]}
                """, "valid", "-", "an anchor reused as aliases (a few, far below the limit)");
        text("valid/explicit-str-tag.yaml", "apiVersion: v1\nkind: Service\nmetadata: {name: !!str web, namespace: "
                + "shop}\nspec:\n  ports:\n  - {name: http, port: !!int 80}\n", "valid", "-",
                "correct YAML tags (!!str on a string, !!int on a number)");
        text("valid/comments-and-empty-documents.yaml", "# leading comment\n---\n---\n" + emit(service())
                + "---\n# trailing\n", "valid", "-", "empty documents and comments around an object");
        text("valid/non-object-file.yaml", "replicas: 3\nimage: web\n", "valid", "-",
                "a YAML file with no Kubernetes object: skipped with a notice");
        text("valid/unicode-annotation.yaml", emit(with(service(), "metadata.annotations",
                map("description", "caf\u00e9 \u65e5\u672c"))), "valid", "-", "non-ASCII text in an annotation value");
        text("valid/quoted-values.yaml", emit(with(service(), "spec.ports[0].targetPort", "http")), "valid", "-",
                "a named targetPort (int-or-string)");
        text("valid/null-optional-fields.yaml", emit(with(sidecar(), "spec.outboundTrafficPolicy", new Raw("null"))),
                "valid", "-", "null reads as absent, as Kubernetes and protojson treat it");
    }

    /** Category syntax/: text that is not YAML, in files that write apiVersion and kind (so not skipped). */
    void syntax() {
        String head = "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  namespace: shop\n";
        Map<String, String> cases = new TreeMap<>();
        cases.put("unclosed-flow-sequence", head + "spec:\n  ports: [{port: 80}\n");
        cases.put("unclosed-flow-mapping", head + "spec: {ports: [{port: 80}]\n");
        cases.put("unclosed-double-quote", head + "spec:\n  type: \"ClusterIP\n");
        cases.put("unclosed-single-quote", head + "spec:\n  type: 'ClusterIP\n");
        cases.put("bad-indentation", head + "spec:\n  ports:\n  - port: 80\n   name: http\n");
        cases.put("tab-indentation", head + "spec:\n\tports:\n\t- port: 80\n");
        cases.put("key-value-value", head + "spec: type: ClusterIP\n");
        cases.put("undefined-alias", head + "spec:\n  selector: *missing\n");
        cases.put("duplicate-anchor-use-before-define", head + "spec:\n  selector: *a\n  x: &a {app: web}\n");
        cases.put("duplicate-key", head + "spec:\n  type: ClusterIP\n  type: NodePort\n");
        cases.put("duplicate-metadata-key", "apiVersion: v1\nkind: Service\nmetadata: {name: a}\nmetadata: {name: b}\n");
        cases.put("yaml-directive-2", "%YAML 2.0\n---\n" + head);
        cases.put("unknown-directive-then-garbage", "%FOO bar\n" + head + "spec: [\n");
        cases.put("block-scalar-bad-indicator", head + "spec:\n  type: |x\n    ClusterIP\n");
        cases.put("stray-closing-bracket", head + "spec: ]\n");
        cases.put("stray-closing-brace", head + "spec: }\n");
        cases.put("sequence-in-mapping", head + "spec:\n  type: ClusterIP\n- port: 80\n");
        cases.put("mapping-after-scalar", "apiVersion: v1\nkind: Service\nmetadata: web\n  name: x\n");
        cases.put("document-end-then-content", head + "...\nspec: {}\n");
        cases.put("anchor-without-node", head + "spec: &\n");
        cases.put("tag-without-node", head + "spec: !\n");
        cases.put("question-mark-complex-key", head + "spec:\n  ? [a, b]\n  : c\n");
        cases.put("flow-key-mapping", head + "spec: {[a]: b}\n");
        cases.put("comment-without-space", head + "spec:#comment\n  type: ClusterIP\n");
        cases.put("at-sign-start", head + "spec:\n  type: @ClusterIP\n");
        cases.put("backtick-start", head + "spec:\n  type: `ClusterIP`\n");
        cases.put("percent-in-flow", head + "spec: {type: %x}\n");
        cases.put("json-trailing-comma", "{\"apiVersion\": \"v1\", \"kind\": \"Service\", \"metadata\": {\"name\": "
                + "\"web\",}, }\n");
        cases.put("json-unclosed", "{\"apiVersion\": \"v1\", \"kind\": \"Service\", \"metadata\": {\"name\": \"web\"}\n");
        cases.put("truncated-mid-document", head.substring(0, head.length() - 8));
        cases.put("only-apiversion-kind-in-broken-flow", "{apiVersion: v1, kind: Service, metadata: {name: web\n");
        cases.put("second-document-broken", emit(service()) + "---\n" + head + "spec: [\n");
        cases.put("key-with-trailing-colon-in-flow", head + "spec: {ports:: 80}\n");
        cases.put("escaped-unknown-in-double-quotes", head + "spec:\n  type: \"Cluster\\qIP\"\n");
        cases.put("invalid-unicode-escape", head + "spec:\n  type: \"\\uZZZZ\"\n");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            // A trailing comma is valid YAML (a flow mapping), though kubectl's JSON decoder refuses it.
            String expect = c.getKey().equals("truncated-mid-document") || c.getKey().equals("json-trailing-comma")
                    ? "any" : "reject";
            text("syntax/" + c.getKey() + (c.getKey().startsWith("json") ? ".json" : ".yaml"), c.getValue(), expect,
                    "-", "YAML syntax: " + c.getKey().replace('-', ' '));
        }
    }

    /** Category encoding/: byte-level trouble (BOMs, UTF-16, invalid UTF-8, NUL, control and bidi characters). */
    void encodings() {
        String svc = emit(service());
        byte[] utf8 = svc.getBytes(StandardCharsets.UTF_8);
        bytes("encoding/utf16le-with-bom.yaml", concat(new byte[] {(byte) 0xFF, (byte) 0xFE},
                svc.getBytes(StandardCharsets.UTF_16LE)), "any", "-", "UTF-16LE with BOM (YAML allows it)");
        bytes("encoding/utf16be-with-bom.yaml", concat(new byte[] {(byte) 0xFE, (byte) 0xFF},
                svc.getBytes(StandardCharsets.UTF_16BE)), "any", "-", "UTF-16BE with BOM (YAML allows it)");
        bytes("encoding/utf16le-without-bom.yaml", svc.getBytes(StandardCharsets.UTF_16LE), "any", "-",
                "UTF-16LE without BOM");
        bytes("encoding/utf32-with-bom.yaml", concat(new byte[] {0, 0, (byte) 0xFE, (byte) 0xFF},
                svc.getBytes(java.nio.charset.Charset.forName("UTF-32BE"))), "any", "-", "UTF-32BE with BOM");
        bytes("encoding/double-bom.yaml", concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, (byte) 0xEF,
            (byte) 0xBB, (byte) 0xBF}, utf8), "any", "-", "two UTF-8 byte order marks");
        bytes("encoding/bom-in-second-document.yaml", concat(concat(utf8, "---\n".getBytes()), concat(
                new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, emit(deployment()).getBytes())), "any", "-",
                "a BOM at the start of the second document");
        String[] badUtf8 = {"lone-continuation:80", "overlong-slash:c0af", "truncated-2byte:c3", "surrogate:eda080",
            "invalid-ff:ff", "truncated-4byte:f09f98"};
        for (String b : badUtf8) {
            String label = b.substring(0, b.indexOf(':'));
            byte[] bad = hex(b.substring(b.indexOf(':') + 1));
            bytes("encoding/invalid-utf8-" + label + "-in-value.yaml", splice(svc, "ClusterIP", concat(
                    "Cluster".getBytes(), concat(bad, "IP".getBytes()))), "reject", "-",
                    "invalid UTF-8 (" + label + ") in a value");
            bytes("encoding/invalid-utf8-" + label + "-in-comment.yaml", concat(concat("# comment ".getBytes(), bad),
                    concat("\n".getBytes(), utf8)), "reject", "-", "invalid UTF-8 (" + label + ") in a comment");
        }
        bytes("encoding/nul-in-value.yaml", splice(svc, "ClusterIP", "Cluster\0IP".getBytes()), "reject", "-",
                "a raw NUL byte in a value");
        bytes("encoding/nul-at-end.yaml", concat(utf8, new byte[] {0}), "reject", "-", "a NUL byte after the object");
        bytes("encoding/nul-only.yaml", new byte[] {0, 0, 0, 0}, "any", "-", "a file of NUL bytes");
        for (int c : new int[] {0x01, 0x07, 0x08, 0x0b, 0x0c, 0x1b, 0x7f, 0x85, 0x9b}) {
            String ch = new String(Character.toChars(c));
            text("encoding/raw-control-" + String.format("%02x", c) + "-in-name.yaml", emit(service()).replace(
                    "name: web", "name: we" + ch + "b"), "reject", "9",
                    String.format("raw control character U+%04X in metadata.name", c));
        }
        String[][] escaped = {{"esc-clear-screen", "web\\e[2J"}, {"newline", "web\\nlevel=INFO forged"},
            {"carriage-return", "web\\rforged"}, {"bidi-override", "web\\u202ebew"}, {"tab", "web\\t"},
            {"line-separator", "web\\u2028x"}, {"nul-escape", "web\\0"}, {"bell", "web\\a"}};
        for (String[] e : escaped) {
            text("encoding/escaped-" + e[0] + "-in-name.yaml", emit(service()).replace("name: web",
                    "name: \"" + e[1] + "\""), "reject", "9", "metadata.name holding " + e[0] + " (not RFC 1123)");
            text("encoding/escaped-" + e[0] + "-in-namespace.yaml", emit(sidecar()).replace("namespace: shop",
                    "namespace: \"shop" + e[1].substring(3) + "\""), "reject", "9",
                    "metadata.namespace holding " + e[0]);
            text("encoding/escaped-" + e[0] + "-in-egress-host.yaml", emit(sidecar()).replace("- ./*",
                    "- \"./" + e[1] + ".com\""), "reject", "9", "a Sidecar egress host holding " + e[0]);
            text("encoding/escaped-" + e[0] + "-in-label-value.yaml", emit(deployment()).replace("app: web",
                    "app: \"" + e[1] + "\""), "reject", "9", "a label value holding " + e[0]);
            text("encoding/escaped-" + e[0] + "-in-vs-host.yaml", emit(virtualService()).replace(
                    "- web.shop.svc.cluster.local", "- \"" + e[1] + ".shop.svc.cluster.local\""), "reject", "9",
                    "a VirtualService host holding " + e[0]);
        }
        text("encoding/escaped-esc-in-annotation-value.yaml", emit(service()).replace("team: payments",
                "team: \"pay\\e[31mments\""), "valid", "9",
                "ESC in an annotation value (any string is a valid annotation value): accepted, printed escaped");
        bytes("encoding/latin1-annotation.yaml", splice(svc, "payments", new byte[] {'c', 'a', 'f', (byte) 0xE9}),
                "reject", "-", "ISO-8859-1 text (not UTF-8) in an annotation");
        bytes("encoding/cr-only-line-endings.yaml", svc.replace("\n", "\r").getBytes(), "any", "-",
                "old Mac CR line endings");
        bytes("encoding/zero-width-space-in-name.yaml", emit(service()).replace("name: web", "name: we\u200bb")
                .getBytes(StandardCharsets.UTF_8), "reject", "8", "a zero-width space in metadata.name");
        bytes("encoding/fullwidth-letters-in-name.yaml", emit(service()).replace("name: web",
                "name: \uff57\uff45\uff42").getBytes(StandardCharsets.UTF_8), "reject", "8",
                "full-width letters in metadata.name");
        bytes("encoding/empty-file.yaml", new byte[0], "valid", "-", "an empty file");
        bytes("encoding/only-newlines.yaml", "\n\n\n".getBytes(), "valid", "-", "a file of blank lines");
    }

    /** Category nesting/: deep nesting below, at and far past the depth limit (100). */
    void nesting() {
        for (int depth : new int[] {50, 99, 101, 1000, 20000}) {
            String flow = "[".repeat(depth) + "]".repeat(depth);
            String expect = "reject";
            text("nesting/flow-sequences-" + depth + "-in-label.yaml", emit(service()).replace("app: web",
                    "app: " + flow), expect, depth > 100 ? "3" : "8", depth + " nested flow sequences in a label value");
            String maps = "{a: ".repeat(depth) + "b" + "}".repeat(depth);
            text("nesting/flow-mappings-" + depth + "-in-annotation.yaml", emit(service()).replace(
                    "team: payments", "team: " + maps), expect, depth > 100 ? "3" : "8",
                    depth + " nested flow mappings in an annotation value");
        }
        for (int depth : new int[] {101, 500}) {
            StringBuilder block = new StringBuilder(replaceOnce(emit(sidecar()), "  outboundTrafficPolicy:\n    mode: "
                    + "REGISTRY_ONLY\n", ""));
            block.append("  outboundTrafficPolicy:\n");
            for (int i = 0; i < depth; i++) {
                block.append("  ".repeat(i + 2)).append("k").append(i).append(":\n");
            }
            block.append("  ".repeat(depth + 2)).append("v\n");
            text("nesting/block-mappings-" + depth + ".yaml", block.toString(), "reject", "3",
                    depth + " nested block mappings under spec.outboundTrafficPolicy");
            StringBuilder seq = new StringBuilder(emit(service()));
            seq.append("extra:\n");
            for (int i = 0; i < depth; i++) {
                seq.append("  ".repeat(i + 1)).append("-\n");
            }
            seq.append("  ".repeat(depth + 1)).append("x\n");
            text("nesting/block-sequences-" + depth + ".yaml", seq.toString(), "reject", "3",
                    depth + " nested block sequences in a top-level field");
        }
        text("nesting/document-only-nested-sequences.yaml", "[".repeat(5000) + "]".repeat(5000) + "\n", "any", "3",
                "a document that is only 5000 nested sequences (no object)");
        text("nesting/deep-list-kind.yaml", "apiVersion: v1\nkind: List\nitems:\n- " + "[".repeat(150)
                + "]".repeat(150) + "\n", "reject", "3", "a List item nested 150 deep");
    }

    /** Category aliases/: billion-laughs and alias limits (50 aliases, 100,000 nodes through aliases). */
    void aliases() {
        StringBuilder bomb = new StringBuilder(emit(service())).append("x:\n  a0: &a0 [lol, lol, lol, lol, lol, lol, "
                + "lol, lol, lol, lol]\n");
        for (int i = 1; i < 10; i++) {
            bomb.append("  a").append(i).append(": &a").append(i).append(" [");
            for (int j = 0; j < 10; j++) {
                bomb.append(j == 0 ? "" : ", ").append("*a").append(i - 1);
            }
            bomb.append("]\n");
        }
        text("aliases/billion-laughs.yaml", bomb.toString(), "reject", "3", "the billion-laughs alias bomb");
        StringBuilder wide = new StringBuilder(emit(service())).append("x:\n  base: &b [1, 2]\n  uses: [");
        for (int i = 0; i < 51; i++) {
            wide.append(i == 0 ? "" : ", ").append("*b");
        }
        text("aliases/51-aliases-to-a-sequence.yaml", wide.append("]\n").toString(), "reject", "3",
                "51 aliases to a collection (limit 50)");
        StringBuilder fifty = new StringBuilder(emit(deployment())).append("x:\n  base: &b [1, 2]\n  uses: [");
        for (int i = 0; i < 50; i++) {
            fifty.append(i == 0 ? "" : ", ").append("*b");
        }
        text("aliases/50-aliases-in-unknown-field.yaml", fifty.append("]\n").toString(), "reject", "6",
                "50 aliases (at the limit) in an unknown top-level field");
        StringBuilder big = new StringBuilder(emit(service())).append("x:\n  base: &b [");
        for (int i = 0; i < 5000; i++) {
            big.append(i == 0 ? "" : ", ").append(i);
        }
        big.append("]\n  uses: [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b, *b, *b, *b, *b, *b, *b, *b, *b, *b, *b, *b, "
                + "*b, *b, *b, *b]\n");
        text("aliases/expansion-past-100000-nodes.yaml", big.toString(), "reject", "3",
                "25 aliases to a 5000-item sequence: 125,000 nodes through aliases");
        text("aliases/recursive-alias.yaml", emit(service()) + "x: &a [*a]\n", "reject", "3",
                "an alias inside its own anchor");
        text("aliases/alias-as-key.yaml", emit(service()).replace("spec:\n", "spec:\n  *k : v\n") + "y: &k type\n",
                "reject", "-", "an alias used as a mapping key");
        text("aliases/merge-key.yaml", "apiVersion: v1\nkind: Service\nmetadata: &m {name: web, namespace: shop}\n"
                + "spec:\n  <<: {type: ClusterIP}\n  ports: [{name: http, port: 80}]\n", "any", "-",
                "a YAML 1.1 merge key (<<) in spec");
        text("aliases/scalar-aliases-many.yaml", emit(service()).replace("team: payments", "team: &t payments")
                + "x: [" + "*t, ".repeat(200) + "*t]\n", "reject", "6", "200 aliases to a scalar, in an unknown field");
    }

    /** Category unknown/: unknown and misspelled fields (Istio's CRD schema + kubectl strict field validation). */
    void unknownFields() {
        String[][] cases = {
            {"sidecar", "spec.workloadSelecter", "workloadSelector misspelled: turns a workload Sidecar into a default"},
            {"sidecar", "spec.egres", "egress misspelled"},
            {"sidecar", "spec.egress[0].hots", "hosts misspelled"},
            {"sidecar", "spec.outboundTrafficPolicy.mod", "mode misspelled"},
            {"sidecar", "spec.ingress[0].port.numbr", "number misspelled"},
            {"sidecar", "spec.ingress[0].defaultEndpont", "defaultEndpoint misspelled"},
            {"sidecar", "spc", "spec misspelled at the top"},
            {"sidecar", "metdata", "metadata misspelled (metadata still present)"},
            {"sidecar", "metadata.namspace", "namespace misspelled"},
            {"virtualservice", "spec.htp", "http misspelled"},
            {"virtualservice", "spec.http[0].rout", "route misspelled"},
            {"virtualservice", "spec.http[0].route[0].destinaton", "destination misspelled"},
            {"destinationrule", "spec.trafficPolicy.loadBalancr", "loadBalancer misspelled"},
            {"destinationrule", "spec.subsets[0].lables", "labels misspelled"},
            {"destinationrule", "spec.hosts", "host written as hosts"},
            {"serviceentry", "spec.resoluton", "resolution misspelled"},
            {"serviceentry", "spec.endpoints[0].adress", "address misspelled"},
            {"workloadentry", "spec.adress", "address misspelled"},
            {"workloadentry", "spec.label", "labels misspelled"},
            {"service", "spec.selecter", "selector misspelled"},
            {"service", "spec.ports[0].prot", "port misspelled"},
            {"service", "spec.ports[0].targetport", "targetPort in the wrong case"},
            {"endpointslice", "endpoints[0].adresses", "addresses misspelled"},
            {"endpointslice", "endpoint", "endpoints misspelled"},
            {"deployment", "spec.replica", "replicas misspelled"},
            {"deployment", "spec.template.metadata.label", "labels misspelled"},
            {"deployment", "spec.template.spec.containers[0].port", "ports misspelled"},
            {"pod", "spec.containers[0].ports[0].containerport", "containerPort in the wrong case"},
            {"pod", "status.podIp", "podIP in the wrong case"},
        };
        Map<String, Object[]> kinds = kinds();
        for (String[] c : cases) {
            Map<String, Object> doc = with((Map<String, Object>) kinds.get(c[0])[0], c[1], "x");
            yaml("unknown/" + c[0] + "-" + slug(c[1]) + ".yaml", doc, "reject", "6", c[2]);
        }
        text("unknown/sidecar-workload-selecter-only.yaml", emit(sidecar()).replace("workloadSelector:",
                "workloadSelecter:"), "reject", "6",
                "issue 13 finding 6 as reported: workloadSelecter instead of workloadSelector");
    }

    /** Category tags/: YAML tags kubectl's decoder rejects, or that change a value's type. */
    void tags() {
        String[][] cases = {
            {"int-abc-port", "spec.ports[0].port", "!!int abc"},
            {"bool-maybe-appprotocol", "spec.ports[0].appProtocol", "!!bool maybe"},
            {"binary-bad-annotation", "metadata.annotations.team", "!!binary not*base64"},
            {"float-word-port", "spec.ports[0].port", "!!float x"},
            {"null-tag-on-word", "spec.type", "!!null notnull"},
            {"str-tag-on-port", "spec.ports[0].port", "!!str 80"},
            {"int-tag-on-name", "metadata.name", "!!int 12"},
            {"local-tag", "spec.type", "!custom ClusterIP"},
            {"verbatim-tag", "spec.type", "!<tag:example.com,2000:x> ClusterIP"},
            {"timestamp-bad", "metadata.creationTimestamp", "!!timestamp yesterday"},
            {"map-tag-on-scalar", "spec.selector", "!!map app"},
            {"seq-tag-on-mapping", "spec.selector", "!!seq {app: web}"},
            {"set-tag", "spec.selector", "!!set {app, web}"},
            {"omap-tag", "spec.selector", "!!omap [{app: web}]"},
            {"python-tag", "spec.type", "!!python/object:os.system ls"},
            {"java-tag", "spec.type", "!!java.net.URL [http://example.com]"},
            {"int-hex-overflow", "spec.ports[0].port", "!!int 0xFFFFFFFFFFFFFFFFFF"},
            {"bool-tag-on-label", "metadata.labels.app", "!!bool yes"},
            {"int-octal-port", "spec.ports[0].port", "0o120"},
            {"int-sexagesimal-port", "spec.ports[0].port", "1:20"},
        };
        for (String[] c : cases) {
            yaml("tags/" + c[0] + ".yaml", with(service(), c[1], new Raw(c[2])), "reject", "8",
                    "YAML tag or typed scalar: " + c[1] + ": " + c[2]);
        }
        String[][] sidecarCases = {
            {"int-abc-egress-port", "spec.ingress[0].port.number", "!!int abc"},
            {"str-tag-on-ingress-port", "spec.ingress[0].port.number", "!!str 9080"},
            {"bool-tag-on-host", "spec.egress[0].hosts", "[!!bool yes]"},
            {"binary-in-host", "spec.egress[0].hosts", "[!!binary aGVsbG8=]"},
            {"local-tag-on-mode", "spec.outboundTrafficPolicy.mode", "!mode REGISTRY_ONLY"},
        };
        for (String[] c : sidecarCases) {
            yaml("tags/sidecar-" + c[0] + ".yaml", with(sidecar(), c[1], new Raw(c[2])), "reject", "8",
                    "YAML tag: " + c[1] + ": " + c[2]);
        }
    }

    /** Category kubernetes/: object-level errors the API server rejects. */
    void kubernetesObjects() {
        String[][] names = {{"uppercase", "Web"}, {"underscore", "web_1"}, {"leading-dash", "-web"},
            {"trailing-dash", "web-"}, {"dot-in-service-name", "web.v1"}, {"space", "\"we b\""},
            {"slash", "\"shop/web\""}, {"empty", "\"\""}, {"too-long-64", "a".repeat(64)},
            {"too-long-254", "a".repeat(254)}, {"colon", "\"web:1\""}, {"unicode", "\"w\u00e9b\""},
            {"starts-with-digit-service", "1web"}, {"only-dots", "\"..\""}, {"percent", "\"web%20\""}};
        for (String[] n : names) {
            text("kubernetes/service-name-" + n[0] + ".yaml", emit(service()).replace("name: web\n",
                    "name: " + n[1] + "\n"), "reject", "8", "Service metadata.name " + n[1]);
        }
        for (String[] n : new String[][] {{"uppercase", "Web"}, {"underscore", "web_1"}, {"too-long-254",
            "a".repeat(254)}, {"slash", "\"a/b\""}, {"space", "\"a b\""}}) {
            text("kubernetes/sidecar-name-" + n[0] + ".yaml", emit(sidecar()).replace("name: web\n",
                    "name: " + n[1] + "\n"), "reject", "8", "Sidecar metadata.name " + n[1]);
            text("kubernetes/deployment-name-" + n[0] + ".yaml", emit(deployment()).replace("name: web\n",
                    "name: " + n[1] + "\n"), "reject", "8", "Deployment metadata.name " + n[1]);
        }
        for (String[] n : new String[][] {{"uppercase", "Shop"}, {"dot", "shop.prod"}, {"too-long-64", "s".repeat(64)},
            {"underscore", "shop_1"}, {"empty", "\"\""}}) {
            text("kubernetes/namespace-" + n[0] + ".yaml", emit(service()).replace("namespace: shop",
                    "namespace: " + n[1]), "reject", "8", "metadata.namespace " + n[1]);
        }
        String[][] labels = {{"key-leading-dash", "-app", "web"}, {"key-two-slashes", "a/b/c", "web"},
            {"key-prefix-uppercase", "Example.com/app", "web"}, {"key-name-too-long", "a".repeat(64), "web"},
            {"value-space", "app", "\"we b\""}, {"value-too-long", "app", "a".repeat(64)},
            {"value-leading-dot", "app", ".web"}, {"key-empty", "\"\"", "web"}};
        for (String[] l : labels) {
            text("kubernetes/label-" + l[0] + ".yaml", emit(service()).replace("labels:\n    app: web",
                    "labels:\n    " + l[1] + ": " + l[2]), "reject", "8", "label " + l[1] + ": " + l[2]);
        }
        text("kubernetes/annotation-key-invalid.yaml", emit(service()).replace("team: payments", "\"bad key!\": x"),
                "reject", "8", "annotation key with a space and !");
        String[][] versions = {{"v99", "v99", "Service"}, {"core-v1beta1", "v1beta1", "Service"},
            {"apps-v99", "apps/v99", "Deployment"}, {"istio-v99", "networking.istio.io/v99", "Sidecar"},
            {"istio-no-version", "networking.istio.io", "Sidecar"}, {"empty-group-slash", "/v1", "Service"},
            {"discovery-v99", "discovery.k8s.io/v99", "EndpointSlice"}};
        Map<String, Map<String, Object>> byKind = Map.of("Service", service(), "Deployment", deployment(),
                "Sidecar", sidecar(), "EndpointSlice", endpointSlice());
        for (String[] v : versions) {
            yaml("kubernetes/apiversion-" + v[0] + ".yaml", with(byKind.get(v[2]), "apiVersion", v[1]), "reject",
                    "8", "apiVersion " + v[1] + " for " + v[2]);
        }
        text("kubernetes/kind-lowercase.yaml", emit(sidecar()).replace("kind: Sidecar", "kind: sidecar"), "reject",
                "8", "kind in lower case");
        text("kubernetes/kind-empty.yaml", emit(service()).replace("kind: Service", "kind: \"\""), "reject", "-",
                "an empty kind");
        text("kubernetes/apiversion-empty.yaml", emit(service()).replace("apiVersion: v1", "apiVersion: \"\""),
                "reject", "-", "an empty apiVersion");
        text("kubernetes/kind-without-apiversion.yaml", emit(service()).replace("apiVersion: v1\n", ""), "reject",
                "-", "kind without apiVersion");
        text("kubernetes/apiversion-without-kind.yaml", emit(service()).replace("kind: Service\n", ""), "reject",
                "-", "apiVersion and metadata without kind");
        text("kubernetes/kind-key-wrong-case.yaml", emit(service()).replace("kind:", "Kind:"), "reject", "-",
                "Kind: instead of kind:");
        text("kubernetes/no-metadata.yaml", "apiVersion: v1\nkind: Service\nspec:\n  ports: [{port: 80}]\n", "reject",
                "-", "no metadata");
        text("kubernetes/no-name.yaml", emit(service()).replace("  name: web\n", ""), "reject", "-",
                "no metadata.name");
        text("kubernetes/generate-name-only.yaml", emit(service()).replace("  name: web\n", "  generateName: web-\n"),
                "any", "-", "generateName instead of name (apply rejects it, create accepts it)");
        text("kubernetes/bare-sequence-of-objects.yaml", "- " + emit(service()).replace("\n", "\n  ").trim() + "\n",
                "reject", "-", "a sequence of objects without kind: List");
        text("kubernetes/list-items-not-objects.yaml", "apiVersion: v1\nkind: List\nitems: [1, two]\n", "reject",
                "-", "a List whose items are not objects");
        text("kubernetes/list-items-scalar.yaml", "apiVersion: v1\nkind: List\nitems: x\n", "reject", "-",
                "a List whose items is a scalar");
        text("kubernetes/creation-timestamp-bad.yaml", emit(service()).replace("\"2024-01-02T03:04:05Z\"",
                "\"yesterday\""), "reject", "-", "a creationTimestamp that is not RFC 3339");
        String[][] ports = {{"port-0", "port: 80", "port: 0"}, {"port-65536", "port: 80", "port: 65536"},
            {"port-negative", "port: 80", "port: -1"}, {"port-single-quoted", "port: 80", "port: '80'"},
            {"targetport-0-explicit-string", "targetPort: 8080", "targetPort: \"0\""},
            {"targetport-70000", "targetPort: 8080", "targetPort: 70000"},
            {"targetport-name-too-long", "targetPort: 8080", "targetPort: abcdefghijklmnop"},
            {"targetport-name-uppercase", "targetPort: 8080", "targetPort: HTTP"},
            {"protocol-lowercase", "protocol: TCP", "protocol: tcp"}, {"protocol-http", "protocol: TCP",
                "protocol: HTTP"}, {"port-name-uppercase", "name: http\n", "name: HTTP\n"},
            {"port-name-too-long", "name: http\n", "name: " + "h".repeat(64) + "\n"}};
        for (String[] p : ports) {
            text("kubernetes/service-" + p[0] + ".yaml", emit(service()).replace(p[1], p[2]), "reject",
                    p[0].equals("port-single-quoted") ? "8" : "1", "Service spec.ports[0]: " + p[2].trim());
        }
        text("kubernetes/service-duplicate-port.yaml", emit(service()).replace("    appProtocol: http\n",
                "    appProtocol: http\n  - {name: http2, port: 80, protocol: TCP}\n"), "reject", "1",
                "two Service ports with the same number and protocol");
        text("kubernetes/service-duplicate-port-name.yaml", emit(service()).replace("    appProtocol: http\n",
                "    appProtocol: http\n  - {name: http, port: 81}\n"), "reject", "1", "two Service ports named http");
        text("kubernetes/service-unnamed-ports.yaml", emit(service()).replace("    appProtocol: http\n",
                "    appProtocol: http\n  - {port: 81}\n"), "reject", "1", "a second Service port without a name");
        text("kubernetes/containerport-0.yaml", emit(deployment()).replace("containerPort: 8080",
                "containerPort: 0"), "reject", "8", "containerPort 0");
        text("kubernetes/containerport-70000.yaml", emit(deployment()).replace("containerPort: 8080",
                "containerPort: 70000"), "reject", "8", "containerPort 70000");
        text("kubernetes/replicas-negative.yaml", emit(deployment()).replace("replicas: 2", "replicas: -1"),
                "reject", "8", "replicas -1");
        text("kubernetes/endpointslice-port-0.yaml", emit(endpointSlice()).replace("port: 8080", "port: 0"),
                "any", "8", "EndpointSlice port 0 (the API server allows an unset port only)");
        text("kubernetes/endpointslice-address-not-ip.yaml", emit(endpointSlice()).replace("\"10.0.0.7\"",
                "\"not an ip\""), "reject", "8", "EndpointSlice address that is not an IPv4 address");
        text("kubernetes/pod-ip-not-ip.yaml", emit(pod()).replace("podIP: \"10.0.0.7\"", "podIP: \"not an ip\""),
                "any", "8", "status.podIP that is not an IP (status is not validated on apply)");
    }

    /** Category istio/: what Istio's admission webhook rejects (validation.go), by kind. */
    void istioValidation() {
        String sc = emit(sidecar());
        String[][] sidecarCases = {
            {"egress-short-host", "- ./*", "- web", "-"},
            {"egress-host-no-namespace-fqdn", "- ./*", "- web.shop.svc.cluster.local", "-"},
            {"egress-host-empty", "- ./*", "- \"\"", "-"},
            {"egress-host-namespace-wildcard-partial", "- ./*", "- \"sh*/web\"", "-"},
            {"egress-host-slash-only", "- ./*", "- \"/\"", "-"},
            {"egress-two-slashes", "- ./*", "- \"a/b/c\"", "-"},
            {"ingress-port-0", "number: 9080", "number: 0", "-"},
            {"ingress-port-65536", "number: 9080", "number: 65536", "-"},
            {"ingress-no-default-endpoint", "    defaultEndpoint: \"127.0.0.1:8080\"\n", "", "-"},
            {"ingress-default-endpoint-bad", "\"127.0.0.1:8080\"", "\"not an endpoint\"", "-"},
            {"ingress-default-endpoint-port-0", "\"127.0.0.1:8080\"", "\"127.0.0.1:0\"", "-"},
            {"ingress-protocol-unknown", "protocol: HTTP", "protocol: SMTP", "-"},
            {"capture-mode-unknown", "captureMode: DEFAULT\n    connectionPool", "captureMode: ALWAYS\n    connectionPool",
                "-"},
            {"outbound-mode-unknown", "mode: REGISTRY_ONLY", "mode: ALLOW_SOME", "-"},
            {"workload-selector-empty-labels", "labels:\n      app: web\n  ingress", "labels: {}\n  ingress", "-"},
            {"connection-pool-max-connections-word", "maxConnections: 100", "maxConnections: eighty", "7"},
            {"connection-pool-max-connections-negative", "maxConnections: 100", "maxConnections: -1", "7"},
            {"connection-pool-connect-timeout-bad", "connectTimeout: \"5s\"", "connectTimeout: \"soon\"", "7"},
            {"connection-pool-idle-timeout-bad", "idleTimeout: \"60s\"", "idleTimeout: \"-1s\"", "7"},
            {"inbound-pool-word", "http2MaxRequests: 100", "http2MaxRequests: lots", "7"},
        };
        for (String[] c : sidecarCases) {
            // Istio accepts these two: defaultEndpoint may be unset, and empty selector labels are a warning.
            boolean accepted = c[0].equals("ingress-no-default-endpoint")
                    || c[0].equals("workload-selector-empty-labels");
            text("istio/sidecar-" + c[0] + ".yaml", replaceOnce(sc, c[1], c[2]), accepted ? "valid" : "reject", c[3],
                    "Sidecar: " + c[0].replace('-', ' '));
        }
        text("istio/sidecar-duplicate-egress-default.yaml", sc.replace("  outboundTrafficPolicy:",
                "  - hosts: [\"*/*\"]\n  outboundTrafficPolicy:"), "reject", "-",
                "two egress listeners without a port (duplicate catch-all)");
        text("istio/sidecar-two-defaults-in-namespace.yaml", emit(without(sidecar(), "spec.workloadSelector"))
                + "---\n" + emit(without(sidecar(), "spec.workloadSelector")).replace("name: web", "name: web2"),
                "any", "-", "two namespace-default Sidecars (an analyzer finding, not a webhook rejection)");
        text("istio/sidecar-egress-port-bind-unix.yaml", sc.replace("- captureMode: DEFAULT\n",
                "- captureMode: NONE\n    bind: \"unix://\"\n    port: {number: 80, protocol: HTTP, name: http}\n"),
                "reject", "-", "unix bind with a port");
        String[][] vsCases = {
            {"regex-invalid", "prefix: /api", "regex: \"([a-z\"", "7"},
            {"weight-negative", "weight: 100", "weight: -10", "7"},
            {"destination-port-0", "number: 80\n      weight", "number: 0\n      weight", "7"},
            {"destination-port-65536", "number: 80\n      weight", "number: 65536\n      weight", "7"},
            {"no-hosts", "  hosts:\n  - web.shop.svc.cluster.local\n", "", "-"},
            {"host-empty", "  hosts:\n  - web.shop.svc.cluster.local", "  hosts:\n  - \"\"", "-"},
            {"destination-host-empty", "host: web.shop.svc.cluster.local\n        subset", "host: \"\"\n        subset",
                "-"},
            {"mirror-percentage-over-100", "value: 10.0", "value: 150.0", "7"},
            {"timeout-bad", "timeout: \"5s\"", "timeout: \"soon\"", "7"},
            {"retries-negative", "attempts: 3", "attempts: -3", "7"},
            {"header-name-bad", "x-team: payments", "\"bad header\": payments", "7"},
            {"match-port-70000", "port: 80\n      sourceNamespace", "port: 70000\n      sourceNamespace", "7"},
            {"wildcard-partial-host", "  hosts:\n  - web.shop.svc.cluster.local", "  hosts:\n  - \"web*.shop\"", "-"},
        };
        String vs = emit(virtualService());
        for (String[] c : vsCases) {
            text("istio/virtualservice-" + c[0] + ".yaml", replaceOnce(vs, c[1], c[2]), "reject", c[3],
                    "VirtualService: " + c[0].replace('-', ' '));
        }
        String dr = emit(destinationRule());
        String[][] drCases = {
            {"port-level-port-2-32", "number: 80", "number: 4294967296", "7"},
            {"tls-mode-unknown", "mode: ISTIO_MUTUAL", "mode: SORT_OF", "7"},
            {"lb-policy-unknown", "simple: ROUND_ROBIN", "simple: RANDOMISH", "7"},
            {"max-connections-negative", "maxConnections: 10", "maxConnections: -10", "7"},
            {"outlier-interval-bad", "interval: \"10s\"", "interval: \"often\"", "7"},
            {"host-empty", "host: web.shop.svc.cluster.local", "host: \"\"", "-"},
            {"subset-no-name", "  - name: v1\n    labels", "  - labels", "-"},
            {"subset-duplicate", "  - name: v1\n    labels:\n      version: v1\n",
                "  - name: v1\n    labels:\n      version: v1\n  - name: v1\n    labels:\n      version: v2\n", "-"},
        };
        for (String[] c : drCases) {
            text("istio/destinationrule-" + c[0] + ".yaml", replaceOnce(dr, c[1], c[2]), "reject", c[3],
                    "DestinationRule: " + c[0].replace('-', ' '));
        }
        // Istio accepts it: the CRD's PortSelector.number has minimum 0 and validatePortTrafficPolicies checks only
        // that a port is given (pkg/config/validation/validation.go), so it must not crash, nothing more.
        text("istio/destinationrule-port-level-port-0.yaml", replaceOnce(dr, "number: 80", "number: 0"), "any", "7",
                "DestinationRule: port level port 0 (accepted by Istio)");
        String se = emit(serviceEntry());
        String[][] seCases = {
            {"address-not-ip", "- \"240.0.0.10\"", "- \"not an ip!\"", "7"},
            {"address-cidr-bad", "- \"240.0.0.10\"", "- \"240.0.0.10/33\"", "7"},
            {"static-endpoint-not-ip", "address: \"10.1.2.3\"", "address: \"not an ip!\"", "7"},
            {"port-0", "number: 443", "number: 0", "-"},
            {"port-70000", "number: 443", "number: 70000", "-"},
            {"no-hosts", "  hosts:\n  - api.example.com\n", "", "-"},
            {"host-short-wildcard-partial", "- api.example.com", "- \"api*.example.com\"", "-"},
            {"resolution-unknown", "resolution: STATIC", "resolution: MAGIC", "-"},
            {"location-unknown", "location: MESH_EXTERNAL", "location: ELSEWHERE", "-"},
            {"port-protocol-unknown", "protocol: TLS", "protocol: SMTP", "-"},
            {"endpoint-port-name-unknown", "https: 8443", "mystery: 8443", "7"},
            {"endpoint-weight-negative", "weight: 1", "weight: -1", "7"},
            {"duplicate-port-name", "    targetPort: 8443\n", "    targetPort: 8443\n  - {number: 444, name: https,"
                + " protocol: TLS}\n", "-"},
        };
        for (String[] c : seCases) {
            text("istio/serviceentry-" + c[0] + ".yaml", replaceOnce(se, c[1], c[2]), "reject", c[3],
                    "ServiceEntry: " + c[0].replace('-', ' '));
        }
        String we = emit(workloadEntry());
        String[][] weCases = {
            {"port-70000", "http: 8080", "http: 70000", "7"},
            {"port-0", "http: 8080", "http: 0", "7"},
            {"address-not-ip", "address: \"10.0.0.5\"", "address: \"not an ip!\"", "7"},
            {"address-empty", "address: \"10.0.0.5\"", "address: \"\"", "7"},
            {"label-invalid", "app: vm\n", "app: \"not valid!\"\n", "7"},
            {"weight-negative", "weight: 1", "weight: -1", "7"},
            {"service-account-invalid", "serviceAccount: vm", "serviceAccount: \"Not_Valid\"", "7"},
        };
        for (String[] c : weCases) {
            text("istio/workloadentry-" + c[0] + ".yaml", replaceOnce(we, c[1], c[2]), "reject", c[3],
                    "WorkloadEntry: " + c[0].replace('-', ' '));
        }
    }

    /** Category findings/: each numbered finding of issue 13 that a single small file shows. */
    void findings() {
        text("findings/f01-service-port-0.yaml", emit(service()).replace("port: 80", "port: 0") + "---\n"
                + emit(deployment()), "reject", "1", "finding 1: Service port 0 broke generation");
        text("findings/f02-egress-hosts-empty.yaml", emit(sidecar()).replace(
                "hosts:\n    - ./*\n    - istio-system/*", "hosts: []"), "reject", "2",
                "finding 2: egress listener with hosts: []");
        text("findings/f02-egress-hosts-scalar.yaml", emit(sidecar()).replace(
                "hosts:\n    - ./*\n    - istio-system/*", "hosts: \"./*\""), "reject", "2",
                "finding 2: egress listener with a scalar for hosts");
        text("findings/f02-egress-no-hosts.yaml", emit(sidecar()).replace(
                "    hosts:\n    - ./*\n    - istio-system/*\n", ""), "reject", "2",
                "finding 2: egress listener without hosts");
        text("findings/f02-egress-hosts-null.yaml", emit(sidecar()).replace(
                "hosts:\n    - ./*\n    - istio-system/*", "hosts: null"), "reject", "2",
                "finding 2: egress listener with hosts: null");
        StringBuilder flow = new StringBuilder(emit(service()).replace("team: payments", "team: x")).append("x: [");
        for (int i = 0; i < 20000; i++) {
            flow.append(i == 0 ? "" : ",").append('1');
        }
        text("findings/f03-small-flow-sequence.yaml", flow.append("]\n").toString(), "reject", "3",
                "finding 3 in small: a 20,000-item flow sequence in an unknown field (the 20 MB one is made at test time)");
        text("findings/f04-long-scalar-100k.yaml", emit(service()).replace("team: payments", "team: "
                + "x".repeat(100_000)), "valid", "4", "finding 4 in small: a 100,000-character annotation value");
        text("findings/f06-workload-selecter.yaml", emit(sidecar()).replace("workloadSelector:", "workloadSelecter:"),
                "reject", "6", "finding 6: misspelled workloadSelector");
        text("findings/f07-workloadentry-port-70000.yaml", emit(workloadEntry()).replace("http: 8080", "http: 70000"),
                "reject", "7", "finding 7: WorkloadEntry port 70000");
        text("findings/f07-workloadentry-address-not-ip.yaml", emit(workloadEntry()).replace("\"10.0.0.5\"",
                "\"not an ip!\""), "reject", "7", "finding 7: WorkloadEntry address not an IP");
        text("findings/f07-sidecar-max-connections-eighty.yaml", emit(sidecar()).replace("maxConnections: 100",
                "maxConnections: eighty"), "reject", "7", "finding 7: Sidecar connectionPool maxConnections: eighty");
        text("findings/f08-int-abc.yaml", emit(service()).replace("port: 80", "port: !!int abc"), "reject", "8",
                "finding 8: !!int abc");
        text("findings/f08-bool-maybe.yaml", emit(endpointSlice()).replace("ready: true", "ready: !!bool maybe"),
                "reject", "8", "finding 8: !!bool maybe");
        text("findings/f08-port-quoted.yaml", emit(service()).replace("port: 80", "port: \"80\"").replace(
                "targetPort: 8080", "targetPort: \"8080\""), "reject", "8",
                "finding 8: Service port: \"80\"");
        text("findings/f08-apiversion-v99.yaml", emit(service()).replace("apiVersion: v1", "apiVersion: v99"),
                "reject", "8", "finding 8: apiVersion v99 decoded as v1");
        text("findings/f09-esc-in-sidecar-name.yaml", emit(sidecar()).replace("name: web\n",
                "name: \"web\\e[2J\\e[1;1Hforged\"\n"), "reject", "9", "finding 9: ESC sequences in a name");
        text("findings/f09-newline-in-host.yaml", emit(sidecar()).replace("- ./*",
                "- \"./web\\nError: forged line\""), "reject", "9", "finding 9: a newline in an egress host");
    }

    /** The good mesh the commands that need one (describe shop/web, report, ...) read before each input. */
    static final String BASE_MESH = """
            # Generated by scripts/gen-bad-input-corpus.sh: the good mesh read with each corpus input.
            apiVersion: v1
            kind: Namespace
            metadata: {name: shop, labels: {istio-injection: enabled}}
            ---
            apiVersion: v1
            kind: Namespace
            metadata: {name: pay, labels: {istio-injection: enabled}}
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web, namespace: shop}
            spec:
              replicas: 1
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec: {containers: [{name: web, image: "web:1", ports: [{containerPort: 8080}]}]}
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: web, namespace: shop}
            spec: {selector: {app: web}, ports: [{name: http, port: 80, targetPort: 8080}]}
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: api, namespace: pay}
            spec:
              replicas: 2
              selector: {matchLabels: {app: api}}
              template:
                metadata: {labels: {app: api}}
                spec: {containers: [{name: api, image: "api:1", ports: [{containerPort: 9090}]}]}
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: api, namespace: pay}
            spec: {selector: {app: api}, ports: [{name: grpc, port: 9090}]}
            ---
            apiVersion: networking.istio.io/v1
            kind: Sidecar
            metadata: {name: default, namespace: shop}
            spec:
              egress:
              - hosts: ["./*", "pay/*", "istio-system/*"]
            """;

    /** Who calls whom in the base mesh, for generate and whatif. */
    static final String BASE_DEPS = """
            # Generated by scripts/gen-bad-input-corpus.sh: the dependency map read with each corpus input.
            services:
              shop/web:
                calls: [pay/api]
                external: []
            """;

    // ---------------------------------------------------------------- writing

    void yaml(String path, Map<String, Object> doc, String expect, String finding, String what) {
        text(path, emit(doc), expect, finding, what);
    }

    void text(String path, String content, String expect, String finding, String what) {
        bytes(path, content.getBytes(StandardCharsets.UTF_8), expect, finding, what);
    }

    void bytes(String path, byte[] content, String expect, String finding, String what) {
        for (Entry e : entries) {
            if (e.path().equals(path)) {
                throw new IllegalStateException("two inputs named " + path);
            }
        }
        entries.add(new Entry(path, content, expect, finding, what));
    }

    void write(Path out) throws IOException {
        Path inputs = out.resolve("inputs");
        if (Files.exists(inputs)) {
            try (Stream<Path> walk = Files.walk(inputs)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                    try {
                        Files.delete(p);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }
        }
        StringBuilder index = new StringBuilder("# Generated by scripts/gen-bad-input-corpus.sh: do not edit.\n"
                + "# path\texpect\tfinding\twhat\n"
                + "# expect: valid (validate exits 0), reject (validate exits 1 or 2 with a located message), "
                + "any (must not crash)\n");
        Map<String, String> validBytes = new LinkedHashMap<>();
        for (Entry e : entries) {
            if (e.expect().equals("valid")) {
                validBytes.put(new String(e.bytes(), StandardCharsets.ISO_8859_1), e.path());
            }
        }
        for (Entry e : entries) {
            // A bad input with the bytes of a valid one is an edit that matched nothing: fail rather than test less.
            String same = validBytes.get(new String(e.bytes(), StandardCharsets.ISO_8859_1));
            if (!e.expect().equals("valid") && same != null) {
                throw new IllegalStateException(e.path() + " has the same bytes as " + same);
            }
        }
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparing(Entry::path));
        for (Entry e : sorted) {
            Path file = inputs.resolve(e.path());
            Files.createDirectories(file.getParent());
            Files.write(file, e.bytes());
            index.append(e.path()).append('\t').append(e.expect()).append('\t').append(e.finding()).append('\t')
                    .append(e.what().replace('\t', ' ').replace('\n', ' ')).append('\n');
        }
        Files.writeString(out.resolve("index.tsv"), index.toString());
        Files.createDirectories(out.resolve("base"));
        Files.writeString(out.resolve("base/mesh.yaml"), BASE_MESH);
        Files.writeString(out.resolve("base/deps.yaml"), BASE_DEPS);
    }

    // ---------------------------------------------------------------- a small YAML emitter and tree edits

    static String emit(Map<String, Object> doc) {
        StringBuilder sb = new StringBuilder();
        emitMap(doc, 0, sb);
        return sb.toString();
    }

    private static void emitMap(Map<String, Object> m, int indent, StringBuilder sb) {
        for (Map.Entry<String, Object> e : m.entrySet()) {
            sb.append("  ".repeat(indent)).append(key(e.getKey())).append(':');
            emitValue(e.getValue(), indent, sb);
        }
    }

    private static void emitValue(Object v, int indent, StringBuilder sb) {
        if (v instanceof Map<?, ?> m && !m.isEmpty()) {
            sb.append('\n');
            emitMap((Map<String, Object>) m, indent + 1, sb);
        } else if (v instanceof List<?> l && !l.isEmpty()) {
            sb.append('\n');
            for (Object item : l) {
                sb.append("  ".repeat(indent)).append("- ");
                if (item instanceof Map<?, ?> im && !im.isEmpty()) {
                    StringBuilder inner = new StringBuilder();
                    emitMap((Map<String, Object>) im, indent + 1, inner);
                    sb.append(inner.substring(2 * (indent + 1)));
                } else {
                    sb.append(scalar(item)).append('\n');
                }
            }
        } else {
            sb.append(' ').append(scalar(v)).append('\n');
        }
    }

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z/.][A-Za-z0-9_./*~-]*");
    private static final Pattern RESERVED = Pattern.compile("(?i)true|false|null|yes|no|on|off|y|n|~");

    private static String key(String k) {
        return PLAIN.matcher(k).matches() && !RESERVED.matcher(k).matches() ? k : quote(k);
    }

    private static String scalar(Object v) {
        if (v instanceof Raw r) {
            return r.text();
        }
        if (v instanceof Map<?, ?>) {
            return "{}";
        }
        if (v instanceof List<?>) {
            return "[]";
        }
        if (v instanceof String s) {
            return PLAIN.matcher(s).matches() && !RESERVED.matcher(s).matches() ? s : quote(s);
        }
        return String.valueOf(v);
    }

    private static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        sb.append(String.format("\\x%02x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    /** A deep copy of {@code doc} with {@code path} (a.b[0].c) set to {@code value}, created when missing. */
    static Map<String, Object> with(Map<String, Object> doc, String path, Object value) {
        Map<String, Object> copy = (Map<String, Object>) deepCopy(doc);
        Object parent = copy;
        List<String> steps = steps(path);
        for (int i = 0; i < steps.size() - 1; i++) {
            parent = child(parent, steps.get(i), true);
        }
        set(parent, steps.get(steps.size() - 1), value);
        return copy;
    }

    /** A deep copy of {@code doc} without the field {@code path}. */
    static Map<String, Object> without(Map<String, Object> doc, String path) {
        Map<String, Object> copy = (Map<String, Object>) deepCopy(doc);
        Object parent = copy;
        List<String> steps = steps(path);
        for (int i = 0; i < steps.size() - 1; i++) {
            parent = child(parent, steps.get(i), false);
        }
        ((Map<String, Object>) parent).remove(steps.get(steps.size() - 1));
        return copy;
    }

    private static List<String> steps(String path) {
        List<String> steps = new ArrayList<>();
        for (String part : path.split("\\.")) {
            int bracket = part.indexOf('[');
            if (bracket < 0) {
                steps.add(part);
            } else {
                steps.add(part.substring(0, bracket));
                steps.add(part.substring(bracket));
            }
        }
        return steps;
    }

    private static Object child(Object parent, String step, boolean create) {
        if (step.startsWith("[")) {
            return ((List<Object>) parent).get(Integer.parseInt(step.substring(1, step.length() - 1)));
        }
        Map<String, Object> m = (Map<String, Object>) parent;
        if (!m.containsKey(step) && create) {
            m.put(step, new LinkedHashMap<String, Object>());
        }
        return m.get(step);
    }

    private static void set(Object parent, String step, Object value) {
        if (step.startsWith("[")) {
            ((List<Object>) parent).set(Integer.parseInt(step.substring(1, step.length() - 1)), value);
        } else {
            ((Map<String, Object>) parent).put(step, value);
        }
    }

    private static Object deepCopy(Object v) {
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> c = new LinkedHashMap<>();
            m.forEach((k, val) -> c.put((String) k, deepCopy(val)));
            return c;
        }
        if (v instanceof List<?> l) {
            List<Object> c = new ArrayList<>();
            l.forEach(item -> c.add(deepCopy(item)));
            return c;
        }
        return v;
    }

    static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    static List<Object> list(Object... items) {
        return new ArrayList<>(List.of(items));
    }

    static Object[] fields(Object... pathsAndTypes) {
        return pathsAndTypes;
    }

    static String slug(String path) {
        return path.replace("[", ".").replace("]", "").replace('.', '-');
    }

    static String indentList(String doc) {
        return "- " + doc.trim().replace("\n", "\n  ") + "\n";
    }

    static String replaceOnce(String s, String from, String to) {
        int at = s.indexOf(from);
        if (at < 0) {
            throw new IllegalStateException("no '" + from + "' in:\n" + s);
        }
        return s.substring(0, at) + to + s.substring(at + from.length());
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] c = new byte[a.length + b.length];
        System.arraycopy(a, 0, c, 0, a.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    static byte[] splice(String text, String find, byte[] replacement) {
        int at = text.indexOf(find);
        if (at < 0) {
            throw new IllegalStateException("no " + find);
        }
        return concat(concat(text.substring(0, at).getBytes(StandardCharsets.UTF_8), replacement),
                text.substring(at + find.length()).getBytes(StandardCharsets.UTF_8));
    }

    static byte[] hex(String h) {
        byte[] b = new byte[h.length() / 2];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) Integer.parseInt(h.substring(2 * i, 2 * i + 2), 16);
        }
        return b;
    }
}
