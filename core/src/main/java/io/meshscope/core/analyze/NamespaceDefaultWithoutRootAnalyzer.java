package io.meshscope.core.analyze;

import io.meshscope.core.model.MeshInput;
import io.meshscope.core.model.Sidecar;
import io.meshscope.core.scope.HostEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * MS0013 (Info): a namespace-wide Sidecar (no workloadSelector) whose egress imports nothing from the root
 * namespace (MeshConfig {@code rootNamespace}, where the control plane and mesh-wide config live). The seed's
 * first best practice is a namespace default of {@code ./*} plus {@code istio-system/*}: workloads commonly reach
 * the control plane's services (istiod, the ingress gateway's internal address, telemetry addons deployed next
 * to it), and a default without them cuts those calls silently. A Sidecar without {@code egress} imports
 * everything and is left to MS0003.
 */
public final class NamespaceDefaultWithoutRootAnalyzer implements Analyzer {
    @Override
    public String name() {
        return "meshscope.NamespaceDefaultWithoutRootAnalyzer";
    }

    @Override
    public List<MessageType> produces() {
        return List.of(MeshscopeMessageTypes.NAMESPACE_DEFAULT_WITHOUT_ROOT);
    }

    @Override
    public List<AnalysisMessage> analyze(MeshInput input) {
        String root = input.meshConfig().rootNamespace();
        List<AnalysisMessage> out = new ArrayList<>();
        for (Sidecar s : input.sidecars()) {
            List<Findings.Listener> listeners = Findings.listeners(s);
            if (s.hasSelector() || listeners.isEmpty() || importsFrom(listeners, s.meta().namespace(), root)) {
                continue;
            }
            String ns = s.meta().namespace();
            out.add(Findings.at(MeshscopeMessageTypes.NAMESPACE_DEFAULT_WITHOUT_ROOT, s, "spec.egress",
                    "this namespace default Sidecar imports nothing from the root namespace " + root + ", so the"
                            + " workloads of " + ns + " it applies to get no route to the control-plane namespace's"
                            + " services. The recommended namespace default is \"./*\" plus \"" + root + "/*\": if they"
                            + " call any of them, add \"" + root + "/*\" (or the exact " + root + "/<FQDN> hosts) to"
                            + " spec.egress[" + listeners.get(listeners.size() - 1).index() + "].hosts."));
        }
        return out;
    }

    /** True when some listener's non-exclusion host covers the root namespace. */
    private static boolean importsFrom(List<Findings.Listener> listeners, String configNs, String root) {
        for (Findings.Listener l : listeners) {
            for (String written : l.listener().hosts()) {
                Optional<HostEntry> e = HostEntry.parse(written, configNs);
                if (e.isPresent() && !e.get().exclusion()
                        && (e.get().namespace().equals("*") || e.get().namespace().equals(root))) {
                    return true;
                }
            }
        }
        return false;
    }
}
