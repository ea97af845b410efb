package io.meshscope.core.synth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.TreeMap;

/**
 * A deterministic synthetic mesh for benchmarks and demos ({@code meshscope synth}): its topology (namespaces,
 * services, call graph) is computed up front and kept compact; its manifests are rendered one file at a time,
 * so a mesh of many thousands of services never sits in memory as text. No I/O: callers get file names and
 * contents and write them where they like.
 *
 * <p>What it holds, for options N, K, F, R, E:
 * <ul>
 *   <li>{@value #NAMESPACES_FILE}: Namespace {@code istio-system} and the K application namespaces: with K = 1
 *       {@code ns-01}; otherwise {@value #PLATFORM_NAMESPACE} (shared services) and {@code ns-01} ..
 *       {@code ns-<K-1>}, labelled {@code istio-injection: enabled}.</li>
 *   <li>{@code <namespace>.yaml}, one per application namespace: for each of its services (N spread evenly,
 *       in contiguous blocks) a Deployment (R replicas, pod template labels {@code app=<name>}), a Service
 *       (ports {@code http} 80&rarr;8080, and on every third service also {@code grpc} 9090) and an
 *       EndpointSlice ({@code discovery.k8s.io/v1}) with E ready endpoints in zones zone-a/b/c.</li>
 *   <li>{@value #ISTIO_SYSTEM_FILE}: the mesh ConfigMap ({@code istio}, {@code data.mesh} with
 *       {@code rootNamespace: istio-system}) and istiod's Deployment, Service and EndpointSlice.</li>
 *   <li>{@value #SIDECARS_FILE}, unless the strategy is {@link SidecarStrategy#NONE}.</li>
 * </ul>
 * A file that would grow past about 32 MiB (far beyond N = 10,000 with default options) continues in
 * {@code <base>.2.yaml}, {@code <base>.3.yaml}, ..., so every file stays well under the manifest reader's
 * 64 MiB limit. The call graph ({@link #dependencies()}) is not a Kubernetes object and is not among the files.
 *
 * <p>Call graph: each workload calls F distinct other services. Each call is drawn from its own namespace with
 * probability {@value #OWN_SHARE}, from one of its namespace's (at most {@value #NEIGHBOURS}, randomly chosen)
 * neighbour namespaces with probability {@value #NEIGHBOUR_SHARE}, and from {@value #PLATFORM_NAMESPACE}
 * otherwise (platform workloads call within {@value #PLATFORM_NAMESPACE}); when a draw keeps failing (a small
 * namespace is used up) the next unused service after the workload's namespace is taken.
 *
 * <p>Addresses: Service i (in generation order) has clusterIP {@code 10.96.0.0/12} + i, endpoint j (service i's
 * endpoints are i&times;E .. i&times;E+E-1) has pod IP {@code 10.128.0.0/9} + j, both skipping {@code .0} and
 * {@code .255} and the first /24, which istiod uses ({@code 10.96.0.10}, {@code 10.128.0.10}).
 *
 * <p>Determinism: randomness comes only from {@link SynthOptions#seed()}, through separate {@link Random}
 * streams for names, neighbours and each workload's calls (so, e.g., {@code --endpoints} never changes the
 * graph). {@code java.util.Random}'s algorithm is fixed by its specification, so the bytes are the same on every
 * JVM. Everything is emitted in sorted order; there are no timestamps.
 */
public final class SyntheticMesh {
    public static final String NAMESPACES_FILE = "namespaces.yaml";
    public static final String ISTIO_SYSTEM_FILE = "istio-system.yaml";
    public static final String SIDECARS_FILE = "sidecars.yaml";
    public static final String ROOT_NAMESPACE = "istio-system";
    public static final String PLATFORM_NAMESPACE = "platform";
    public static final String DOMAIN_SUFFIX = "svc.cluster.local";
    public static final String IMAGE = "example.com/meshscope/synth-app:1.0";
    public static final String ISTIOD_IMAGE = "docker.io/istio/pilot:1.28.0";
    public static final double OWN_SHARE = 0.60;
    public static final double NEIGHBOUR_SHARE = 0.25;
    public static final int NEIGHBOURS = 3;

    /** The size a file part aims to stay under, estimated from item counts before rendering. */
    static final long PART_BUDGET_CHARS = 32L << 20;
    /** Generous upper bounds of rendered sizes, used to plan parts. */
    static final long SERVICE_CHARS = 2600;
    static final long ENDPOINT_CHARS = 400;
    static final long NAMESPACE_CHARS = 160;
    static final long SIDECAR_CHARS = 600;
    static final long SIDECAR_HOST_CHARS = 120;

