package io.meshscope.core.synth;

/**
 * One synthetic service's manifests: its Deployment, its Service (HTTP on 80, gRPC on 9090 when it has it) and the
 * EndpointSlice with its pods' addresses, shaped as a cluster's controllers write them.
 */
final class ServiceManifests {
    private static final String[] ZONES = {"zone-a", "zone-b", "zone-c"};

    private ServiceManifests() {
    }

    /**
     * Appends service {@code s}'s three documents; {@code tokens}: the stream its generated names (slice suffix, pod
     * template hash, pod suffixes) are derived from ({@link SynthText#token}).
     */
    static void render(SynthText.Docs docs, SynthOptions options, long tokens, int s, String name, String ns,
                       boolean grpc) {
        StringBuilder sb = docs.next();
        sb.append("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n");
        meta(sb, name, ns);
        sb.append("  labels:\n    app: ").append(name).append('\n')
                .append("spec:\n  replicas: ").append(options.replicas()).append('\n')
                .append("  selector:\n    matchLabels:\n      app: ").append(name).append('\n')
                .append("  template:\n    metadata:\n      labels:\n        app: ").append(name).append('\n')
                .append("    spec:\n      containers:\n        - name: app\n          image: ")
                .append(SyntheticMesh.IMAGE).append("\n          ports:\n")
                .append("            - name: http\n              containerPort: 8080\n              protocol: TCP\n");
        if (grpc) {
            sb.append("            - name: grpc\n              containerPort: 9090\n              protocol: TCP\n");
        }

        sb = docs.next();
        sb.append("apiVersion: v1\nkind: Service\nmetadata:\n");
        meta(sb, name, ns);
        sb.append("  labels:\n    app: ").append(name).append('\n')
                .append("spec:\n  type: ClusterIP\n  clusterIP: ").append(SynthText.ip(96, s)).append('\n')
                .append("  selector:\n    app: ").append(name).append('\n')
                .append("  ports:\n")
                .append("    - name: http\n      port: 80\n      targetPort: 8080\n      protocol: TCP\n");
        if (grpc) {
            sb.append("    - name: grpc\n      port: 9090\n      targetPort: 9090\n      protocol: TCP\n");
        }

        sb = docs.next();
        sb.append("apiVersion: discovery.k8s.io/v1\nkind: EndpointSlice\nmetadata:\n");
        meta(sb, name + "-" + SynthText.token(tokens, s, 1, 5), ns);
        sb.append("  labels:\n    kubernetes.io/service-name: ").append(name).append('\n')
                .append("    endpointslice.kubernetes.io/managed-by: endpointslice-controller.k8s.io\n")
                .append("addressType: IPv4\nports:\n  - name: http\n    port: 8080\n    protocol: TCP\n");
        if (grpc) {
            sb.append("  - name: grpc\n    port: 9090\n    protocol: TCP\n");
        }
        int e = options.endpoints();
        if (e == 0) {
            sb.append("endpoints: []\n");
            return;
        }
        sb.append("endpoints:\n");
        String podPrefix = name + "-" + SynthText.token(tokens, s, 2, 10) + "-";
        for (int j = 0; j < e; j++) {
            long ordinal = (long) s * e + j;
            sb.append("  - addresses:\n      - \"").append(SynthText.ip(128, ordinal)).append("\"\n")
                    .append("    conditions:\n      ready: true\n")
                    .append("    zone: ").append(ZONES[(int) (ordinal % ZONES.length)]).append('\n')
                    .append("    targetRef:\n      kind: Pod\n      namespace: ").append(ns).append('\n')
                    .append("      name: ").append(podPrefix).append(SynthText.token(tokens, s, 3 + j, 5)).append('\n');
        }
    }

    /** A document's {@code metadata} name and namespace lines. */
    static void meta(StringBuilder sb, String name, String ns) {
        sb.append("  name: ").append(name).append("\n  namespace: ").append(ns).append('\n');
    }
}
