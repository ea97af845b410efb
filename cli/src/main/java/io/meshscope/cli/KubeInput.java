package io.meshscope.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.meshscope.core.model.MeshInput;
import io.meshscope.kube.KubeClients;
import io.meshscope.kube.KubeDocuments;
import io.meshscope.kube.KubeLister;
import io.meshscope.kube.KubeOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** One-shot read of the mesh config from the API server: lists (never watches) and says how much it read. */
final class KubeInput {
    private final PrintWriter err;

    KubeInput(PrintWriter err) {
        this.err = err;
    }

    MeshInput list(KubeOptions options, Path meshConfig) {
        Optional<String> mesh;
        try {
            mesh = meshConfig == null ? Optional.empty() : Optional.of(Files.readString(meshConfig));
        } catch (IOException e) {
            throw new CommandFailure(ExitCodes.USAGE, "cannot read --mesh-config " + meshConfig + ": " + e.getMessage());
        }
        try (KubernetesClient client = KubeClients.create(options)) {
            KubeDocuments docs = KubeLister.list(client, options);
            err.println("read " + docs.objects() + " objects from the Kubernetes API (" + KubeClients.describe(client)
                    + (options.filtersNamespaces() ? ", namespaces filtered" : "") + ")");
            docs.notes().forEach(n -> err.println("note: " + n));
            err.flush();
            return docs.toMeshInput(mesh);
        } catch (CommandFailure e) {
            throw e;
        } catch (RuntimeException e) {
            throw new CommandFailure(ExitCodes.USAGE, "cannot read from the Kubernetes API: " + e.getMessage());
        }
    }
}
