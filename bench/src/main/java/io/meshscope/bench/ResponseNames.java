package io.meshscope.bench;

import com.google.protobuf.Any;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.WireFormat;
import io.envoyproxy.envoy.config.listener.v3.Filter;
import io.envoyproxy.envoy.config.listener.v3.FilterChain;
import io.envoyproxy.envoy.config.listener.v3.Listener;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager;
import io.envoyproxy.envoy.service.discovery.v3.DiscoveryResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The names a simulated Envoy asks for next, read from the responses it got: the EDS clusters a CDS response names
 * and the route configurations an LDS response's HTTP connection managers take from RDS. Read once per distinct
 * response version and shared between streams: thousands of proxies get the same few responses.
 */
final class ResponseNames {
    private static final int EDS_DISCOVERY_TYPE = 3; // envoy.config.cluster.v3.Cluster.DiscoveryType.EDS

    private final Map<String, List<String>> byVersion = new ConcurrentHashMap<>();

    /** EDS cluster names from a CDS response: only fields 1 (name) and 2 (type) of each Cluster are read. */
    List<String> edsClusters(DiscoveryResponse resp) {
        return byVersion.computeIfAbsent(AdsClients.CDS + "|" + resp.getVersionInfo(), k -> {
            TreeSet<String> out = new TreeSet<>();
            for (Any a : resp.getResourcesList()) {
                try {
                    CodedInputStream in = a.getValue().newCodedInput();
                    String name = null;
                    int type = 0;
                    while (true) {
                        int tag = in.readTag();
                        if (tag == 0) {
                            break;
                        }
                        int field = WireFormat.getTagFieldNumber(tag);
                        if (field == 1 && WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                            name = in.readStringRequireUtf8();
                        } else if (field == 2 && WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_VARINT) {
                            type = in.readEnum();
                        } else {
                            in.skipField(tag);
                        }
                    }
                    if (type == EDS_DISCOVERY_TYPE && name != null) {
                        out.add(name);
                    }
                } catch (IOException e) {
                    throw new IllegalStateException("unparseable Cluster", e);
                }
            }
            return List.copyOf(out);
        });
    }

    /** Route names the listeners' HTTP connection managers take from RDS. */
    List<String> routeNames(DiscoveryResponse resp) {
        return byVersion.computeIfAbsent(AdsClients.LDS + "|" + resp.getVersionInfo(), k -> {
            TreeSet<String> out = new TreeSet<>();
            try {
                for (Any a : resp.getResourcesList()) {
                    Listener l = Listener.parseFrom(a.getValue());
                    List<FilterChain> chains = new ArrayList<>(l.getFilterChainsList());
                    if (l.hasDefaultFilterChain()) {
                        chains.add(l.getDefaultFilterChain());
                    }
                    for (FilterChain fc : chains) {
                        for (Filter f : fc.getFiltersList()) {
                            if (f.hasTypedConfig() && f.getTypedConfig().is(HttpConnectionManager.class)) {
                                HttpConnectionManager hcm = f.getTypedConfig().unpack(HttpConnectionManager.class);
                                if (hcm.hasRds()) {
                                    out.add(hcm.getRds().getRouteConfigName());
                                }
                            }
                        }
                    }
                }
            } catch (InvalidProtocolBufferException e) {
                throw new IllegalStateException("unparseable Listener", e);
            }
            return List.copyOf(out);
        });
    }
}
