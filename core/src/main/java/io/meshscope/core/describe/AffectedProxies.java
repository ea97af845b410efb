package io.meshscope.core.describe;

import io.meshscope.core.model.MeshObject;
import io.meshscope.core.model.Workload;
import io.meshscope.core.registry.MeshService;
import io.meshscope.core.scope.ConfigKey;
import io.meshscope.core.scope.MeshIndex;
import io.meshscope.core.scope.Proxy;
import io.meshscope.core.scope.ProxyType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Which proxies a change is pushed to (cli.md {@code affected}), by istiod's push-dependency rules. */
public final class AffectedProxies {
    private static final int MAX_CLOSEST = 3;
    private final MeshIndex index;

    public AffectedProxies(MeshIndex index) {
        this.index = index;
    }

    /** One proxy's answer. */
    public record Answer(Workload workload, ProxyType proxyType, boolean push) {
    }

    /** A change naming something the input does not hold: why, and the closest names it does hold. */
    public record Miss(String reason, List<String> closest) {
        public Miss {
            closest = List.copyOf(closest);
        }
    }

    /** The answer for each workload as the proxy type given (null: recognised gateway or sidecar). */
    public List<Answer> evaluate(ChangeSpec change, List<Workload> workloads, ProxyType forcedType, boolean forced) {
        List<ConfigKey> keys = change.keys(index.registry());
        List<Answer> out = new ArrayList<>();
        for (Workload w : workloads) {
            ProxyType type = forcedType != null ? forcedType : GatewayRecognizer.typeOf(w);
            Proxy proxy = Describer.proxyOf(w, type);
            out.add(new Answer(w, type, index.needsPush(proxy, null, keys, forced)));
        }
        return out;
    }

    /**
     * Whether the change names nothing in the input: a hostname no service has (typically a short name: istiod
     * keys changes by FQDN and never expands one), or a Sidecar, VirtualService, DestinationRule or PeerAuthentication
     * the input does not hold. Kinds the input never carries (EnvoyFilter, ...) cannot be checked and always match.
     */
    public Optional<Miss> miss(ChangeSpec change) {
        if (change.isHostname()) {
            if (!index.registry().withHostname(change.name()).isEmpty()) {
                return Optional.empty();
            }
            List<String> hosts = index.registry().all().stream().map(MeshService::hostname).distinct().toList();
            String reason = "no service in the input has the hostname '" + change.name() + "'"
                    + (change.name().contains(".") ? "" : " (istiod keys changes by FQDN; short names are never expanded)");
            return Optional.of(new Miss(reason, closest(change.name(), hosts, true)));
        }
        List<? extends MeshObject> objects = switch (change.kind()) {
            case ConfigKey.SIDECAR -> index.input().sidecars();
            case ConfigKey.VIRTUAL_SERVICE -> index.input().virtualServices();
            case ConfigKey.DESTINATION_RULE -> index.input().destinationRules();
            case ConfigKey.PEER_AUTHENTICATION -> index.input().peerAuthentications();
            default -> null;
        };
        if (objects == null) {
            return Optional.empty();
        }
        String typed = change.namespace() + "/" + change.name();
        List<String> names = objects.stream().map(o -> o.meta().namespace() + "/" + o.meta().name()).toList();
        if (names.contains(typed)) {
            return Optional.empty();
        }
        return Optional.of(new Miss("the input has no " + change.kind() + " " + typed,
                closest(typed, names, false).stream().map(n -> change.kind() + "/" + n).toList()));
    }

    /** The candidates nearest to {@code typed}; hostnames are also compared by their short forms. */
    private static List<String> closest(String typed, List<String> candidates, boolean hostnames) {
        return candidates.stream()
                .sorted(Comparator.comparingInt((String c) -> score(typed, c, hostnames)).thenComparing(c -> c))
                .limit(MAX_CLOSEST).toList();
    }

    private static int score(String typed, String candidate, boolean hostname) {
        int best = WorkloadLookup.distance(typed, candidate);
        if (hostname) {
            // "paymentservice" or "payment-service.orders" against payment-service.orders.svc.cluster.local
            String[] labels = candidate.split("\\.");
            best = Math.min(best, Stream.of(labels[0], labels.length > 1 ? labels[0] + "." + labels[1] : labels[0])
                    .mapToInt(form -> WorkloadLookup.distance(typed, form)).min().orElse(best));
        }
        return best;
    }
}
