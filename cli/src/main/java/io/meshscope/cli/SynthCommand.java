package io.meshscope.cli;

import io.meshscope.core.synth.SidecarStrategy;
import io.meshscope.core.synth.SynthOptions;
import io.meshscope.core.synth.SyntheticMesh;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code meshscope synth}: writes a deterministic synthetic mesh for benchmarks and demos. */
@Command(name = "synth", header = "Write a deterministic synthetic mesh and its dependency map.", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Write a deterministic synthetic mesh for benchmarks and demos. Same arguments,",
            "same bytes.",
            "",
            "N services spread over K namespaces (with K >= 2 one of them is 'platform',",
            "holding shared services). Each service has a Deployment (pod labels",
            "app=<name>), a Service (http 80->8080; every third also grpc 9090) and an",
            "EndpointSlice of E ready endpoints. istio-system holds istiod and the mesh",
            "ConfigMap. Each workload calls F other services: about 60%% in its own",
            "namespace, 25%% in a few neighbour namespaces, 15%% in platform.",
            "",
            "Files in DIR: namespaces.yaml, <namespace>.yaml per namespace,",
            "istio-system.yaml, and sidecars.yaml unless --sidecars none (a file that",
            "would pass ~32 MiB continues in <name>.2.yaml). The call graph, in the seed's",
            "dependencies.yaml format, goes next to DIR (--deps-out): it is not a",
            "Kubernetes object, and readers of DIR would reject it.",
            "",
            "Sidecar strategies:",
            "  none       no Sidecar: every proxy sees the whole mesh (the baseline)",
            "  namespace  a selector-less 'default' per namespace importing ./*,",
            "             <ns>/* for each namespace its workloads call, istio-system/*",
            "  workload   one per workload (workloadSelector app=<name>) importing",
            "             exactly the FQDNs it calls, as",
            "             <ns>/<name>.<ns>.svc.cluster.local, and istio-system/*",
            "",
            "Example:",
            "  meshscope synth -o /tmp/mesh500 --services 500 --sidecars namespace",
            "",
            "Exit codes: 0 written, 2 usage error (bad value, DIR holding other",
            "manifests, unwritable path)."})
