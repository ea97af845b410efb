package io.meshscope.xds;

import io.envoyproxy.envoy.config.route.v3.RetryPolicy;
import io.envoyproxy.envoy.extensions.retry.host.previous_hosts.v3.PreviousHostsPredicate;
import io.envoyproxy.envoy.extensions.retry.priority.previous_priorities.v3.PreviousPrioritiesConfig;
import io.meshscope.core.model.HttpActions;
import com.google.protobuf.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * istiod's {@code retry.ConvertPolicy} ({@code pilot/pkg/networking/core/route/retry/retry.go}): the default policy
 * (2 retries on connect-failure, refused-stream, unavailable, cancelled and retriable status codes, previous-hosts
 * predicate, 5 host selection attempts), or the VirtualService's {@code retries} on top of it; {@code attempts: 0}
 * disables retries.
 */
final class RetryPolicies {
    static final String DEFAULT_RETRY_ON = "connect-failure,refused-stream,unavailable,cancelled,retriable-status-codes";
    /** The codes Go's {@code http.StatusText} knows: only these count as status codes in {@code retryOn}. */
    private static final Set<Integer> GO_STATUS_CODES = Set.of(100, 101, 102, 103, 200, 201, 202, 203, 204, 205, 206,
            207, 208, 226, 300, 301, 302, 303, 304, 305, 307, 308, 400, 401, 402, 403, 404, 405, 406, 407, 408, 409, 410,
            411, 412, 413, 414, 415, 416, 417, 418, 421, 422, 423, 424, 425, 426, 428, 429, 431, 451, 500, 501, 502, 503,
            504, 505, 506, 507, 508, 510, 511);

    /** The default policy, built once: every default route of every sidecar carries it. */
    private static final RetryPolicy DEFAULT = RetryPolicy.newBuilder().setRetryOn(DEFAULT_RETRY_ON)
            .setNumRetries(Protos.u32(2)).setHostSelectionRetryMaxAttempts(5).addRetryHostPredicate(previousHosts())
            .build();

    /** {@code cachedDefaultConsistentHashPolicy}: the default without the previous-hosts predicate. */
    private static final RetryPolicy DEFAULT_CONSISTENT_HASH = DEFAULT.toBuilder().clearRetryHostPredicate().build();

    private RetryPolicies() {
    }

    /** {@code ConvertPolicy(in, false)}: null means no retry policy at all. */
    static RetryPolicy convert(HttpActions.Retries in) {
        return convert(in, false);
    }

    /**
     * {@code ConvertPolicy(in, hashPolicy)}: with a consistent hash the default has no previous-hosts predicate, so
     * a retry stays on the hashed host.
     */
    static RetryPolicy convert(HttpActions.Retries in, boolean hashPolicy) {
        RetryPolicy base = hashPolicy ? DEFAULT_CONSISTENT_HASH : DEFAULT;
        if (in == null) {
            return base;
        }
        RetryPolicy.Builder out = base.toBuilder();
        if (in.attempts() <= 0) {
            return null;
        }
        out.setNumRetries(Protos.u32(in.attempts()));
        if (in.retryOn() != null && !in.retryOn().isEmpty()) {
            List<String> conditions = new ArrayList<>();
            List<Integer> codes = new ArrayList<>();
            for (String part : in.retryOn().split(",", -1)) {
                String p = part.trim();
                if (p.isEmpty()) {
                    continue;
                }
                Integer code = statusCode(p);
                if (code != null) {
                    codes.add(code);
                } else {
                    conditions.add(p);
                }
            }
            String retryOn = String.join(",", conditions);
            if (!codes.isEmpty() && !retryOn.contains("retriable-status-codes")) {
                retryOn += ",retriable-status-codes";
            }
            out.setRetryOn(retryOn).addAllRetriableStatusCodes(codes);
        }
        if (in.perTryTimeout() != null) {
            Long nanos = io.meshscope.core.validate.Durations.nanosOrNull(in.perTryTimeout());
            if (nanos != null) {
                out.setPerTryTimeout(duration(nanos));
            }
        }
        if (in.retryIgnorePreviousHosts() != null) {
            out.clearRetryHostPredicate();
            if (in.retryIgnorePreviousHosts()) {
                out.addRetryHostPredicate(previousHosts());
            }
        }
        if (Boolean.TRUE.equals(in.retryRemoteLocalities())) {
            out.setRetryPriority(RetryPolicy.RetryPriority.newBuilder()
                    .setName("envoy.retry_priorities.previous_priorities")
                    .setTypedConfig(Protos.any(PreviousPrioritiesConfig.newBuilder().setUpdateFrequency(2).build())));
        }
        if (in.backoff() != null) {
            Long nanos = io.meshscope.core.validate.Durations.nanosOrNull(in.backoff());
            if (nanos != null) {
                out.setRetryBackOff(RetryPolicy.RetryBackOff.newBuilder().setBaseInterval(duration(nanos)));
            }
        }
        return out.build();
    }

    /** A protobuf Duration of {@code nanos}. */
    static Duration duration(long nanos) {
        return Duration.newBuilder().setSeconds(nanos / 1_000_000_000L).setNanos((int) (nanos % 1_000_000_000L)).build();
    }

    /** {@code strconv.Atoi} accepted and {@code http.StatusText} non-empty: a status code, else null. */
    private static Integer statusCode(String p) {
        if (!p.matches("[+-]?\\d{1,9}")) {
            return null;
        }
        int code = Integer.parseInt(p);
        return GO_STATUS_CODES.contains(code) ? code : null;
    }

    private static RetryPolicy.RetryHostPredicate previousHosts() {
        return RetryPolicy.RetryHostPredicate.newBuilder().setName("envoy.retry_host_predicates.previous_hosts")
                .setTypedConfig(Protos.any(PreviousHostsPredicate.getDefaultInstance())).build();
    }
}
