package io.meshscope.xds;

import io.envoyproxy.envoy.config.route.v3.HeaderMatcher;
import io.envoyproxy.envoy.config.route.v3.QueryParameterMatcher;
import io.envoyproxy.envoy.config.route.v3.Route;
import io.envoyproxy.envoy.config.route.v3.RouteMatch;
import io.envoyproxy.envoy.type.matcher.v3.RegexMatcher;
import io.envoyproxy.envoy.type.matcher.v3.StringMatcher;
import io.meshscope.core.model.HttpMatch;
import io.meshscope.core.model.StringMatch;
import io.meshscope.core.model.VirtualService;
import com.google.protobuf.BoolValue;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;

/**
 * istiod's {@code TranslateRouteMatch} ({@code pilot/pkg/networking/core/route/route.go}) for sidecar VirtualService
 * routes: path from {@code uri} (exact → path, prefix, regex → safe_regex; {@code /} when absent),
 * {@code case_sensitive} always set (false with {@code ignoreUriCase}), header matchers for {@code headers} and
 * inverted ones for {@code withoutHeaders} sorted by name, then {@code :method}, {@code :authority},
 * {@code :scheme}; query parameter matchers (sorted by name, where istiod iterates a Go map).
 */
final class RouteMatches {
    private RouteMatches() {
    }

    /** The path match of a route without conditions. */
    static RouteMatch prefix(String p) {
        return RouteMatch.newBuilder().setPrefix(p).build();
    }

    /** {@code TranslateRouteMatch} for one match entry (null: a route without match, prefix {@code /}). */
    static RouteMatch translate(VirtualService.Match in) {
        RouteMatch.Builder out = RouteMatch.newBuilder().setPrefix("/");
        if (in == null) {
            return out.build();
        }
        HttpMatch m = in.http();
        List<HeaderMatcher> headers = new ArrayList<>();
        m.headers().forEach((name, sm) -> headers.add(header(name, sm)));
        m.withoutHeaders().forEach((name, sm) -> {
            HeaderMatcher.Builder h = header(name, sm).toBuilder().setInvertMatch(true);
            if (!sm.isPresenceMatch()) {
                h.setTreatMissingHeaderAsEmpty(true); // conflicts with present_match, so only for value matches
            }
            headers.add(h.build());
        });
        headers.sort(Comparator.comparing(HeaderMatcher::getName)); // stable: equal names keep their order
        StringMatch uri = uri(in);
        if (uri != null) {
            if (uri.exact() != null) {
                out.setPath(uri.exact());
            } else if (uri.prefix() != null) {
                out.setPrefix(uri.prefix());
            } else if (uri.regex() != null) {
                out.setSafeRegex(RegexMatcher.newBuilder().setRegex(uri.regex()));
            }
        }
        out.setCaseSensitive(BoolValue.of(!m.ignoreUriCase()));
        if (m.method() != null) {
            headers.add(header(":method", m.method()));
        }
        if (m.authority() != null) {
            headers.add(header(":authority", m.authority()));
        }
        if (m.scheme() != null) {
            headers.add(header(":scheme", m.scheme()));
        }
        out.addAllHeaders(headers);
        new TreeMap<>(m.queryParams()).forEach((name, sm) -> out.addQueryParameters(queryParam(name, sm)));
        return out.build();
    }

    /** The written {@code uri}, or the one a model built without {@link HttpMatch} carries; null when absent. */
    private static StringMatch uri(VirtualService.Match in) {
        if (in.http().uri() != null) {
            return in.http().uri();
        }
        if (!in.uriExact().isEmpty()) {
            return StringMatch.exact(in.uriExact());
        }
        if (!in.uriRegex().isEmpty()) {
            return StringMatch.regex(in.uriRegex());
        }
        return in.uriPrefix().isEmpty() ? null : StringMatch.prefix(in.uriPrefix());
    }

    /** {@code translateHeaderMatch}: a presence match for {@code {}} and {@code regex: "*"}, else a string match. */
    static HeaderMatcher header(String name, StringMatch in) {
        HeaderMatcher.Builder out = HeaderMatcher.newBuilder().setName(name);
        if (in.isPresenceMatch()) {
            return out.setPresentMatch(true).build();
        }
        return out.setStringMatch(stringMatcher(in)).build();
    }

    /** {@code translateQueryParamMatch}. */
    static QueryParameterMatcher queryParam(String name, StringMatch in) {
        QueryParameterMatcher.Builder out = QueryParameterMatcher.newBuilder().setName(name);
        if (in.isPresenceMatch()) {
            return out.setPresentMatch(true).build();
        }
        return out.setStringMatch(stringMatcher(in)).build();
    }

    /** {@code util.ConvertToEnvoyMatch} (callers have ruled out the empty match). */
    static StringMatcher stringMatcher(StringMatch in) {
        if (in.exact() != null) {
            return StringMatcher.newBuilder().setExact(in.exact()).build();
        }
        if (in.prefix() != null) {
            return StringMatcher.newBuilder().setPrefix(in.prefix()).build();
        }
        return StringMatcher.newBuilder().setSafeRegex(RegexMatcher.newBuilder().setRegex(in.regex())).build();
    }

    /**
     * {@code IsCatchAllRoute}: path prefix {@code /} (or regex {@code .*}) and no header, query parameter or
     * metadata matcher. Routes after a catch-all can never match, so istiod stops there.
     */
    static boolean isCatchAll(Route r) {
        RouteMatch m = r.getMatch();
        boolean all = switch (m.getPathSpecifierCase()) {
            case PREFIX -> m.getPrefix().equals("/");
            case PATH_SEPARATED_PREFIX -> m.getPathSeparatedPrefix().equals("/");
            case SAFE_REGEX -> m.getSafeRegex().getRegex().equals(".*");
            default -> false;
        };
        return all && m.getHeadersCount() == 0 && m.getQueryParametersCount() == 0 && m.getDynamicMetadataCount() == 0;
    }
}
