package io.meshscope.xds;

import io.envoyproxy.envoy.config.route.v3.RouteAction;
import io.meshscope.core.model.TrafficPolicy;
import java.util.Map;

/**
 * istiod's {@code ConsistentHashToHashPolicy} ({@code pilot/pkg/networking/core/route/route.go}): a
 * DestinationRule's consistent-hash key as the route's {@code hash_policy}: a header, a cookie (name, ttl, path,
 * attributes), the source IP, or a query parameter. Null when the hash names no key.
 */
final class HashPolicies {
    private HashPolicies() {
    }

    static RouteAction.HashPolicy of(TrafficPolicy.ConsistentHash hash) {
        if (hash == null) {
            return null;
        }
        if (hash.httpHeaderName() != null) {
            return RouteAction.HashPolicy.newBuilder().setHeader(RouteAction.HashPolicy.Header.newBuilder()
                    .setHeaderName(hash.httpHeaderName())).build();
        }
        if (hash.httpCookie() != null) {
            TrafficPolicy.HttpCookie c = hash.httpCookie();
            RouteAction.HashPolicy.Cookie.Builder cookie = RouteAction.HashPolicy.Cookie.newBuilder()
                    .setName(c.name()).setPath(c.path());
            com.google.protobuf.Duration ttl = ClusterPolicies.duration(c.ttl());
            if (ttl != null) {
                cookie.setTtl(ttl);
            }
            for (Map.Entry<String, String> a : c.attributes()) {
                cookie.addAttributes(RouteAction.HashPolicy.CookieAttribute.newBuilder().setName(a.getKey())
                        .setValue(a.getValue()));
            }
            return RouteAction.HashPolicy.newBuilder().setCookie(cookie).build();
        }
        if (hash.useSourceIp() != null) {
            return RouteAction.HashPolicy.newBuilder().setConnectionProperties(
                    RouteAction.HashPolicy.ConnectionProperties.newBuilder().setSourceIp(hash.useSourceIp())).build();
        }
        if (hash.httpQueryParameterName() != null) {
            return RouteAction.HashPolicy.newBuilder().setQueryParameter(RouteAction.HashPolicy.QueryParameter
                    .newBuilder().setName(hash.httpQueryParameterName())).build();
        }
        return null;
    }
}
