package io.meshscope.core.synth;

import java.util.Objects;

/**
 * The shape of a synthetic mesh: the arguments of {@code meshscope synth}, defaults resolved. The same options
 * always give the same mesh, byte for byte.
 *
 * @param services  N, how many services (each with one Deployment, Service and EndpointSlice), 1..{@value #MAX_SERVICES}
 * @param namespaces K, how many application namespaces the services are spread over, 1..N; with K &ge; 2 one of
 *                  them is {@code platform}, whose services everyone may call
 * @param fanout    F, how many distinct other services each workload calls, 0..N-1
 * @param replicas  R, {@code spec.replicas} of every Deployment, &ge; 1
 * @param endpoints E, endpoints in each service's EndpointSlice, &ge; 0 (N&times;E at most {@value #MAX_ENDPOINTS})
 * @param sidecars  which Sidecars to generate
 * @param seed      the only source of randomness (names, call graph)
 */
public record SynthOptions(int services, int namespaces, int fanout, int replicas, int endpoints,
                           SidecarStrategy sidecars, long seed) {
    /** Most services: what the 10.96.0.0/12 service range holds at 254 addresses per /24. */
    public static final int MAX_SERVICES = 1_000_000;
    /** Most endpoints in all: what the 10.128.0.0/9 pod range holds at 254 addresses per /24. */
    public static final long MAX_ENDPOINTS = 8_000_000L;
    /** The default fanout (capped at N-1). */
    public static final int DEFAULT_FANOUT = 5;
    /** The default number of services per namespace. */
    public static final int SERVICES_PER_NAMESPACE = 25;

    public SynthOptions {
        Objects.requireNonNull(sidecars, "sidecars");
        String problem = problem(services, namespaces, fanout, replicas, endpoints);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
    }

    /** N services with every other option at its default. */
    public static SynthOptions defaults(int services) {
        return new SynthOptions(services, defaultNamespaces(services), defaultFanout(services), 1, 1,
                SidecarStrategy.NONE, 1);
    }

    /** {@code max(1, N/25)}. */
    public static int defaultNamespaces(int services) {
        return Math.max(1, services / SERVICES_PER_NAMESPACE);
    }

    /** {@code min(5, N-1)}: 5, unless there are too few other services to call. */
    public static int defaultFanout(int services) {
        return Math.max(0, Math.min(DEFAULT_FANOUT, services - 1));
    }

    public SynthOptions withNamespaces(int k) {
        return new SynthOptions(services, k, fanout, replicas, endpoints, sidecars, seed);
    }

    public SynthOptions withFanout(int f) {
        return new SynthOptions(services, namespaces, f, replicas, endpoints, sidecars, seed);
    }

    /** Sets replicas and endpoints together (endpoints default to replicas). */
    public SynthOptions withReplicas(int r) {
        return new SynthOptions(services, namespaces, fanout, r, r, sidecars, seed);
    }

    public SynthOptions withEndpoints(int e) {
        return new SynthOptions(services, namespaces, fanout, replicas, e, sidecars, seed);
    }

    public SynthOptions withSidecars(SidecarStrategy s) {
        return new SynthOptions(services, namespaces, fanout, replicas, endpoints, s, seed);
    }

    public SynthOptions withSeed(long s) {
        return new SynthOptions(services, namespaces, fanout, replicas, endpoints, sidecars, s);
    }

    /** The options as a command line would give them (for file headers): {@code --services 500 --namespaces 20 ...}. */
    public String describe() {
        return "--services " + services + " --namespaces " + namespaces + " --fanout " + fanout + " --replicas "
                + replicas + " --endpoints " + endpoints + " --sidecars " + sidecars.cliName() + " --seed " + seed;
    }

    /** Why these values do not make a mesh, or null when they do. */
    public static String problem(int services, int namespaces, int fanout, int replicas, int endpoints) {
        if (services < 1 || services > MAX_SERVICES) {
            return "services must be between 1 and " + MAX_SERVICES + ", got " + services;
        }
        if (namespaces < 1 || namespaces > services) {
            return "namespaces must be between 1 and the number of services (" + services + "), got " + namespaces;
        }
        if (fanout < 0 || fanout >= services) {
            return "fanout must be between 0 and the number of services minus one (" + (services - 1) + "), got "
                    + fanout;
        }
        if (replicas < 1) {
            return "replicas must be at least 1, got " + replicas;
        }
        if (endpoints < 0) {
            return "endpoints must be at least 0, got " + endpoints;
        }
        if ((long) services * endpoints > MAX_ENDPOINTS) {
            return "services x endpoints must be at most " + MAX_ENDPOINTS + " (the synthetic pod range), got "
                    + (long) services * endpoints;
        }
        return null;
    }
}