    private static final String[] APP_WORDS = {
        "accounts", "ads", "analytics", "cart", "catalog", "checkout", "comments", "coupons", "currency",
        "delivery", "email", "feed", "fraud", "gallery", "inventory", "invoices", "ledger", "loyalty", "media",
        "orders", "payments", "pricing", "profile", "ratings", "recommend", "reviews", "search", "shipping",
        "stock", "tax", "users", "wishlist"};
    private static final String[] PLATFORM_WORDS = {
        "audit", "auth", "config", "discovery", "events", "flags", "identity", "logging", "metrics", "notify",
        "policy", "quota", "ratelimit", "secrets", "sessions", "tokens"};
    /** Kubernetes' generateName alphabet (no vowels, no confusable digits). */

    private static final long NAMES_STREAM = 0x6e616d6573L;
    private static final long HASH_STREAM = 0x6861736873L;

    private final SynthOptions options;
    /** The stream generated names (slice, pod template and pod suffixes) are derived from ({@link SynthText#token}). */
    private final long tokens;
    private final String header;
    /** Application namespaces by index; services of namespace k are nsStart[k] .. nsStart[k+1]-1. */
    private final String[] nsNames;
    private final int[] nsStart;
    private final int platform;
    private final String[] names;
    private final int[] nsOf;
    /** Each service's callees, sorted by {@link #sorted} position. */
    private final int[][] calls;
    /** Services sorted by {@code namespace/name}, and each service's position in that order. */
    private final int[] sorted;
    private final int[] rank;
    /** Application namespaces sorted by name, with each one's range in {@link #sorted}. */
    private final int[] nsSorted;
    private final int[] nsFrom;
    private final List<Part> parts;

    /** One output file: {@code count} items of a list starting at {@code from}. */
    private record Part(String file, Kind kind, int ns, int from, int count) {
    }

    private enum Kind { NAMESPACES, NAMESPACE, ISTIO_SYSTEM, SIDECARS }

    /** Receives generated files one at a time. */
    @FunctionalInterface
    public interface FileSink {
        void file(String name, String content) throws IOException;
    }

    private SyntheticMesh(SynthOptions o) {
        this.options = o;
        this.tokens = SynthText.mix(o.seed(), HASH_STREAM);
        this.header = "# Generated by meshscope synth " + o.describe() + "\n";
        int n = o.services();
        int k = o.namespaces();
        this.nsNames = new String[k];
        this.platform = k >= 2 ? 0 : -1;
        int width = Math.max(2, SynthText.digits(platform >= 0 ? k - 1 : k));
        for (int i = 0; i < k; i++) {
            nsNames[i] = i == platform ? PLATFORM_NAMESPACE : "ns-" + SynthText.pad(platform >= 0 ? i : i + 1, width);
        }
        this.nsStart = new int[k + 1];
        for (int i = 0; i <= k; i++) {
            nsStart[i] = (int) ((long) n * i / k);
        }
        this.nsOf = new int[n];
        for (int i = 0; i < k; i++) {
            Arrays.fill(nsOf, nsStart[i], nsStart[i + 1], i);
        }
        this.names = new String[n];
        Random nameRandom = new Random(SynthText.mix(o.seed(), NAMES_STREAM));
        int nameWidth = Math.max(3, SynthText.digits(n - 1));
        for (int i = 0; i < n; i++) {
            String[] words = nsOf[i] == platform ? PLATFORM_WORDS : APP_WORDS;
            names[i] = words[nameRandom.nextInt(words.length)] + "-" + SynthText.pad(i, nameWidth);
        }
        // Sorted order: namespaces by name, services by name within each (keys "ns/name" sort the same way).
        Integer[] nsOrder = new Integer[k];
        for (int i = 0; i < k; i++) {
            nsOrder[i] = i;
        }
        Arrays.sort(nsOrder, Comparator.comparing(i -> nsNames[i]));
        this.nsSorted = new int[k];
        this.nsFrom = new int[k + 1];
        this.sorted = new int[n];
        this.rank = new int[n];
        int pos = 0;
        for (int s = 0; s < k; s++) {
            int ns = nsOrder[s];
            nsSorted[s] = ns;
            nsFrom[s] = pos;
            Integer[] members = new Integer[nsStart[ns + 1] - nsStart[ns]];
            for (int i = 0; i < members.length; i++) {
                members[i] = nsStart[ns] + i;
            }
            Arrays.sort(members, Comparator.comparing(i -> names[i]));
            for (Integer m : members) {
                rank[m] = pos;
                sorted[pos++] = m;
            }
        }
        nsFrom[k] = pos;
        this.calls = new SynthCallGraph(o, nsNames.length, platform, nsStart, nsOf, rank).draw();
        this.parts = planParts();
    }

