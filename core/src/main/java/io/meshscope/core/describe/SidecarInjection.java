package io.meshscope.core.describe;

import io.meshscope.core.model.MeshInput;
import io.meshscope.core.model.Namespace;
import io.meshscope.core.model.Workload;
import io.meshscope.core.model.WorkloadKind;
import io.meshscope.core.scope.ProxyType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The one rule for "does this workload run a proxy?", shared by analyze, report, describe, generate and whatif:
 * Istio's sidecar injection as a default-revision install decides it — the injector webhook's namespace and
 * object selectors (istio-discovery's {@code mutatingwebhook.yaml}), then {@code injectRequired}
 * ({@code pkg/kube/inject/inject.go}) — plus one assumption for what the input does not say.
 *
 * <ol>
 *   <li>Gateways (see {@link GatewayRecognizer}) and WorkloadEntries always run a proxy.</li>
 *   <li>kube-system, kube-public, kube-node-lease and local-path-storage are never injected.</li>
 *   <li>A Namespace labelled {@code istio-injection=enabled}, or without that label and with {@code istio.io/rev},
 *       injects every pod not opted out: the pod label {@code sidecar.istio.io/inject}, else the legacy annotation
 *       of that name, set to {@code "false"} (the label wins when both are set).</li>
 *   <li>A Namespace whose {@code istio-injection} label has any other value ({@code disabled}) injects nothing,
 *       whatever the pod says.</li>
 *   <li>A Namespace without either label injects only pods labelled {@code sidecar.istio.io/inject: "true"} or
 *       {@code istio.io/rev} (not opted out). The legacy annotation cannot opt in: the webhook's object selector
 *       reads labels only.</li>
 *   <li>A namespace without a Namespace object in the input is <em>assumed</em> injected, as if labelled
 *       {@code istio-injection=enabled} (a repository rarely holds its Namespaces); the pod's own opt-out still
 *       applies. {@link #assumedNamespaces} lists where this assumption decided something.</li>
 * </ol>
 * Not modelled: {@code hostNetwork} pods (never injected), {@code neverInjectSelector}/{@code alwaysInjectSelector}
 * and {@code enableNamespacesByDefault} in the injector config; a revision label is taken to name an installed
 * revision.
 */
public final class SidecarInjection {
    /** The pod label (and legacy annotation) that opts a pod in or out. */
    public static final String INJECT = "sidecar.istio.io/inject";
    /** The namespace label of the default revision's webhook. */
    public static final String NAMESPACE_LABEL = "istio-injection";
    /** The revision label, on a namespace or (opting in) on a pod. */
    public static final String REVISION = "istio.io/rev";
    private static final Set<String> IGNORED = Set.of("kube-system", "kube-public", "kube-node-lease",
            "local-path-storage");

    /** Why a workload does or does not run a proxy. */
    public enum Basis {
        GATEWAY, WORKLOAD_ENTRY, SYSTEM_NAMESPACE, POD_OPT_OUT, NAMESPACE_ENABLED, NAMESPACE_REVISION,
        NAMESPACE_DISABLED, POD_OPT_IN, NAMESPACE_NOT_LABELLED, NAMESPACE_NOT_IN_INPUT
    }

    /** The answer for one workload: whether it runs a proxy, why, and the reason in words. */
    public record Decision(boolean hasProxy, Basis basis, String reason) {
        /** True when the answer rests on the assumption for namespaces the input does not hold. */
        public boolean assumed() {
            return basis == Basis.NAMESPACE_NOT_IN_INPUT;
        }
    }

    private final Map<String, Namespace> namespaces = new HashMap<>();

    private SidecarInjection(List<Namespace> namespaces) {
        namespaces.forEach(n -> this.namespaces.put(n.meta().name(), n));
    }

    /** The rule over the input's Namespace objects. */
    public static SidecarInjection of(MeshInput input) {
        return new SidecarInjection(input.namespaces());
    }

    /** True when the workload runs a proxy (a sidecar, or a gateway's router proxy). */
    public boolean hasProxy(Workload w) {
        return decide(w).hasProxy();
    }

    /** Whether the workload runs a proxy, and why. */
    public Decision decide(Workload w) {
        if (GatewayRecognizer.typeOf(w) == ProxyType.ROUTER) {
            return new Decision(true, Basis.GATEWAY, "a gateway runs its own (router) proxy");
        }
        if (w.kind() == WorkloadKind.WORKLOAD_ENTRY) {
            return new Decision(true, Basis.WORKLOAD_ENTRY, "a WorkloadEntry stands for a VM with its own proxy");
        }
        String ns = w.namespace();
        if (IGNORED.contains(ns)) {
            return new Decision(false, Basis.SYSTEM_NAMESPACE, "Istio never injects namespace " + ns);
        }
        String podLabel = w.labels().get(INJECT);
        // injectRequired: the label is the newer API and wins over the legacy annotation.
        String objectSelector = podLabel != null ? podLabel : w.annotations().get(INJECT);
        boolean optedOut = "false".equals(objectSelector);
        String optOut = (podLabel != null ? "label " : "annotation ") + INJECT + "=\"false\"";
        Namespace namespace = namespaces.get(ns);
        if (namespace == null) {
            return optedOut ? new Decision(false, Basis.POD_OPT_OUT, "its pod opts out (" + optOut + ")")
                    : new Decision(true, Basis.NAMESPACE_NOT_IN_INPUT, "namespace " + ns
                            + " is not in the input: assumed labelled " + NAMESPACE_LABEL + "=enabled");
        }
        Map<String, String> labels = namespace.meta().labels();
        String nsLabel = labels.get(NAMESPACE_LABEL);
        String nsRev = labels.get(REVISION);
        if (nsLabel != null && !nsLabel.equals("enabled")) {
            return new Decision(false, Basis.NAMESPACE_DISABLED,
                    "namespace " + ns + " is labelled " + NAMESPACE_LABEL + "=" + nsLabel);
        }
        if (nsLabel != null || (nsRev != null && !nsRev.isEmpty())) {
            if (optedOut) {
                return new Decision(false, Basis.POD_OPT_OUT, "its pod opts out (" + optOut + ")");
            }
            return nsLabel != null
                    ? new Decision(true, Basis.NAMESPACE_ENABLED, "namespace " + ns + " is labelled "
                            + NAMESPACE_LABEL + "=enabled")
                    : new Decision(true, Basis.NAMESPACE_REVISION, "namespace " + ns + " is labelled "
                            + REVISION + "=" + nsRev);
        }
        // Neither label: only the object webhook applies, and it selects on pod labels.
        String podRev = w.labels().get(REVISION);
        boolean webhook = "true".equals(podLabel) || (podRev != null && !podRev.isEmpty() && !"false".equals(podLabel));
        if (optedOut) {
            return new Decision(false, Basis.POD_OPT_OUT, "its pod opts out (" + optOut + ")");
        }
        if (webhook) {
            return new Decision(true, Basis.POD_OPT_IN, "its pod is labelled " + ("true".equals(podLabel)
                    ? INJECT + "=\"true\"" : REVISION + "=" + podRev));
        }
        return new Decision(false, Basis.NAMESPACE_NOT_LABELLED, "namespace " + ns + " has neither "
                + NAMESPACE_LABEL + " nor " + REVISION + " label and the pod does not opt in");
    }

    /** The namespaces of these workloads whose proxies rest on the assumption, sorted. */
    public Set<String> assumedNamespaces(List<Workload> workloads) {
        Set<String> out = new TreeSet<>();
        for (Workload w : workloads) {
            if (decide(w).assumed()) {
                out.add(w.namespace());
            }
        }
        return out;
    }

    /** Namespaces whose Namespace object injects nothing, holding these workloads, sorted. */
    public Set<String> uninjectedNamespaces(List<Workload> workloads) {
        Set<String> out = new TreeSet<>();
        for (Workload w : workloads) {
            Basis b = decide(w).basis();
            if (b == Basis.NAMESPACE_NOT_LABELLED || b == Basis.NAMESPACE_DISABLED) {
                out.add(w.namespace());
            }
        }
        return out;
    }

    /**
     * The one-line notice commands print when the rule decided their result, or null: which namespaces were
     * assumed injected, and which held workloads left out because their Namespace injects nothing.
     */
    public String notice(List<Workload> workloads) {
        Set<String> assumed = assumedNamespaces(workloads);
        Set<String> uninjected = uninjectedNamespaces(workloads);
        if (assumed.isEmpty() && uninjected.isEmpty()) {
            return null;
        }
        StringBuilder sb = new StringBuilder("sidecar injection:");
        if (!assumed.isEmpty()) {
            sb.append(" no Namespace object for ").append(String.join(", ", assumed))
                    .append(", assumed injected (as " + NAMESPACE_LABEL + "=enabled);");
        }
        if (!uninjected.isEmpty()) {
            sb.append(" no sidecar proxies in ").append(String.join(", ", uninjected))
                    .append(" (the Namespace has no " + NAMESPACE_LABEL + "=enabled or " + REVISION
                            + " label, and its pods do not opt in);");
        }
        sb.setLength(sb.length() - 1);
        return sb.append(" (docs/analyzers.md#sidecar-injection)").toString();
    }
}
