package io.meshscope.server;

import io.meshscope.kube.KubeOptions;
import io.meshscope.server.security.XdsSecurity;
import io.meshscope.server.xds.XdsLimits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * How to run the control plane; every value comes from flags, none from globals.
 *
 * @param paths manifest files and directories to serve and watch
 * @param listenAddress address both ports bind to (127.0.0.1 unless told otherwise)
 * @param xdsPort gRPC ADS port (0 picks a free one, for tests)
 * @param adminPort admin HTTP port (0 picks a free one)
 * @param debounceQuiet how long config must stay unchanged before a reload
 * @param debounceMax the longest a reload waits while changes keep coming
 * @param workerThreads threads shared by all streams' serial executors
 * @param kube read (and watch) the Kubernetes API server too, combined with the files
 * @param security how the xDS port authenticates its clients (TLS, client certificates, tokens)
 * @param limits what one xDS client may cost (streams, request size and names, unread pushes)
 * @param adminDebug serve /debug/* (every proxy's config); empty: only when bound to loopback
 */
public record ServerConfig(List<String> paths, Optional<Path> meshConfig, String listenAddress, int xdsPort,
                           int adminPort, Duration debounceQuiet, Duration debounceMax, int workerThreads,
                           Optional<KubeOptions> kube, XdsSecurity security, XdsLimits limits,
                           Optional<Boolean> adminDebug) {
    public ServerConfig {
        paths = List.copyOf(paths);
        kube = kube == null ? Optional.empty() : kube;
        security = security == null ? XdsSecurity.plaintext() : security;
        limits = limits == null ? XdsLimits.defaults() : limits;
        adminDebug = adminDebug == null ? Optional.empty() : adminDebug;
    }

    /** The same settings with {@code security} for the xDS port. */
    public ServerConfig withSecurity(XdsSecurity security) {
        return new ServerConfig(paths, meshConfig, listenAddress, xdsPort, adminPort, debounceQuiet, debounceMax,
                workerThreads, kube, security, limits, adminDebug);
    }

    /** The same settings with {@code limits} on what a client may cost. */
    public ServerConfig withLimits(XdsLimits limits) {
        return new ServerConfig(paths, meshConfig, listenAddress, xdsPort, adminPort, debounceQuiet, debounceMax,
                workerThreads, kube, security, limits, adminDebug);
    }

    /** Plaintext, unauthenticated xDS (loopback, development, tests). */
    public ServerConfig(List<String> paths, Optional<Path> meshConfig, String listenAddress, int xdsPort, int adminPort,
                        Duration debounceQuiet, Duration debounceMax, int workerThreads, Optional<KubeOptions> kube) {
        this(paths, meshConfig, listenAddress, xdsPort, adminPort, debounceQuiet, debounceMax, workerThreads, kube,
                XdsSecurity.plaintext(), XdsLimits.defaults(), Optional.empty());
    }

    /** Files only, no Kubernetes API. */
    public ServerConfig(List<String> paths, Optional<Path> meshConfig, String listenAddress, int xdsPort, int adminPort,
                        Duration debounceQuiet, Duration debounceMax, int workerThreads) {
        this(paths, meshConfig, listenAddress, xdsPort, adminPort, debounceQuiet, debounceMax, workerThreads,
                Optional.empty());
    }
}
