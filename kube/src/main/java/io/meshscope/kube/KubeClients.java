package io.meshscope.kube;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Connects to the API server as kubectl would: {@code --kubeconfig} (else {@code KUBECONFIG}, else
 * {@code ~/.kube/config}) at {@code --context} (else the current context), or, with no kubeconfig at all, the
 * in-cluster service account.
 */
public final class KubeClients {
    private KubeClients() {
    }

    /**
     * A client for the options' cluster. Nothing is requested yet, so an unreachable server shows later.
     *
     * @throws KubeException when the kubeconfig file is missing or unreadable, or names no such context
     */
    public static KubernetesClient create(KubeOptions options) {
        return new KubernetesClientBuilder().withConfig(tuned(config(options))).build();
    }

    /**
     * Settings meshscope relies on: few hidden retries inside the HTTP client (fabric8 would otherwise retry a
     * failing request for about a minute before anyone hears of it), so the informers' own backoff takes over
     * and each failure is logged and counted.
     */
    static Config tuned(Config config) {
        config.setRequestRetryBackoffLimit(2);
        return config;
    }

    /** The resolved configuration, without connecting. */
    public static Config config(KubeOptions options) {
        Config config;
        try {
            if (options.kubeconfig().isPresent()) {
                Path file = Path.of(options.kubeconfig().get());
                if (!Files.isReadable(file)) {
                    throw new KubeException("cannot read kubeconfig " + file + ": no such readable file", null);
                }
                config = Config.fromKubeconfig(options.context().orElse(null), new File(file.toString()));
            } else {
                config = Config.autoConfigure(options.context().orElse(null));
            }
        } catch (KubeException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new KubeException("cannot load the Kubernetes client configuration: " + e.getMessage(), e);
        }
        if (options.context().isPresent() && (config.getCurrentContext() == null
                || !options.context().get().equals(config.getCurrentContext().getName()))) {
            throw new KubeException("no context \"" + options.context().get() + "\" in the kubeconfig"
                    + options.kubeconfig().map(k -> " " + k).orElse(""), null);
        }
        return config;
    }

    /** Where a client points, for log lines and messages: {@code https://host:6443/ (context ctx)}. */
    public static String describe(KubernetesClient client) {
        Config config = client.getConfiguration();
        String context = config.getCurrentContext() == null ? "in-cluster or default"
                : "context " + config.getCurrentContext().getName();
        return config.getMasterUrl() + " (" + context + ")";
    }
}
