package io.meshscope.xds;

import com.google.protobuf.Any;
import com.google.protobuf.Duration;
import com.google.protobuf.Message;
import com.google.protobuf.UInt32Value;
import io.envoyproxy.envoy.config.core.v3.Address;
import io.envoyproxy.envoy.config.core.v3.AggregatedConfigSource;
import io.envoyproxy.envoy.config.core.v3.ApiVersion;
import io.envoyproxy.envoy.config.core.v3.ConfigSource;
import io.envoyproxy.envoy.config.core.v3.Pipe;
import io.envoyproxy.envoy.config.core.v3.SocketAddress;
import io.envoyproxy.envoy.config.listener.v3.Filter;
import io.envoyproxy.envoy.config.listener.v3.ListenerFilter;
import io.envoyproxy.envoy.extensions.filters.listener.http_inspector.v3.HttpInspector;
import io.envoyproxy.envoy.extensions.filters.listener.original_dst.v3.OriginalDst;
import io.envoyproxy.envoy.extensions.filters.listener.tls_inspector.v3.TlsInspector;
import io.envoyproxy.envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy;
import java.util.Locale;

/** Small builders for Envoy messages every generator needs (addresses, ADS config sources, well-known filters). */
final class Protos {
    static final String HCM_FILTER = "envoy.filters.network.http_connection_manager";
    static final String TCP_PROXY_FILTER = "envoy.filters.network.tcp_proxy";
    static final String ROUTER_FILTER = "envoy.filters.http.router";
    static final String FAULT_FILTER = "envoy.filters.http.fault";
    static final String CORS_FILTER = "envoy.filters.http.cors";
    static final String ORIGINAL_DST_FILTER = "envoy.filters.listener.original_dst";
    static final String TLS_INSPECTOR_FILTER = "envoy.filters.listener.tls_inspector";
    static final String HTTP_INSPECTOR_FILTER = "envoy.filters.listener.http_inspector";
    static final String HTTP_PROTOCOL_OPTIONS_KEY = "envoy.extensions.upstreams.http.v3.HttpProtocolOptions";
    /** Envoy's default connect timeout in istiod ({@code meshConfig.connectTimeout}, {@code mesh.go}). */
    static final Duration CONNECT_TIMEOUT = seconds(10);
    static final Duration ZERO = seconds(0);

    private Protos() {
    }

    static Duration seconds(long s) {
        return Duration.newBuilder().setSeconds(s).build();
    }

    static UInt32Value u32(int v) {
        return UInt32Value.of(v);
    }

    static Any any(Message m) {
        return Any.pack(m);
    }

    /** {@code util.BuildAddress}: a pipe for {@code unix://} binds, else a socket address. */
    static Address address(String bind, int port) {
        if (bind.startsWith(ResourceNames.UNIX_PREFIX)) {
            return Address.newBuilder()
                    .setPipe(Pipe.newBuilder().setPath(bind.substring(ResourceNames.UNIX_PREFIX.length())))
                    .build();
        }
        return Address.newBuilder()
                .setSocketAddress(SocketAddress.newBuilder().setAddress(bind).setPortValue(port))
                .build();
    }

    /**
     * The ADS config source istiod writes for RDS and EDS ({@code buildHTTPConnectionManager},
     * {@code maybeApplyEdsConfig}): ads, no initial fetch timeout, v3.
     */
    static ConfigSource adsV3() {
        return ConfigSource.newBuilder()
                .setAds(AggregatedConfigSource.getDefaultInstance())
                .setInitialFetchTimeout(ZERO)
                .setResourceApiVersion(ApiVersion.V3)
                .build();
    }

    /** The bare ADS config source the proxyless generator writes ({@code grpcgen/lds.go}, {@code grpcgen/cds.go}). */
    static ConfigSource adsBare() {
        return ConfigSource.newBuilder().setAds(AggregatedConfigSource.getDefaultInstance()).build();
    }

    static Filter tcpProxy(String statPrefix, String cluster) {
        TcpProxy proxy = TcpProxy.newBuilder().setStatPrefix(statPrefix).setCluster(cluster).build();
        return Filter.newBuilder().setName(TCP_PROXY_FILTER).setTypedConfig(any(proxy)).build();
    }

    static ListenerFilter originalDst() {
        return ListenerFilter.newBuilder().setName(ORIGINAL_DST_FILTER)
                .setTypedConfig(any(OriginalDst.getDefaultInstance())).build();
    }

    static ListenerFilter tlsInspector() {
        return ListenerFilter.newBuilder().setName(TLS_INSPECTOR_FILTER)
                .setTypedConfig(any(TlsInspector.getDefaultInstance())).build();
    }

    static ListenerFilter httpInspector() {
        return ListenerFilter.newBuilder().setName(HTTP_INSPECTOR_FILTER)
                .setTypedConfig(any(HttpInspector.getDefaultInstance())).build();
    }

    /** True for an IPv4 literal (dotted quad, each part 0..255). */
    static boolean isIpv4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit) || Integer.parseInt(p) > 255) {
                return false;
            }
        }
        return true;
    }

    /** True for an IPv6 literal (hex groups and colons, optionally an embedded IPv4 tail); no DNS lookups. */
    static boolean isIpv6(String s) {
        if (s.indexOf(':') < 0 || s.length() > 45) {
            return false;
        }
        String lower = s.toLowerCase(Locale.ROOT);
        int lastColon = lower.lastIndexOf(':');
        String tail = lower.substring(lastColon + 1);
        String head = lower;
        if (tail.indexOf('.') >= 0) {
            if (!isIpv4(tail)) {
                return false;
            }
            head = lower.substring(0, lastColon + 1) + "0";
        }
        if (head.indexOf("::") != head.lastIndexOf("::")) {
            return false;
        }
        for (String group : head.split(":", -1)) {
            if (group.length() > 4 || !group.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                return false;
            }
        }
        return true;
    }

    static boolean isIpLiteral(String s) {
        return s != null && (isIpv4(s) || isIpv6(s));
    }
}
