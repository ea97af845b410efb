package io.meshscope.core.describe;

import io.meshscope.core.model.Workload;
import io.meshscope.core.scope.ConfigKey;
import io.meshscope.core.scope.MeshIndex;
import io.meshscope.core.scope.Proxy;
import io.meshscope.core.scope.ProxyType;
import java.util.ArrayList;
import java.util.List;

/** Which proxies a change is pushed to (cli.md {@code affected}), by istiod's push-dependency rules. */
public final class AffectedProxies {
    private final MeshIndex index;

    public AffectedProxies(MeshIndex index) {
        this.index = index;
    }

    /** One proxy's answer. */
    public record Answer(Workload workload, ProxyType proxyType, boolean push) {
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
}
