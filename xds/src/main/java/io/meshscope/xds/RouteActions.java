package io.meshscope.xds;

import io.envoyproxy.envoy.config.core.v3.DataSource;
import io.envoyproxy.envoy.config.core.v3.HeaderValue;
import io.envoyproxy.envoy.config.core.v3.HeaderValueOption;
import io.envoyproxy.envoy.config.core.v3.RuntimeFractionalPercent;
import io.envoyproxy.envoy.config.route.v3.DirectResponseAction;
import io.envoyproxy.envoy.config.route.v3.RedirectAction;
import io.envoyproxy.envoy.config.route.v3.RetryPolicy;
import io.envoyproxy.envoy.config.route.v3.Route;
import io.envoyproxy.envoy.config.route.v3.RouteAction;
import io.envoyproxy.envoy.config.route.v3.WeightedCluster;
import io.envoyproxy.envoy.type.matcher.v3.RegexMatchAndSubstitute;
import io.envoyproxy.envoy.type.matcher.v3.RegexMatcher;
import io.meshscope.core.model.HttpActions;
import io.meshscope.core.model.VirtualService;
import io.meshscope.core.validate.Durations;
import com.google.protobuf.BoolValue;
import com.google.protobuf.ByteString;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The action half of istiod's {@code TranslateRoute} ({@code pilot/pkg/networking/core/route/route.go}):
 * {@code ApplyRedirect}, {@code ApplyDirectResponse}, or {@code applyHTTPRouteDestination} (timeout, rewrite,
 * authority, mirrors, single or weighted destinations with their header operations, retry policy), plus
 * {@code TranslateHeadersOperations}.
 */
final class RouteActions {
    private RouteActions() {
    }

    /** Request/response header operations and the authority a {@code set}/{@code add} of {@code :authority}/{@code host} asks for. */
    record HeaderOps(List<HeaderValueOption> requestAdd, List<String> requestRemove,
                     List<HeaderValueOption> responseAdd, List<String> responseRemove, String authority) {
    }

    /**
     * Sets the route's action; false when there is none to set (a redirect code Envoy cannot express, or no
     * destination), in which case the caller omits the route.
     */
    static boolean apply(Route.Builder out, VirtualService.Route in, int listenerPort,
                         Function<VirtualService.Destination, String> cluster,
                         Function<VirtualService.Destination, RouteAction.HashPolicy> hash, boolean sidecar) {
        HttpActions http = in.http();
        String authority = "";
        if (http.headers() != null) {
            HeaderOps ops = headerOperations(http.headers());
            out.addAllRequestHeadersToAdd(ops.requestAdd()).addAllRequestHeadersToRemove(ops.requestRemove())
                    .addAllResponseHeadersToAdd(ops.responseAdd()).addAllResponseHeadersToRemove(ops.responseRemove());
            authority = ops.authority();
        }
        if (http.redirect() != null) {
            return redirect(out, http.redirect(), listenerPort);
        }
        if (http.directResponse() != null) {
            out.setDirectResponse(directResponse(http.directResponse()));
            return true;
        }
        return destination(out, in, authority, cluster, hash, sidecar);
    }

