package io.meshscope.xds;

import io.envoyproxy.envoy.config.core.v3.RuntimeFractionalPercent;
import io.envoyproxy.envoy.extensions.filters.common.fault.v3.FaultDelay;
import io.envoyproxy.envoy.extensions.filters.http.cors.v3.CorsPolicy;
import io.envoyproxy.envoy.extensions.filters.http.fault.v3.FaultAbort;
import io.envoyproxy.envoy.extensions.filters.http.fault.v3.HTTPFault;
import io.envoyproxy.envoy.type.v3.FractionalPercent;
import io.meshscope.core.model.HttpActions;
import io.meshscope.core.model.StringMatch;
import io.meshscope.core.validate.Durations;
import com.google.protobuf.BoolValue;
import java.util.Map;

/**
 * The per-route filter configs istiod puts in {@code typed_per_filter_config}: {@code TranslateFault} (for the
 * {@code envoy.filters.http.fault} filter) and {@code TranslateCORSPolicy} (for {@code envoy.filters.http.cors});
 * both filters are in every HTTP connection manager meshscope generates for sidecars.
 */
final class RouteFilterConfigs {
    /** istiod's {@code grpc.SupportedGRPCStatus}: status names to codes. */
    private static final Map<String, Integer> GRPC_STATUS = Map.ofEntries(Map.entry("OK", 0),
            Map.entry("CANCELLED", 1), Map.entry("UNKNOWN", 2), Map.entry("INVALID_ARGUMENT", 3),
            Map.entry("DEADLINE_EXCEEDED", 4), Map.entry("NOT_FOUND", 5), Map.entry("ALREADY_EXISTS", 6),
            Map.entry("PERMISSION_DENIED", 7), Map.entry("RESOURCE_EXHAUSTED", 8), Map.entry("FAILED_PRECONDITION", 9),
            Map.entry("ABORTED", 10), Map.entry("OUT_OF_RANGE", 11), Map.entry("UNIMPLEMENTED", 12),
            Map.entry("INTERNAL", 13), Map.entry("UNAVAILABLE", 14), Map.entry("DATA_LOSS", 15),
            Map.entry("UNAUTHENTICATED", 16));

    private RouteFilterConfigs() {
    }

    /**
     * {@code TranslateFault}: a delay (fixed only: istiod drops exponential delays) with its percentage per million,
     * or the deprecated integer percent per hundred; an abort with an HTTP or gRPC status (an HTTP/2 error is
     * dropped, as istiod drops it) and its percentage when given. Empty when neither survives.
     */
    static HTTPFault fault(HttpActions.Fault in) {
        HTTPFault.Builder out = HTTPFault.newBuilder();
        HttpActions.Delay d = in.delay();
        if (d != null && d.fixedDelay() != null) {
            Long nanos = Durations.nanosOrNull(d.fixedDelay());
            FaultDelay.Builder delay = FaultDelay.newBuilder()
                    .setPercentage(d.percentage() != null ? perMillion(d.percentage())
                            : perHundred(d.percent() == null ? 0 : d.percent()));
            if (nanos != null) {
                delay.setFixedDelay(RetryPolicies.duration(nanos));
            }
            out.setDelay(delay);
        }
        HttpActions.Abort a = in.abort();
        if (a != null && (a.httpStatus() != null || (a.grpcStatus() != null && GRPC_STATUS.containsKey(a.grpcStatus())))) {
            FaultAbort.Builder abort = FaultAbort.newBuilder();
            if (a.percentage() != null) {
                abort.setPercentage(perMillion(a.percentage()));
            }
            if (a.httpStatus() != null) {
                abort.setHttpStatus(a.httpStatus());
            } else {
                abort.setGrpcStatus(GRPC_STATUS.get(a.grpcStatus()));
            }
            out.setAbort(abort);
        }
        return out.build();
    }

    /** {@code translatePercentToFractionalPercent}: {@code uint32(value * 10000)} per million. */
    static FractionalPercent perMillion(double value) {
        return FractionalPercent.newBuilder().setNumerator((int) (long) (value * 10000))
                .setDenominator(FractionalPercent.DenominatorType.MILLION).build();
    }

    /** {@code translateIntegerToFractionalPercent}: per hundred. */
    static FractionalPercent perHundred(int value) {
        return FractionalPercent.newBuilder().setNumerator(value)
                .setDenominator(FractionalPercent.DenominatorType.HUNDRED).build();
    }

    /**
     * {@code TranslateCORSPolicy}: always enabled (100%), {@code forward_not_matching_preflights} true unless
     * {@code unmatchedPreflights: IGNORE}, origins from {@code allowOrigins} (else the deprecated exact
     * {@code allowOrigin}), lists joined with commas, {@code max_age} in whole seconds.
     */
    static CorsPolicy cors(HttpActions.CorsPolicy in) {
        CorsPolicy.Builder out = CorsPolicy.newBuilder()
                .setForwardNotMatchingPreflights(BoolValue.of(!"IGNORE".equals(in.unmatchedPreflights())));
        if (in.allowOrigins() != null) {
            for (StringMatch m : in.allowOrigins()) {
                if (!m.isEmpty()) {
                    out.addAllowOriginStringMatch(RouteMatches.stringMatcher(m));
                }
            }
        } else if (in.allowOrigin() != null) {
            for (String o : in.allowOrigin()) {
                out.addAllowOriginStringMatch(RouteMatches.stringMatcher(StringMatch.exact(o)));
            }
        }
        out.setFilterEnabled(RuntimeFractionalPercent.newBuilder().setDefaultValue(perHundred(100)));
        if (in.allowCredentials() != null) {
            out.setAllowCredentials(BoolValue.of(in.allowCredentials()));
        }
        out.setAllowHeaders(String.join(",", in.allowHeaders()))
                .setAllowMethods(String.join(",", in.allowMethods()))
                .setExposeHeaders(String.join(",", in.exposeHeaders()));
        Long maxAge = Durations.nanosOrNull(in.maxAge());
        if (maxAge != null) {
            out.setMaxAge(Long.toString(maxAge / 1_000_000_000L));
        }
        return out.build();
    }
}
