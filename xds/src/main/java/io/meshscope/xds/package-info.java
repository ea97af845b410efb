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
 * capture mode NONE, UDS, port locking, protocol sniffing), with VirtualService TCP and TLS routes as filter chains
 * and the DestinationRule's TCP proxy settings ({@link io.meshscope.xds.L4Chains}), virtualOutbound and
 * virtualInbound (its chains shaped by PeerAuthentication: STRICT, PERMISSIVE, DISABLE as istiod); per-port route
 * configs with VirtualService HTTP routes (docs/XDS.md lists every field), virtual hosts for VirtualService hosts
 * that are not services, and the allow_any/block_all catch-all; auto mTLS on outbound clusters and endpoints
 * ({@link io.meshscope.xds.AutoMtls}). For proxyless gRPC: API listeners, route configs and EDS clusters.
 *
 * <p>Not generated: the DestinationRule policy parts docs/XDS.md lists, EnvoyFilters, telemetry and Istio's own
 * filters (metadata exchange, stats, authn/authz), gateways, and interception mode NONE.
 */
package io.meshscope.xds;
