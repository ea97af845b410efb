package io.meshscope.xds;

import io.envoyproxy.envoy.config.core.v3.Http2ProtocolOptions;
import io.envoyproxy.envoy.config.listener.v3.Filter;
import io.envoyproxy.envoy.config.route.v3.RouteConfiguration;
import io.envoyproxy.envoy.extensions.filters.http.cors.v3.Cors;
import io.envoyproxy.envoy.extensions.filters.http.fault.v3.HTTPFault;
import io.envoyproxy.envoy.extensions.filters.http.router.v3.Router;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpFilter;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.Rds;
import com.google.protobuf.BoolValue;

/**
 * HTTP connection managers as istiod's {@code buildHTTPConnectionManager} ({@code listener_builder.go}) sets
 * them up: AUTO codec, websocket upgrades, no stream idle timeout, path normalisation, and the standard Envoy
 * HTTP filters istiod always appends (fault, CORS, then the router, which must be last). Istio-specific filters
 * (metadata exchange, ALPN, stats, authn/authz) are not generated.
 */
final class ConnectionManagers {
    private ConnectionManagers() {
    }

    /** A sidecar outbound HCM that fetches route config {@code routeName} over ADS. */
    static Filter outboundRds(String statPrefix, String routeName) {
        HttpConnectionManager hcm = common(statPrefix)
                .setRds(Rds.newBuilder().setConfigSource(Protos.adsV3()).setRouteConfigName(routeName))
                .build();
        return filter(hcm);
    }

    /** A sidecar inbound HCM with its route config inline (inbound never uses RDS). */
    static Filter inboundInline(String statPrefix, RouteConfiguration routes, boolean http2) {
        HttpConnectionManager.Builder b = common(statPrefix).setRouteConfig(routes);
        if (http2) {
            b.setHttp2ProtocolOptions(Http2ProtocolOptions.getDefaultInstance());
        }
        return filter(b.build());
    }

    /**
     * The proxyless gRPC API listener HCM ({@code grpcgen/lds.go}): only the filters grpc-xds supports
     * (fault, router last) and RDS over a bare ADS config source.
     */
    static HttpConnectionManager proxyless(String routeName) {
        return HttpConnectionManager.newBuilder()
                .addHttpFilters(httpFilter(Protos.FAULT_FILTER, HTTPFault.getDefaultInstance()))
                .addHttpFilters(httpFilter(Protos.ROUTER_FILTER, Router.getDefaultInstance()))
                .setRds(Rds.newBuilder().setConfigSource(Protos.adsBare()).setRouteConfigName(routeName))
                .build();
    }

    private static HttpConnectionManager.Builder common(String statPrefix) {
        return HttpConnectionManager.newBuilder()
                .setCodecType(HttpConnectionManager.CodecType.AUTO)
                .setStatPrefix(statPrefix)
                .addHttpFilters(httpFilter(Protos.FAULT_FILTER, HTTPFault.getDefaultInstance()))
                .addHttpFilters(httpFilter(Protos.CORS_FILTER, Cors.getDefaultInstance()))
                .addHttpFilters(httpFilter(Protos.ROUTER_FILTER, Router.getDefaultInstance()))
                .setUseRemoteAddress(BoolValue.of(false))
                .addUpgradeConfigs(HttpConnectionManager.UpgradeConfig.newBuilder().setUpgradeType("websocket"))
                .setStreamIdleTimeout(Protos.ZERO)
                .setNormalizePath(BoolValue.of(true))
                .setPathWithEscapedSlashesAction(HttpConnectionManager.PathWithEscapedSlashesAction.KEEP_UNCHANGED);
    }

    private static HttpFilter httpFilter(String name, com.google.protobuf.Message config) {
        return HttpFilter.newBuilder().setName(name).setTypedConfig(Protos.any(config)).build();
    }

    private static Filter filter(HttpConnectionManager hcm) {
        return Filter.newBuilder().setName(Protos.HCM_FILTER).setTypedConfig(Protos.any(hcm)).build();
    }
}
