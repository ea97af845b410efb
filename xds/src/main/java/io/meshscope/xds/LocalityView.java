package io.meshscope.xds;

import io.meshscope.core.model.Locality;
import io.meshscope.core.model.Workload;
import io.meshscope.core.scope.Proxy;
import java.util.List;
import java.util.Map;

/**
 * What a locality-shaped assignment depends on besides the endpoints: the proxy's locality and its values of the
 * failover-priority labels the scope's settings read ({@code noLabels}: the proxy has no labels at all, which
 * turns {@code failoverPriority} off). Proxies with equal views share shaped assignments.
 */
record LocalityView(Locality locality, Map<String, String> priorityValues, boolean noLabels) {
    /** The view of {@code proxy} in {@code locality} for settings reading {@code priorityLabels}. */
    static LocalityView of(Proxy proxy, Locality locality, List<String> priorityLabels) {
        Map<String, String> labels = LocalityLbPolicy.augment(proxy.labels(), locality);
        return new LocalityView(locality, LocalityLbPolicy.proxyKey(priorityLabels, labels), labels.isEmpty());
    }

    /** The proxy labels {@link LocalityLoadBalancer} compares with (only the priority labels matter). */
    Map<String, String> labels() {
        return noLabels ? Map.of() : priorityValues;
    }

    /**
     * A proxy's locality as istiod's {@code setTopologyLabels} finds it: its labels' (node topology labels, then
     * the locality label), else its workload's ({@link Workload#locality}), else the one its xDS node sends, else
     * none ({@link Locality#EMPTY}, which istiod gives such proxies too).
     */
    static Locality proxyLocality(Proxy proxy, Workload workload, Locality nodeLocality) {
        Locality l = Locality.fromLabels(proxy.labels());
        if (l == null && workload != null) {
            l = workload.locality();
        }
        if (l == null) {
            l = nodeLocality;
        }
        return l == null ? Locality.EMPTY : l;
    }
}