    /** {@code applyHTTPRouteDestination}. */
    private static boolean destination(Route.Builder out, VirtualService.Route in, String authority,
                                       Function<VirtualService.Destination, String> cluster,
                                       Function<VirtualService.Destination, RouteAction.HashPolicy> hash,
                                       boolean sidecar) {
        HttpActions http = in.http();
        RouteAction.Builder action = RouteAction.newBuilder();
        timeout(action, http.timeout(), sidecar);
        HttpActions.Rewrite rw = http.rewrite();
        if (rw != null) {
            if (rw.regexMatch() != null) {
                action.setRegexRewrite(RegexMatchAndSubstitute.newBuilder()
                        .setPattern(RegexMatcher.newBuilder().setRegex(rw.regexMatch()))
                        .setSubstitution(rw.regexRewrite() == null ? "" : rw.regexRewrite()));
            } else if (!rw.uri().isEmpty()) {
                action.setPrefixRewrite(rw.uri());
            }
            if (!rw.authority().isEmpty()) {
                authority = rw.authority();
            }
        }
        if (!authority.isEmpty()) {
            action.setHostRewriteLiteral(authority);
        }
        for (VirtualService.Destination m : in.mirrors()) {
            RuntimeFractionalPercent pct = mirrorPercent(m.mirrorPercent());
            if (pct != null && m.host() != null && !m.host().isEmpty()) {
                action.addRequestMirrorPolicies(RouteAction.RequestMirrorPolicy.newBuilder()
                        .setCluster(cluster.apply(m)).setRuntimeFraction(pct).setTraceSampled(BoolValue.of(false)));
            }
        }
        List<VirtualService.Destination> dests = in.route().stream()
                .filter(d -> d.host() != null && !d.host().isEmpty()).toList();
        if (dests.isEmpty()) {
            return false;
        }
        boolean consistentHash = false;
        if (in.route().size() == 1) {
            VirtualService.Destination d = dests.get(0);
            action.setCluster(cluster.apply(d));
            RouteAction.HashPolicy hp = hash.apply(d); // processDestination
            if (hp != null) {
                action.addHashPolicy(hp);
                consistentHash = true;
            }
            if (d.headers() != null) {
                HeaderOps ops = headerOperations(d.headers());
                out.addAllRequestHeadersToAdd(ops.requestAdd()).addAllRequestHeadersToRemove(ops.requestRemove())
                        .addAllResponseHeadersToAdd(ops.responseAdd())
                        .addAllResponseHeadersToRemove(ops.responseRemove());
                // The route-level authority wins, so one and several destinations behave alike (istiod's comment).
                if (!ops.authority().isEmpty() && !action.hasHostRewriteLiteral()) {
                    action.setHostRewriteLiteral(ops.authority());
                }
            }
        } else {
            WeightedCluster.Builder weighted = WeightedCluster.newBuilder();
            for (VirtualService.Destination d : dests) {
                if (d.weight() == 0) {
                    continue; // istiod ignores 0-weighted destinations when there are others
                }
                WeightedCluster.ClusterWeight.Builder cw = WeightedCluster.ClusterWeight.newBuilder()
                        .setName(cluster.apply(d)).setWeight(Protos.u32(d.weight()));
                RouteAction.HashPolicy hp = hash.apply(d); // processWeightedDestination appends each one
                if (hp != null) {
                    action.addHashPolicy(hp);
                }
                if (d.headers() != null) {
                    HeaderOps ops = headerOperations(d.headers());
                    cw.addAllRequestHeadersToAdd(ops.requestAdd()).addAllRequestHeadersToRemove(ops.requestRemove())
                            .addAllResponseHeadersToAdd(ops.responseAdd())
                            .addAllResponseHeadersToRemove(ops.responseRemove());
                    if (!ops.authority().isEmpty()) {
                        cw.setHostRewriteLiteral(ops.authority());
                    }
                }
                weighted.addClusters(cw);
            }
            if (weighted.getClustersCount() == 0) {
                return false; // Envoy rejects empty weighted clusters; validation reports the weights
            }
            action.setWeightedClusters(weighted);
        }
        // Proxyless clients get a retry policy only when the VirtualService asks for one (see HttpRoutes).
        if (sidecar || http.retries() != null) {
            RetryPolicy retry = RetryPolicies.convert(http.retries(), consistentHash);
            if (retry != null) {
                action.setRetryPolicy(retry);
            }
        }
        out.setRoute(action);
        return true;
    }

    /**
     * {@code setTimeout}: the VirtualService's timeout or none (0s); sidecars also get {@code max_grpc_timeout} equal
     * to it, proxyless clients {@code max_stream_duration} (grpc-xds does not read the deprecated field).
     */
    @SuppressWarnings("deprecation") // max_grpc_timeout is what istiod still sets for sidecars
    static void timeout(RouteAction.Builder action, String vsTimeout, boolean sidecar) {
        Long nanos = Durations.nanosOrNull(vsTimeout);
        com.google.protobuf.Duration t = nanos == null ? Protos.ZERO : RetryPolicies.duration(nanos);
        action.setTimeout(t);
        if (sidecar) {
            action.setMaxGrpcTimeout(t);
        } else {
            action.setMaxStreamDuration(RouteAction.MaxStreamDuration.newBuilder().setMaxStreamDuration(t));
        }
    }

    /** {@code MirrorPercent}/{@code MirrorPercentByPolicy}: 100% by default, none for an explicit 0. */
    static RuntimeFractionalPercent mirrorPercent(HttpActions.MirrorPercent p) {
        if (p == null) {
            return RuntimeFractionalPercent.newBuilder().setDefaultValue(RouteFilterConfigs.perHundred(100)).build();
        }
        if (p.value() <= 0) {
            return null;
        }
        return RuntimeFractionalPercent.newBuilder().setDefaultValue(p.deprecatedInteger()
                ? RouteFilterConfigs.perHundred((int) p.value()) : RouteFilterConfigs.perMillion(p.value())).build();
    }

