package io.meshscope.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import io.meshscope.cli.ui.ServeUi;
import io.meshscope.decode.InputException;
import io.meshscope.server.MeshscopeServer;
import io.meshscope.server.ServerConfig;
import io.meshscope.server.security.XdsSecurity;
import io.meshscope.server.xds.XdsLimits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code meshscope serve}: the control plane. */
@Command(name = "serve", header = "Run the control plane (xDS over gRPC ADS).", mixinStandardHelpOptions = true,
        description = {
            "Run the control plane: serve each connected proxy (Envoy sidecars and proxyless gRPC clients; gateways",
            "get their clusters and endpoints) only the xDS config its Sidecar imports, over gRPC ADS (state-of-the-world and delta),",
            "and push a change only to the proxies that depend on it. The inputs are watched; changes are",
            "debounced into one new snapshot. An invalid object keeps its last good version (or stays out) while",
            "the rest of a change applies; a file that does not parse keeps all its last good objects; errors that",
            "fit no object reject the whole change and the last good snapshot keeps serving (see /debug/errors).",
            "",
            "Admin endpoints on --admin-port: /healthz, /ready, /metrics, /debug/syncz, /debug/config_dump,",
            "/debug/sidecarz, /debug/push_status, /debug/errors, /debug/list; and /ui/, the web view of",
            "'meshscope ui' for the snapshot being served, updated live, with each proxy's ACK/NACK state.",
            "",
            "With --kube the config is read from the Kubernetes API server (watched with informers; startup waits",
            "until every informer has listed once), alone or combined with -f files.",
            "",
            "Example:",
            "  meshscope serve -f examples/ecommerce",
            "  meshscope serve --kube --namespace-selector istio-injection=enabled",
            "  curl -s localhost:15014/debug/list",
            "  meshscope serve --kube --listen-address 0.0.0.0 --xds-port 15012 --xds-cert-file /etc/meshscope/tls/tls.crt \\",
            "      --xds-key-file /etc/meshscope/tls/tls.key --xds-client-ca-file /etc/meshscope/tls/ca.crt --xds-token-auth",
            "",
            "On an address other than loopback the xDS port must authenticate its clients (client certificates or",
            "service-account tokens, each node then bound to its identity's namespace; docs/SECURITY.md), unless",
            "--xds-allow-insecure is given.",
            "",
            "Exit codes: SIGTERM or Ctrl-C shut down gracefully (the JVM then exits 143 or 130); 2 usage",
            "error or initial config with errors that fit no object (an unreadable path, a broken mesh config)."})
final class ServeCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = {"-f", "--filename"}, paramLabel = "PATH", converter = NonEmptyPath.class,
            description = "Manifest files or directories to serve and watch (repeatable). Default without --kube: "
                    + "the bundled example, examples/ecommerce.")
    List<String> paths = new ArrayList<>();

    @Option(names = "--mesh-config", paramLabel = "FILE", description = "A MeshConfig document (wins over the "
            + "'istio' ConfigMap).")
    Path meshConfig;

    @CommandLine.Mixin
    KubeInputOptions kube = new KubeInputOptions();

    @Option(names = "--xds-port", defaultValue = "15010", description = "gRPC ADS port (default: ${DEFAULT-VALUE}).")
    int xdsPort;

    @Option(names = "--admin-port", defaultValue = "15014", description = "Admin HTTP port (default: ${DEFAULT-VALUE}).")
    int adminPort;

    @Option(names = "--listen-address", defaultValue = "127.0.0.1",
            description = "Address both ports bind to (default: ${DEFAULT-VALUE}; 0.0.0.0 to serve a cluster).")
    String listenAddress;

    @Option(names = "--debounce", defaultValue = "100ms",
            description = "Quiet time before a change is applied (default: ${DEFAULT-VALUE}).")
    String debounce;

    @Option(names = "--debounce-max", defaultValue = "10s",
            description = "Longest a change waits while further changes keep arriving (default: ${DEFAULT-VALUE}).")
    String debounceMax;

    @Option(names = "--workers", defaultValue = "4",
            description = "Threads shared by all xDS streams (default: ${DEFAULT-VALUE}).")
    int workers;

    @CommandLine.ArgGroup(exclusive = false, heading = "%nxDS security (as istiod's port 15012):%n")
    XdsSecurityOptions security = new XdsSecurityOptions();

    @CommandLine.ArgGroup(exclusive = false, heading = "%nWhat one xDS client may cost:%n")
    XdsLimitOptions limits = new XdsLimitOptions();

    @Option(names = "--admin-debug", paramLabel = "on|off", description = "Serve /debug/* on the admin port (every "
            + "connected proxy's identity and config). Default: on when --listen-address is loopback, off otherwise.")
    String adminDebug;

    @Option(names = "--log-level", defaultValue = "info",
            description = "error, warn, info, debug or trace (default: ${DEFAULT-VALUE}).")
    String logLevel;

    @Override
    public Integer call() throws Exception {
        Level level = Level.toLevel(logLevel, null);
        if (level == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--log-level must be error, warn, info, "
                    + "debug or trace, got '" + logLevel + "'");
        }
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(level);
        Optional<io.meshscope.kube.KubeOptions> kubeOptions;
        try {
            kubeOptions = kube.resolve();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        List<String> inputs = paths.isEmpty() && kubeOptions.isEmpty() ? List.of(bundledExample()) : paths;
        XdsSecurity xdsSecurity;
        XdsLimits xdsLimits;
        try {
            xdsSecurity = security.resolve();
            xdsLimits = limits.resolve();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        ServerConfig cfg = new ServerConfig(inputs, Optional.ofNullable(meshConfig), listenAddress, xdsPort, adminPort,
                duration("--debounce", debounce), duration("--debounce-max", debounceMax), Math.max(1, workers),
                kubeOptions, xdsSecurity, xdsLimits, adminDebug());
        MeshscopeServer server = new MeshscopeServer(cfg);
        ServeUi.mount(server);
        try {
            server.start();
        } catch (InputException | IOException | io.meshscope.kube.KubeException | IllegalArgumentException e) {
            server.close();
            throw new CommandFailure(ExitCodes.USAGE, e.getMessage());
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "meshscope-shutdown"));
        server.awaitTermination();
        return ExitCodes.OK;
    }

    private Optional<Boolean> adminDebug() {
        if (adminDebug == null) {
            return Optional.empty();
        }
        return switch (adminDebug.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "on" -> Optional.of(true);
            case "off" -> Optional.of(false);
            default -> throw new CommandLine.ParameterException(spec.commandLine(), "--admin-debug is on or off, got '"
                    + adminDebug + "'");
        };
    }

    private Duration duration(String flag, String text) {
        try {
            String t = text.trim().toLowerCase(java.util.Locale.ROOT);
            if (t.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
            }
            if (t.endsWith("s")) {
                return Duration.ofMillis((long) (Double.parseDouble(t.substring(0, t.length() - 1)) * 1000));
            }
            return Duration.ofMillis(Long.parseLong(t));
        } catch (NumberFormatException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), flag + " takes a duration like 100ms or 10s, "
                    + "got '" + text + "'");
        }
    }

    /** examples/ecommerce next to the jar's checkout (the launcher runs from the repository). */
    private static String bundledExample() {
        Path here = Paths.get("examples", "ecommerce");
        if (Files.isDirectory(here)) {
            return here.toString();
        }
        try {
            Path jar = Paths.get(ServeCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path repo = jar.getParent().getParent().getParent();
            return repo.resolve("examples").resolve("ecommerce").toString();
        } catch (Exception e) {
            return here.toString();
        }
    }
}
