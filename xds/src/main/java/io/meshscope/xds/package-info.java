/**
 * Envoy v3 resources as istiod would send them, built as pure functions of a {@code MeshIndex}: start at
 * {@link io.meshscope.xds.XdsSnapshot#build}, ask {@link io.meshscope.xds.XdsSnapshot#resourcesFor} per proxy, render with
 * {@link io.meshscope.xds.ConfigDumps}. Names follow istiod ({@link io.meshscope.xds.ResourceNames}).
 *
 * <p>Generated for sidecars (iptables REDIRECT interception assumed): outbound clusters per scope service port
 * and DestinationRule subset (EDS / STRICT_DNS / LOGICAL_DNS / ORIGINAL_DST by resolution) with the
 * DestinationRule's traffic policy merged per port and subset (load balancing, connection pool, outlier
 * detection, upstream TLS, proxy protocol; consistent hashes as route hash policies), the catch-all
 * clusters, inbound clusters; EDS assignments with localities; outbound listeners per egress listener (HTTP on
 * {@code 0.0.0.0_<port>} with RDS, TCP/TLS on {@code <VIP>_<port>} or SNI-matched on {@code 0.0.0.0_<port>}, binds,
 * capture mode NONE, UDS, port locking), virtualOutbound and virtualInbound (its chains shaped by PeerAuthentication:
 * STRICT, PERMISSIVE, DISABLE as istiod); per-port route configs with
 * VirtualService HTTP routes (uri exact/prefix/regex, port and sourceNamespace matches, weighted destinations and
 * subsets) and the allow_any/block_all catch-all. For proxyless gRPC: API listeners, route configs and EDS
 * clusters.
 *
 * <p>Not generated: outbound auto-mTLS (transport socket matches),
 * protocol sniffing (unknown-protocol ports are TCP), VirtualService TCP/TLS routes, mirrors, rewrites, redirects,
 * retries/timeouts/faults/headers from VirtualServices, VirtualService hosts that are not services, the DestinationRule
 * policy parts docs/XDS.md lists (locality priorities, tunnel, retry budgets), EnvoyFilters, telemetry and Istio's own
 * filters (metadata exchange, stats, authn/authz), egressProxy, gateways, and interception mode NONE.
 */
package io.meshscope.xds;
