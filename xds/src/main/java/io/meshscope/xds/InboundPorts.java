package io.meshscope.xds;

import io.meshscope.core.model.CaptureMode;
import io.meshscope.core.model.IngressListener;
import io.meshscope.core.model.MeshConfig;
import io.meshscope.core.model.Workload;
import io.meshscope.core.registry.MeshService;
import io.meshscope.core.registry.Protocols;
import io.meshscope.core.registry.ServicePort;
import io.meshscope.core.registry.TargetPorts;
import io.meshscope.core.scope.SidecarScope;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which inbound ports a sidecar serves ({@code buildInboundChainConfigs}, {@code buildInboundClustersFromSidecar}):
 * the Sidecar's ingress listeners if it has any (service ports are then not merged, as
 * PILOT_ALLOW_SIDECAR_SERVICE_INBOUND_LISTENER_MERGE defaults to false), else one port per target port of the
 * workload's own services. The first entry for a port wins. Interception is assumed to be iptables REDIRECT.
 */
final class InboundPorts {
    /**
     * One inbound port: {@code port} is the target port (the cluster is {@code inbound|port||}),
     * {@code servicePort} names the inbound virtual host, {@code endpointAddress} is empty for ORIGINAL_DST.
     */
    record Port(int port, int servicePort, String protocol, String bind, boolean bindToPort, String endpointAddress,
                int endpointPort) {
    }

    private InboundPorts() {
    }

    /** The proxy's wildcard: {@code ::} for an IPv6-only workload, else {@code 0.0.0.0}. */
    static String wildcard(Workload workload) {
        return ipv6Only(workload) ? "::" : OutboundListenerBuilder.WILDCARD;
    }

    private static boolean ipv6Only(Workload workload) {
        return workload != null && !workload.addresses().isEmpty()
                && workload.addresses().stream().allMatch(Protos::isIpv6);
    }

    private static String localhost(Workload workload) {
        return ipv6Only(workload) ? "::1" : OutboundListenerBuilder.LOCALHOST;
    }

    private static String firstAddress(Workload workload, boolean v6) {
        if (workload != null) {
            for (String a : workload.addresses()) {
                if (v6 ? Protos.isIpv6(a) : Protos.isIpv4(a)) {
                    return a;
                }
            }
        }
        return null;
    }

    static List<Port> compute(SidecarScope scope, List<MeshService> ownServices, Workload workload, MeshConfig mesh,
                              EndpointIndex endpoints) {
        Map<Integer, Port> byPort = new TreeMap<>();
        List<IngressListener> ingress = scope.ingress().stream()
                .filter(i -> i != null && i.port() != null && i.port().number() != null).toList();
        if (!ingress.isEmpty()) {
            for (IngressListener i : ingress) {
                long number = i.port().number();
                String protocol = Protocols.parse(i.port().protocol());
                if (number < 1 || number > 65535 || byPort.containsKey((int) number)
                        || reserved(i.bind(), (int) number, protocol, workload, false, mesh)) {
                    continue;
                }
                String[] endpoint = defaultEndpoint(i.defaultEndpoint(), workload);
                if (endpoint == null) {
                    continue; // an unparseable defaultEndpoint: validation rejects it, istiod skips the cluster
                }
                // An empty bind is the pod's IP when known (getSidecarInboundBindIPs), else the wildcard.
                String podIp = firstAddress(workload, ipv6Only(workload));
                String bind = !i.bind().isEmpty() ? i.bind() : (podIp != null ? podIp : wildcard(workload));
                byPort.put((int) number, new Port((int) number, (int) number, protocol, bind,
                        i.captureMode() == CaptureMode.NONE, endpoint[0], Integer.parseInt(endpoint[1])));
            }
            return new ArrayList<>(byPort.values());
        }
        for (MeshService svc : ownServices) {
            for (ServicePort sp : svc.ports()) {
                int target = endpoints.targetPort(svc, sp, workload);
                // NONE: a named targetPort this workload does not declare; istiod gives it no target for the port.
                if (target == TargetPorts.NONE || "UDP".equals(sp.protocol()) || byPort.containsKey(target)
                        || reserved(wildcard(workload), target, sp.protocol(), workload, true, mesh)) {
                    continue;
                }
                // meshConfig.inboundTrafficPolicy defaults to PASSTHROUGH: the cluster is ORIGINAL_DST.
                byPort.put(target, new Port(target, sp.port(), sp.protocol(), wildcard(workload), false, "", target));
            }
        }
        return new ArrayList<>(byPort.values());
    }

    /** {@code conflictWithReservedListener}; service ports also avoid the virtual listener ports. */
    private static boolean reserved(String bind, int port, String protocol, Workload workload, boolean virtualToo,
                                    MeshConfig mesh) {
        if (!bind.isEmpty() && !bind.equals(wildcard(workload))) {
            return false;
        }
        if (bind.isEmpty() && !Protocols.isHttp(protocol)) {
            return false;
        }
        return port == 15021 || port == 15090
                || (virtualToo && (port == mesh.proxyListenPort() || port == mesh.proxyInboundListenPort()));
    }

    /**
     * {@code buildInboundClustersFromSidecar}: {@code 127.0.0.1:P} and {@code [::1]:P} go to localhost,
     * {@code 0.0.0.0:P} / {@code [::]:P} to the pod's first IPv4 / IPv6 address (localhost when it has none),
     * {@code unix:///path} to that socket, empty to ORIGINAL_DST. Returns {address, port}, or null if invalid.
     */
    static String[] defaultEndpoint(String value, Workload workload) {
        if (value.isEmpty()) {
            return new String[] {"", "0"};
        }
        if (value.startsWith(ResourceNames.UNIX_PREFIX)) {
            return new String[] {value, "0"};
        }
        int colon = value.lastIndexOf(':');
        if (colon < 0) {
            return null;
        }
        String host = value.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        String port = value.substring(colon + 1);
        try {
            Integer.parseInt(port);
        } catch (NumberFormatException e) {
            return null;
        }
        String address = switch (host) {
            case "0.0.0.0" -> orElse(firstAddress(workload, false), "127.0.0.1");
            case "::" -> orElse(firstAddress(workload, true), "::1");
            case "127.0.0.1", "::1" -> localhost(workload); // the proxy's own loopback family wins
            default -> "";
        };
        return new String[] {address, port};
    }

    private static String orElse(String a, String b) {
        return a != null ? a : b;
    }
}
