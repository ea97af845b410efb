package io.meshscope.xds;

import io.meshscope.core.registry.MeshService;
import java.util.ArrayList;
import java.util.List;

/**
 * Virtual host domains for a service as istiod's {@code generateVirtualHostDomains} and
 * {@code GenerateAltVirtualHosts} ({@code pilot/pkg/networking/core/httproute.go}) compute them: the host, its
 * absolute form ({@code host.}, PILOT_ENABLE_ABSOLUTE_FQDN_VHOST_DOMAIN defaults to true), the Kubernetes short
 * forms the proxy's DNS search path resolves ({@code name}, {@code name.ns}, {@code name.ns.svc} in the proxy's
 * own namespace; {@code name.ns}, {@code name.ns.svc} elsewhere), {@code *.}-prefixed copies for headless
 * Kubernetes services, and the VIPs. {@code port == 0} means "no {@code :port} variants".
 */
final class Domains {
    private Domains() {
    }

    /** The proxy's DNS domain, {@code <ns>.svc.<suffix>}, as the sidecar injector sets it. */
    static String proxyDomain(String namespace, String domainSuffix) {
        return namespace + ".svc." + domainSuffix;
    }

    /** All domains for the service, and (second list) the alternate short hosts among them. */
    static List<List<String>> forService(MeshService svc, int port, String proxyDomain) {
        List<String> domains = new ArrayList<>();
        List<String> alt = altHosts(svc.hostname(), port, proxyDomain);
        appendDomainPort(domains, svc.hostname(), port);
        domains.addAll(alt);
        if (svc.resolution() == MeshService.Resolution.PASSTHROUGH && svc.isKubernetes()) {
            int n = domains.size();
            for (int i = 0; i < n; i++) {
                domains.add("*." + domains.get(i));
            }
        }
        for (String vip : svc.addresses()) {
            // CIDR addresses are not hosts a client can send; istiod's per-IP matching only applies to IPs.
            if (!vip.isEmpty() && !vip.equals("0.0.0.0") && vip.indexOf('/') < 0) {
                appendDomainPort(domains, vip, port);
            }
        }
        return List.of(domains, alt);
    }

    /** {@code appendDomainPort}: the domain, and {@code domain:port} unless port is 0. */
    static void appendDomainPort(List<String> into, String domain, int port) {
        into.add(ipv6Compliant(domain));
        if (port != 0) {
            into.add(ResourceNames.hostPort(domain, port));
        }
    }

    private static String ipv6Compliant(String host) {
        return Protos.isIpv6(host) ? "[" + host + "]" : host;
    }

    /** {@code GenerateAltVirtualHosts} for a proxy whose DNS domain contains {@code .svc.} (always, for sidecars). */
    static List<String> altHosts(String hostname, int port, String proxyDomain) {
        List<String> out = new ArrayList<>();
        if (!Protos.isIpLiteral(hostname)) {
            out.add(hostname + ".");
        }
        if (port != 0) {
            out.add(ResourceNames.hostPort(hostname + ".", port));
        }
        int svcAt = proxyDomain.indexOf(".svc.");
        if (svcAt < 0 || !hostname.endsWith(proxyDomain.substring(svcAt))) {
            return out; // not a Kubernetes service host: expanding short names could collide
        }
        int ih = hostname.indexOf(".svc.");
        int ns = hostname.indexOf('.');
        if (ih <= 0 || ns + 1 >= hostname.length() || ns + 1 > ih) {
            return out;
        }
        String name = hostname.substring(0, ns);
        String nameNs = hostname.substring(0, ih);
        if (hostname.substring(ns + 1, ih).equals(proxyDomain.substring(0, svcAt))) {
            appendDomainPort(out, name, port);
            appendDomainPort(out, nameNs + ".svc", port);
            appendDomainPort(out, nameNs, port);
        } else {
            appendDomainPort(out, nameNs, port);
            appendDomainPort(out, nameNs + ".svc", port);
        }
        return out;
    }
}
