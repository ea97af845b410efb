package io.meshscope.core.analyze;

import io.meshscope.core.model.DestinationRule;
import io.meshscope.core.model.MeshInput;
import io.meshscope.core.model.Sidecar;
import io.meshscope.core.registry.DestinationRuleIndex;
import io.meshscope.core.registry.Hostnames;
import io.meshscope.core.registry.MeshService;
import io.meshscope.core.scope.MeshIndex;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * §12.8: the Sidecar docs say a DestinationRule in the imported namespace is used; the code looks in the client
 * namespace first, then the service's, then the root. Reported where a rule in the service's own namespace exists
 * for an imported service but one in the Sidecar's (client) namespace is the one applied.
 */
final class DestinationRuleNamespaceRule implements DocsRule {
    @Override
    public void check(MeshInput input, MeshIndex index, List<AnalysisMessage> out) {
        String domain = input.meshConfig().domainSuffix();
        for (Sidecar s : input.sidecars()) {
            String ns = s.meta().namespace();
            Set<String> reported = new LinkedHashSet<>();
            for (MeshService svc : index.scopeFor(s, ns).services()) {
                if (svc.namespace().equals(ns)) {
                    continue;
                }
                DestinationRuleIndex.Entry used = index.destinationRuleIndex().select(ns, Map.of(), svc.hostname(),
                        svc.namespace());
                if (used == null || !used.rule().meta().namespace().equals(ns)) {
                    continue;
                }
                for (DestinationRule dr : input.destinationRules()) {
                    String host = Hostnames.resolveShortName(dr.host(), dr.meta().namespace(), domain);
                    boolean covers = host.equals(svc.hostname())
                            || (Hostnames.isWildcard(host) && Hostnames.subsetOf(svc.hostname(), host));
                    if (dr.meta().namespace().equals(svc.namespace()) && covers && reported.add(dr.meta().id().nsName())) {
                        out.add(DocsRule.message(s, "spec.egress", "DestinationRule " + dr.meta().id().nsName()
                                + " in the namespace of " + svc.hostname() + " is not used by these workloads: "
                                + used.key() + " in their own namespace " + ns + " wins. Istio picks the client"
                                + " namespace's rule first, then the service namespace's, then the root's, whatever the"
                                + " Sidecar's hosts say (the Sidecar docs say the imported namespace's rule is used)."
                                + " Merge the settings into " + used.key() + ", or remove it."));
                    }
                }
            }
        }
    }
}