    /** {@code ApplyRedirect} on a plain-text (sidecar) listener; false for a code Envoy has no enum for. */
    private static boolean redirect(Route.Builder out, HttpActions.Redirect r, int listenerPort) {
        RedirectAction.Builder a = RedirectAction.newBuilder().setHostRedirect(r.authority());
        if (!r.prefixRewrite().isEmpty()) {
            a.setPrefixRewrite(r.prefixRewrite());
        } else {
            a.setPathRedirect(r.uri());
        }
        if (!r.scheme().isEmpty()) {
            a.setSchemeRedirect(r.scheme());
        }
        if (r.port() != null || r.derivePort() != null) {
            int port = r.port() != null ? r.port() : "FROM_REQUEST_PORT".equals(r.derivePort()) ? listenerPort : 0;
            String scheme = r.scheme().isEmpty() ? "http" : r.scheme();
            if ((port == 80 && scheme.equals("http")) || (port == 443 && scheme.equals("https"))) {
                port = 0; // no explicit :80 or :443 for their own scheme
            }
            a.setPortRedirect(port);
        }
        RedirectAction.RedirectResponseCode code = switch (r.redirectCode()) {
            case 0, 301 -> RedirectAction.RedirectResponseCode.MOVED_PERMANENTLY;
            case 302 -> RedirectAction.RedirectResponseCode.FOUND;
            case 303 -> RedirectAction.RedirectResponseCode.SEE_OTHER;
            case 307 -> RedirectAction.RedirectResponseCode.TEMPORARY_REDIRECT;
            case 308 -> RedirectAction.RedirectResponseCode.PERMANENT_REDIRECT;
            default -> null;
        };
        if (code == null) {
            return false; // istiod leaves the route without action (Envoy would reject it); omitted here
        }
        out.setRedirect(a.setResponseCode(code));
        return true;
    }

    /** {@code ApplyDirectResponse}: status, body inline as a string or as bytes. */
    private static DirectResponseAction directResponse(HttpActions.DirectResponse d) {
        DirectResponseAction.Builder a = DirectResponseAction.newBuilder().setStatus(d.status());
        if (d.bodyString() != null) {
            a.setBody(DataSource.newBuilder().setInlineString(d.bodyString()));
        } else if (d.bodyBase64() != null) {
            byte[] bytes;
            try {
                bytes = Base64.getDecoder().decode(d.bodyBase64().trim());
            } catch (IllegalArgumentException e) {
                bytes = new byte[0]; // not base64: Istio's decoding rejects the object, validation reports it
            }
            a.setBody(DataSource.newBuilder().setInlineBytes(ByteString.copyFrom(bytes)));
        }
        return a.build();
    }

    /**
     * {@code TranslateHeadersOperations}: {@code set} (overwrite) then {@code add} (append), each sorted by name;
     * pseudo-headers and {@code host} are dropped, but a {@code :authority}/{@code host} value becomes the
     * authority rewrite ({@code set} over {@code add}).
     */
    static HeaderOps headerOperations(HttpActions.HeaderOps h) {
        List<HeaderValueOption> reqAdd = new ArrayList<>();
        String setAuthority = append(h.requestSet(), false, reqAdd);
        String addAuthority = append(h.requestAdd(), true, reqAdd);
        List<HeaderValueOption> respAdd = new ArrayList<>();
        append(h.responseSet(), false, respAdd);
        append(h.responseAdd(), true, respAdd);
        return new HeaderOps(reqAdd, dropInternal(h.requestRemove()), respAdd, dropInternal(h.responseRemove()),
                setAuthority.isEmpty() ? addAuthority : setAuthority);
    }

    /** {@code translateAppendHeaders}: returns the authority among the headers, or "". */
    private static String append(Map<String, String> headers, boolean appendValue, List<HeaderValueOption> into) {
        String authority = "";
        for (Map.Entry<String, String> e : new TreeMap<>(headers).entrySet()) {
            String key = e.getKey();
            if (key.equalsIgnoreCase(":authority") || key.equalsIgnoreCase("host")) {
                authority = e.getValue();
            }
            if (isInternal(key)) {
                continue;
            }
            into.add(HeaderValueOption.newBuilder()
                    .setHeader(HeaderValue.newBuilder().setKey(key).setValue(e.getValue()))
                    .setAppendAction(appendValue ? HeaderValueOption.HeaderAppendAction.APPEND_IF_EXISTS_OR_ADD
                            : HeaderValueOption.HeaderAppendAction.OVERWRITE_IF_EXISTS_OR_ADD)
                    .build());
        }
        return authority;
    }

    private static boolean isInternal(String key) {
        return key.startsWith(":") || key.toLowerCase(Locale.ROOT).equals("host");
    }

    private static List<String> dropInternal(List<String> keys) {
        return keys.stream().filter(k -> !isInternal(k)).toList();
    }
}
