package io.meshscope.xds;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.envoyproxy.envoy.admin.v3.ClustersConfigDump;
import io.envoyproxy.envoy.admin.v3.ConfigDump;
import io.envoyproxy.envoy.admin.v3.EndpointsConfigDump;
import io.envoyproxy.envoy.admin.v3.ListenersConfigDump;
import io.envoyproxy.envoy.admin.v3.RoutesConfigDump;
import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.endpoint.v3.ClusterLoadAssignment;
import io.envoyproxy.envoy.config.listener.v3.Listener;
import io.envoyproxy.envoy.config.route.v3.RouteConfiguration;
import io.envoyproxy.envoy.extensions.filters.http.cors.v3.Cors;
import io.envoyproxy.envoy.extensions.filters.http.fault.v3.HTTPFault;
import io.envoyproxy.envoy.extensions.filters.http.router.v3.Router;
import io.envoyproxy.envoy.extensions.filters.listener.http_inspector.v3.HttpInspector;
import io.envoyproxy.envoy.extensions.filters.listener.original_dst.v3.OriginalDst;
import io.envoyproxy.envoy.extensions.filters.listener.tls_inspector.v3.TlsInspector;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager;
import io.envoyproxy.envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy;
import io.envoyproxy.envoy.extensions.retry.host.previous_hosts.v3.PreviousHostsPredicate;
import io.envoyproxy.envoy.extensions.upstreams.http.v3.HttpProtocolOptions;

/**
 * An Envoy admin {@code /config_dump} for a proxy's resources (dynamic, active, with each resource's version as
 * {@code version_info}; no {@code last_updated}, since generation uses no clock), and its JSON rendering with a
 * type registry holding every message type packed in an {@code Any}, so typed configs print in full.
 */
public final class ConfigDumps {
    /** Every type meshscope packs in an {@code Any}: the dumps, the resources and the typed filter configs. */
    public static final JsonFormat.TypeRegistry TYPES = JsonFormat.TypeRegistry.newBuilder()
            .add(ClustersConfigDump.getDescriptor())
            .add(EndpointsConfigDump.getDescriptor())
            .add(ListenersConfigDump.getDescriptor())
            .add(RoutesConfigDump.getDescriptor())
            .add(Cluster.getDescriptor())
            .add(io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext.getDescriptor())
            .add(io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.DownstreamTlsContext.getDescriptor())
            .add(io.envoyproxy.envoy.extensions.transport_sockets.proxy_protocol.v3.ProxyProtocolUpstreamTransport
                    .getDescriptor())
            .add(io.envoyproxy.envoy.extensions.transport_sockets.raw_buffer.v3.RawBuffer.getDescriptor())
            .add(ClusterLoadAssignment.getDescriptor())
            .add(Listener.getDescriptor())
            .add(RouteConfiguration.getDescriptor())
            .add(HttpConnectionManager.getDescriptor())
            .add(TcpProxy.getDescriptor())
            .add(Router.getDescriptor())
            .add(HTTPFault.getDescriptor())
            .add(Cors.getDescriptor())
            .add(OriginalDst.getDescriptor())
            .add(TlsInspector.getDescriptor())
            .add(HttpInspector.getDescriptor())
            .add(PreviousHostsPredicate.getDescriptor())
            .add(io.envoyproxy.envoy.extensions.retry.priority.previous_priorities.v3.PreviousPrioritiesConfig.getDescriptor())
            .add(io.envoyproxy.envoy.extensions.filters.http.cors.v3.CorsPolicy.getDescriptor())
            .add(HttpProtocolOptions.getDescriptor())
            .build();

    private ConfigDumps() {
    }

    /** Clusters, endpoints, listeners and routes, each as Envoy's admin API reports dynamic resources. */
    public static ConfigDump configDump(ProxyResources resources) {
        ClustersConfigDump.Builder clusters = ClustersConfigDump.newBuilder();
        for (NamedResource r : resources.clusters()) {
            clusters.addDynamicActiveClusters(ClustersConfigDump.DynamicCluster.newBuilder()
                    .setVersionInfo(r.version()).setCluster(r.packed()));
        }
        EndpointsConfigDump.Builder endpoints = EndpointsConfigDump.newBuilder();
        for (NamedResource r : resources.endpoints()) {
            endpoints.addDynamicEndpointConfigs(EndpointsConfigDump.DynamicEndpointConfig.newBuilder()
                    .setVersionInfo(r.version()).setEndpointConfig(r.packed()));
        }
        ListenersConfigDump.Builder listeners = ListenersConfigDump.newBuilder();
        for (NamedResource r : resources.listeners()) {
            listeners.addDynamicListeners(ListenersConfigDump.DynamicListener.newBuilder().setName(r.name())
                    .setActiveState(ListenersConfigDump.DynamicListenerState.newBuilder()
                            .setVersionInfo(r.version()).setListener(r.packed())));
        }
        RoutesConfigDump.Builder routes = RoutesConfigDump.newBuilder();
        for (NamedResource r : resources.routes()) {
            routes.addDynamicRouteConfigs(RoutesConfigDump.DynamicRouteConfig.newBuilder()
                    .setVersionInfo(r.version()).setRouteConfig(r.packed()));
        }
        return ConfigDump.newBuilder()
                .addConfigs(Protos.any(clusters.build()))
                .addConfigs(Protos.any(listeners.build()))
                .addConfigs(Protos.any(routes.build()))
                .addConfigs(Protos.any(endpoints.build()))
                .build();
    }

    /** Envoy's JSON: proto field names in snake_case, as Envoy's admin /config_dump and istioctl print them. */
    public static String toJson(com.google.protobuf.MessageOrBuilder message) {
        try {
            return JsonFormat.printer().usingTypeRegistry(TYPES).preservingProtoFieldNames().print(message);
        } catch (InvalidProtocolBufferException e) {
            // Only an Any of a type missing from TYPES gets here: a bug in this module, not in the input.
            throw new IllegalStateException("cannot print config dump: " + e.getMessage(), e);
        }
    }

    /** The JSON config dump of a proxy's resources. */
    public static String json(ProxyResources resources) {
        return toJson(configDump(resources));
    }
}