    /** Builds the mesh for these options (topology only; files are rendered on demand). */
    public static SyntheticMesh generate(SynthOptions options) {
        return new SyntheticMesh(options);
    }

    public SynthOptions options() {
        return options;
    }

    /** The generated file names, sorted; the same for the same options. */
    public List<String> fileNames() {
        return parts.stream().map(Part::file).toList();
    }

    /** Renders every file, in {@link #fileNames()} order, one at a time. */
    public void forEachFile(FileSink sink) throws IOException {
        for (Part p : parts) {
            sink.file(p.file(), render(p));
        }
    }

    /** Every file rendered (name → content, sorted): for small meshes and tests. */
    public Map<String, String> files() {
        Map<String, String> out = new TreeMap<>();
        for (Part p : parts) {
            out.put(p.file(), render(p));
        }
        return out;
    }

    /** One file's content; {@code name} must be one of {@link #fileNames()}. */
    public String file(String name) {
        for (Part p : parts) {
            if (p.file().equals(name)) {
                return render(p);
            }
        }
        throw new IllegalArgumentException("no generated file named " + name);
    }

    /** The call graph as the seed's {@code dependencies.yaml} ("Document Dependencies"). */
    public String dependencies() {
        StringBuilder sb = new StringBuilder();
        try {
            writeDependencies(sb);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringBuilder never throws
        }
        return sb.toString();
    }

    /** Streams {@link #dependencies()} to {@code out}, a service at a time. */
    public void writeDependencies(Appendable out) throws IOException {
        out.append("# dependencies.yaml - not a Kubernetes resource, just documentation\n")
                .append("# (the seed's \"Document Dependencies\" format). Who calls whom in the synthetic mesh.\n")
                .append(header)
                .append("services:\n");
        StringBuilder sb = new StringBuilder(256);
        for (int pos = 0; pos < sorted.length; pos++) {
            int s = sorted[pos];
            sb.setLength(0);
            if (pos > 0) {
                sb.append('\n');
            }
            sb.append("  ").append(id(s)).append(":\n");
            if (calls[s].length == 0) {
                sb.append("    calls: []\n");
            } else {
                sb.append("    calls:\n");
                for (int c : calls[s]) {
                    sb.append("      - ").append(id(c)).append('\n');
                }
            }
            sb.append("    external: []\n");
            out.append(sb);
        }
    }

