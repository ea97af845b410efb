package io.meshscope.server;

/**
 * The mesh the raw ADS tests serve. Namespace {@code a} runs pods {@code a-0} and {@code a-1} (10.0.0.1 and
 * 10.0.0.2, one scope: their Sidecar imports {@code ./*} and {@code shared/*}); namespace {@code b} runs
 * {@code b-0} (10.0.0.3; its Sidecar also imports {@code other/*}). {@code shared/alpha} and {@code other/beta}
 * are HTTP services on port 80 (target 8080) with one pod each.
 */
final class ScopedMesh {
    static final String ALPHA = "alpha.shared.svc.cluster.local";
    static final String BETA = "beta.other.svc.cluster.local";
    static final String ALPHA_CLUSTER = "outbound|80||" + ALPHA;
    static final String BETA_CLUSTER = "outbound|80||" + BETA;

    private ScopedMesh() {
    }

    static MeshFiles write(MeshFiles files) {
        return files
                .write("namespaces.yaml", MeshFiles.namespace("a") + MeshFiles.namespace("b")
                        + MeshFiles.namespace("shared") + MeshFiles.namespace("other"))
                .write("a.yaml", MeshFiles.pod("a", "a-0", "a", "10.0.0.1") + MeshFiles.pod("a", "a-1", "a", "10.0.0.2"))
                .write("b.yaml", MeshFiles.pod("b", "b-0", "b", "10.0.0.3"))
                .write("sidecar-a.yaml", MeshFiles.sidecar("a", "./*", "shared/*"))
                .write("sidecar-b.yaml", MeshFiles.sidecar("b", "./*", "shared/*", "other/*"))
                .write("alpha.yaml", alpha("10.1.0.1"))
                .write("beta.yaml", beta("10.2.0.1"));
    }

    static String alpha(String podIp) {
        return MeshFiles.service("shared", "alpha", "http", 80, 8080, "10.96.1.1")
                + MeshFiles.pod("shared", "alpha-0", "alpha", podIp);
    }

    static String beta(String podIp) {
        return MeshFiles.service("other", "beta", "http", 80, 8080, "10.96.2.1")
                + MeshFiles.pod("other", "beta-0", "beta", podIp);
    }
}
