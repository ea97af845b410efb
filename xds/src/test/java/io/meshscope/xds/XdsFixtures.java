package io.meshscope.xds;

import io.meshscope.core.model.MeshInput;
import io.meshscope.core.model.Severity;
import io.meshscope.core.model.Workload;
import io.meshscope.core.model.WorkloadKind;
import io.meshscope.core.scope.Proxy;
import io.meshscope.decode.InputException;
import io.meshscope.decode.ManifestReader;
import java.util.List;
import java.util.Optional;

/** Inputs for xDS tests, read through the real decoder: the e-commerce example and inline YAML. */
final class XdsFixtures {
    /** The example mesh, relative to the module directory Maven runs tests in. */
    static final String ECOMMERCE = "../examples/ecommerce";

    private XdsFixtures() {
    }

    static MeshInput ecommerce() {
        try {
            return requireClean(new ManifestReader().read(List.of(ECOMMERCE), null, Optional.empty()));
        } catch (InputException e) {
            throw new IllegalStateException(e);
        }
    }

    static MeshInput yaml(String yaml) {
        return requireClean(new ManifestReader().readString("inline.yaml", yaml, Optional.empty()));
    }

    /** A synthetic mesh's files ({@code SyntheticMesh.forEachFile}) decoded as one stream. */
    static MeshInput synthetic(java.util.Map<String, String> files) {
        StringBuilder all = new StringBuilder();
        files.forEach((name, text) -> all.append("---\n").append(text).append('\n'));
        return requireClean(new ManifestReader().readString("synth.yaml", all.toString(), Optional.empty()));
    }

    private static MeshInput requireClean(MeshInput input) {
        if (input.problems().stream().anyMatch(p -> p.severity() == Severity.ERROR)) {
            throw new IllegalStateException("fixture does not decode cleanly: " + input.problems());
        }
        return input;
    }

    /** The Deployment {@code namespace/name}. */
    static Workload workload(MeshInput input, String namespace, String name) {
        return workload(input, WorkloadKind.DEPLOYMENT, namespace, name);
    }

    static Workload workload(MeshInput input, WorkloadKind kind, String namespace, String name) {
        return input.workloads().stream()
                .filter(w -> w.kind() == kind && w.namespace().equals(namespace) && w.name().equals(name))
                .findFirst().orElseThrow(() -> new IllegalArgumentException("no workload " + namespace + "/" + name));
    }

    static Proxy proxy(Workload w) {
        return Proxy.sidecar(w.namespace(), w.labels());
    }
}