    /** The call graph: {@code namespace/name} → the {@code namespace/name}s it calls, both sorted. */
    public Map<String, List<String>> callGraph() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (int s : sorted) {
            List<String> c = new ArrayList<>(calls[s].length);
            for (int t : calls[s]) {
                c.add(id(t));
            }
            out.put(id(s), Collections.unmodifiableList(c));
        }
        return Collections.unmodifiableMap(out);
    }

    /** The application namespaces, sorted (istio-system not included). */
    public List<String> namespaceNames() {
        List<String> out = new ArrayList<>();
        for (int ns : nsSorted) {
            out.add(nsNames[ns]);
        }
        return out;
    }

    public int serviceCount() {
        return names.length;
    }

    /** Application namespaces (K); istio-system comes on top. */
    public int namespaceCount() {
        return nsNames.length;
    }

    /** Endpoints in all application EndpointSlices (N×E). */
    public long endpointCount() {
        return (long) names.length * options.endpoints();
    }

    /** Calls in the graph (N×F). */
    public long callCount() {
        return (long) names.length * options.fanout();
    }

    public int sidecarCount() {
        return switch (options.sidecars()) {
            case NONE -> 0;
            case NAMESPACE -> nsNames.length;
            case WORKLOAD -> names.length;
        };
    }

    // ---- topology ----------------------------------------------------------------------------------------------

    private List<Part> planParts() {
        List<Part> out = new ArrayList<>();
        split(out, "namespaces", Kind.NAMESPACES, -1, 0, nsNames.length + 1, NAMESPACE_CHARS);
        split(out, "istio-system", Kind.ISTIO_SYSTEM, -1, 0, 1, 1);
        long perService = SERVICE_CHARS + ENDPOINT_CHARS * options.endpoints();
        for (int s = 0; s < nsSorted.length; s++) {
            split(out, nsNames[nsSorted[s]], Kind.NAMESPACE, s, nsFrom[s], nsFrom[s + 1] - nsFrom[s], perService);
        }
        switch (options.sidecars()) {
            case NONE -> { }
            case NAMESPACE -> split(out, "sidecars", Kind.SIDECARS, -1, 0, nsNames.length,
                    SIDECAR_CHARS + SIDECAR_HOST_CHARS * Math.min((long) nsNames.length, options.services()));
            case WORKLOAD -> split(out, "sidecars", Kind.SIDECARS, -1, 0, names.length,
                    SIDECAR_CHARS + SIDECAR_HOST_CHARS * options.fanout());
        }
        out.sort(Comparator.comparing(Part::file));
        return List.copyOf(out);
    }

    private static void split(List<Part> out, String base, Kind kind, int ns, int from, int count, long perItem) {
        int perPart = (int) Math.max(1, Math.min(Integer.MAX_VALUE, PART_BUDGET_CHARS / perItem));
        int part = 1;
        int i = 0;
        do {
            String file = part == 1 ? base + ".yaml" : base + "." + part + ".yaml";
            out.add(new Part(file, kind, ns, from + i, Math.min(perPart, count - i)));
            i += perPart;
            part++;
        } while (i < count);
    }

    // ---- rendering ---------------------------------------------------------------------------------------------

    private String render(Part p) {
        StringBuilder sb = new StringBuilder(4096);
        sb.append(header);
        SynthText.Docs docs = new SynthText.Docs(sb);
        switch (p.kind()) {
            case NAMESPACES -> renderNamespaces(docs, p);
            case ISTIO_SYSTEM -> renderIstioSystem(docs);
            case NAMESPACE -> {
                for (int pos = p.from(); pos < p.from() + p.count(); pos++) {
                    renderService(docs, sorted[pos]);
                }
            }
            case SIDECARS -> renderSidecars(docs, p);
        }
        return sb.toString();
    }

    private void renderNamespaces(SynthText.Docs docs, Part p) {
        // Item 0 is istio-system (it sorts before "ns-" and "platform"), then the application namespaces sorted.
        for (int i = p.from(); i < p.from() + p.count(); i++) {
            StringBuilder sb = docs.next();
            sb.append("apiVersion: v1\nkind: Namespace\nmetadata:\n");
            if (i == 0) {
                sb.append("  name: ").append(ROOT_NAMESPACE).append('\n');
            } else {
                sb.append("  name: ").append(nsNames[nsSorted[i - 1]]).append('\n')
                        .append("  labels:\n    istio-injection: enabled\n");
            }
        }
    }

    private void renderIstioSystem(SynthText.Docs docs) {
        IstioSystemManifests.render(docs, SynthText.token(tokens, -1, 1, 5), SynthText.token(tokens, -1, 2, 10),
                SynthText.token(tokens, -1, 3, 5));
    }

    private void renderService(SynthText.Docs docs, int s) {
        ServiceManifests.render(docs, options, tokens, s, names[s], nsNames[nsOf[s]], hasGrpc(s));
    }

    private void renderSidecars(SynthText.Docs docs, Part p) {
        for (int i = p.from(); i < p.from() + p.count(); i++) {
            StringBuilder sb = docs.next();
            sb.append("apiVersion: networking.istio.io/v1\nkind: Sidecar\nmetadata:\n");
            if (options.sidecars() == SidecarStrategy.NAMESPACE) {
                int s = i;
                String ns = nsNames[nsSorted[s]];
                ServiceManifests.meta(sb, "default", ns);
                TreeSet<String> called = new TreeSet<>();
                for (int pos = nsFrom[s]; pos < nsFrom[s + 1]; pos++) {
                    for (int c : calls[sorted[pos]]) {
                        called.add(nsNames[nsOf[c]]);
                    }
                }
                called.remove(ns);
                sb.append("spec:\n  egress:\n    - hosts:\n        - \"./*\"\n");
                for (String c : called) {
                    sb.append("        - \"").append(c).append("/*\"\n");
                }
            } else {
                int w = sorted[i];
                String ns = nsNames[nsOf[w]];
                ServiceManifests.meta(sb, names[w], ns);
                sb.append("spec:\n  workloadSelector:\n    labels:\n      app: ").append(names[w]).append('\n')
                        .append("  egress:\n    - hosts:\n");
                for (int c : calls[w]) {
                    String cns = nsNames[nsOf[c]];
                    sb.append("        - \"").append(cns).append('/').append(names[c]).append('.').append(cns)
                            .append('.').append(DOMAIN_SUFFIX).append("\"\n");
                }
            }
            sb.append("        - \"").append(ROOT_NAMESPACE).append("/*\"\n");
        }
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    private String id(int s) {
        return nsNames[nsOf[s]] + "/" + names[s];
    }

    /** Every third service (by generation order) also serves gRPC on 9090. */
    private static boolean hasGrpc(int s) {
        return s % 3 == 2;
    }
}
