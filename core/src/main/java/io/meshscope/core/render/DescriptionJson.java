package io.meshscope.core.render;

import io.meshscope.core.describe.Description;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Renders a {@link Description} as cli.md's {@code describe -o json} shape (fields may be added, never renamed). */
public final class DescriptionJson {
    private DescriptionJson() {
    }

    public static Map<String, Object> toMap(Description d) {
        Map<String, Object> m = new LinkedHashMap<>();
        Map<String, Object> w = new LinkedHashMap<>();
        w.put("kind", d.workload().kind());
        w.put("namespace", d.workload().namespace());
        w.put("name", d.workload().name());
        w.put("labels", d.workload().labels());
        m.put("workload", w);
        m.put("proxyType", d.proxyType());
        m.put("sidecar", d.sidecar());
        if (d.sidecarLocation() != null && d.sidecarLocation().isKnown()) {
            m.put("sidecarLocation", d.sidecarLocation().toString());
        }
        m.put("selectedBy", d.selectedBy());
        List<Object> shadowed = new ArrayList<>();
        for (Description.ShadowedView s : d.shadowed()) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("sidecar", s.sidecar());
            e.put("reason", s.reason());
            shadowed.add(e);
        }
        m.put("shadowed", shadowed);
        m.put("outboundTrafficPolicy", d.outboundTrafficPolicy());
        List<Object> egress = new ArrayList<>();
        for (Description.EgressView e : d.egress()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("port", e.port());
            x.put("protocol", e.protocol());
            x.put("name", e.name());
            x.put("bind", e.bind());
            x.put("captureMode", e.captureMode());
            x.put("hosts", e.hosts());
            x.put("services", e.services());
            x.put("servicePorts", e.servicePorts());
            x.put("serviceNamespaces", e.serviceNamespaces());
            x.put("virtualServices", e.virtualServices());
            x.put("hostMatches", e.hostMatches());
            x.put("unmatchedHosts", e.unmatchedHosts());
            x.put("unknownNamespaceHosts", e.unknownNamespaceHosts());
            egress.add(x);
        }
        m.put("egress", egress);
        m.put("scopeServices", d.scopeServices());
        m.put("scopeServicePorts", d.scopeServicePorts());
        m.put("scopeServiceNamespaces", d.scopeServiceNamespaces());
        m.put("destinationRules", d.destinationRules());
        Map<String, Object> protocols = new LinkedHashMap<>();
        d.scopeServiceProtocols().forEach((host, byPort) -> {
            Map<String, String> ports = new LinkedHashMap<>();
            byPort.forEach((port, protocol) -> ports.put(String.valueOf(port), protocol));
            protocols.put(host, ports);
        });
        m.put("scopeServiceProtocols", protocols);
        List<Object> ingress = new ArrayList<>();
        for (Description.IngressView i : d.ingress()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("port", i.port());
            x.put("protocol", i.protocol());
            x.put("name", i.name());
            x.put("bind", i.bind());
            x.put("captureMode", i.captureMode());
            x.put("defaultEndpoint", i.defaultEndpoint().isEmpty() ? null : i.defaultEndpoint());
            ingress.add(x);
        }
        m.put("ingress", ingress);
        Map<String, Object> injection = new LinkedHashMap<>();
        injection.put("hasProxy", d.injection().hasProxy());
        injection.put("reason", d.injection().reason());
        injection.put("assumed", d.injection().assumed());
        m.put("injection", injection);
        return m;
    }
}