final class SynthCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = {"-o", "--output-dir"}, paramLabel = "DIR", required = true,
            description = "Directory to write the manifests to (created if missing). It may hold this command's "
                    + "earlier output, but no other manifests.")
    String dir;

    @Option(names = "--services", paramLabel = "N", required = true,
            description = "Number of services (and workloads), 1.." + SynthOptions.MAX_SERVICES + ".")
    int services;

    @Option(names = "--namespaces", paramLabel = "K",
            description = "Number of application namespaces, 1..N (default: N/" + SynthOptions.SERVICES_PER_NAMESPACE
                    + ", at least 1).")
    Integer namespaces;

    @Option(names = "--fanout", paramLabel = "F",
            description = "Services each workload calls, 0..N-1 (default: " + SynthOptions.DEFAULT_FANOUT
                    + ", or N-1 if smaller).")
    Integer fanout;

    @Option(names = "--replicas", paramLabel = "R", defaultValue = "1",
            description = "spec.replicas of every Deployment, at least 1 (default: ${DEFAULT-VALUE}).")
    int replicas;

    @Option(names = "--endpoints", paramLabel = "E",
            description = "Endpoints in each EndpointSlice, at least 0 (default: R).")
    Integer endpoints;

    @Option(names = "--sidecars", paramLabel = "STRATEGY", defaultValue = "none",
            description = "none, namespace or workload (default: ${DEFAULT-VALUE}).")
    String sidecars;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1",
            description = "Seed of the names and the call graph (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--deps-out", paramLabel = "FILE",
            description = "Where to write the call graph (dependencies.yaml format). Default: DIR"
                    + SUFFIX + ", next to DIR.")
    String depsOut;

    /** The default dependency map is a sibling of DIR named {@code <DIR>}{@value}. */
    static final String SUFFIX = ".dependencies.yaml";

    @Override
    public Integer call() {
        if (OutputFormat.isFormatWord(dir)) {
            throw usage("-o " + dir + " looks like an output format; 'synth' writes a folder: --output-dir DIR "
                    + "(or -o ./" + dir + " for a folder of that name)");
        }
        SynthOptions options = options();
        Path out = path(dir, "-o");
        Path deps = depsOut != null ? path(depsOut, "--deps-out") : defaultDeps(out);
        if (isManifest(deps) && deps.toAbsolutePath().normalize().startsWith(out.toAbsolutePath().normalize())) {
            throw usage("--deps-out " + deps + " is inside " + dir + ": the dependency map is not a Kubernetes "
                    + "object, and readers of " + dir + " would fail on it; put it outside the directory");
        }

        SyntheticMesh mesh = SyntheticMesh.generate(options);
        prepare(out, mesh.fileNames());
        try {
            mesh.forEachFile((name, content) -> Files.writeString(out.resolve(name), content, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new CommandFailure(ExitCodes.USAGE, "cannot write to " + dir + ": " + reason(e));
        }
        try {
            Path parent = deps.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            try (Writer w = Files.newBufferedWriter(deps, StandardCharsets.UTF_8)) {
                mesh.writeDependencies(w);
            }
        } catch (IOException e) {
            throw new CommandFailure(ExitCodes.USAGE, "cannot write " + deps + ": " + reason(e));
        }

        out().println("wrote " + mesh.fileNames().size() + " files to " + dir + ": " + mesh.serviceCount()
                + " services (" + mesh.endpointCount() + " endpoints) in " + mesh.namespaceCount()
                + " namespaces + istio-system, " + mesh.sidecarCount() + " Sidecars (" + options.sidecars().cliName()
                + "), " + mesh.callCount() + " calls (seed " + options.seed() + "); dependencies in " + deps);
        out().flush();
        return ExitCodes.OK;
    }

    /** The options, defaults resolved, each value checked with a message naming its flag. */
    private SynthOptions options() {
        if (services < 1 || services > SynthOptions.MAX_SERVICES) {
            throw usage("--services must be between 1 and " + SynthOptions.MAX_SERVICES + ", got " + services);
        }
        int k = namespaces != null ? namespaces : SynthOptions.defaultNamespaces(services);
        if (k < 1 || k > services) {
            throw usage("--namespaces must be between 1 and --services (" + services + "), got " + k);
        }
        int f = fanout != null ? fanout : SynthOptions.defaultFanout(services);
        if (f < 0 || f >= services) {
            throw usage("--fanout must be between 0 and --services minus one (" + (services - 1) + "), got " + f
                    + (services == 1 ? " (a single service has nothing else to call)" : ""));
        }
        if (replicas < 1) {
            throw usage("--replicas must be at least 1, got " + replicas);
        }
        int e = endpoints != null ? endpoints : replicas;
        if (e < 0) {
            throw usage("--endpoints must be at least 0, got " + e);
        }
        if ((long) services * e > SynthOptions.MAX_ENDPOINTS) {
            throw usage("--services x --endpoints must be at most " + SynthOptions.MAX_ENDPOINTS + ", got "
                    + (long) services * e + (endpoints == null ? " (--endpoints defaults to --replicas)" : ""));
        }
        SidecarStrategy strategy = SidecarStrategy.parse(sidecars);
        if (strategy == null) {
            throw usage("--sidecars must be none, namespace or workload, got '" + sidecars + "'");
        }
        return new SynthOptions(services, k, f, replicas, e, strategy, seed);
    }

    /** Creates DIR, and refuses a DIR holding manifests this run would not overwrite (they would be read too). */
    private void prepare(Path out, List<String> files) {
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw usage("-o " + dir + " exists and is not a directory");
        }
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new CommandFailure(ExitCodes.USAGE, "cannot create " + dir + ": " + reason(e));
        }
        Set<Path> ours = new HashSet<>();
        files.forEach(f -> ours.add(out.resolve(f).normalize()));
        List<String> foreign;
        try (Stream<Path> walk = Files.walk(out)) {
            foreign = walk.filter(Files::isRegularFile).filter(SynthCommand::isManifest)
                    .filter(p -> !ours.contains(p.normalize())).map(Path::toString).sorted().toList();
        } catch (IOException | UncheckedIOException e) {
            throw new CommandFailure(ExitCodes.USAGE, "cannot read " + dir + ": " + reason(e));
        }
        if (!foreign.isEmpty()) {
            throw usage(dir + " holds manifests this run would not replace (" + String.join(", ",
                    foreign.subList(0, Math.min(3, foreign.size()))) + (foreign.size() > 3 ? ", ..." : "")
                    + "); readers of the directory would mix them in. Use an empty or new directory");
        }
    }

    private static Path defaultDeps(Path out) {
        Path norm = out.normalize();
        Path name = norm.getFileName();
        if (name == null || name.toString().isEmpty() || name.toString().equals("..")) {
            norm = out.toAbsolutePath().normalize();
            name = norm.getFileName();
            if (name == null) {
                throw new CommandFailure(ExitCodes.USAGE, "cannot put the dependency map next to " + out
                        + "; give --deps-out FILE");
            }
        }
        return norm.resolveSibling(name + SUFFIX);
    }

    private Path path(String given, String flag) {
        try {
            return Path.of(given);
        } catch (InvalidPathException e) {
            throw usage(flag + " " + given + " is not a valid path (" + e.getReason() + ")");
        }
    }

    private static boolean isManifest(Path file) {
        Path name = file.getFileName();
        if (name == null) {
            return false;
        }
        String s = name.toString().toLowerCase(Locale.ROOT);
        return s.endsWith(".yaml") || s.endsWith(".yml") || s.endsWith(".json");
    }

    private static String reason(Exception e) {
        Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
        if (cause instanceof NoSuchFileException f) {
            return f.getFile() + ": no such file or directory";
        }
        if (cause instanceof AccessDeniedException f) {
            return f.getFile() + ": permission denied";
        }
        if (cause instanceof FileAlreadyExistsException f) {
            return f.getFile() + ": exists and is not a directory";
        }
        if (cause instanceof FileSystemException f) {
            return f.getFile() + (f.getReason() == null ? "" : ": " + f.getReason());
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }

    private java.io.PrintWriter out() {
        return spec.commandLine().getOut();
    }
}
