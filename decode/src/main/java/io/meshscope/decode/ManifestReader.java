package io.meshscope.decode;

import io.meshscope.core.model.DestinationRule;
import io.meshscope.core.model.EndpointGroup;
import io.meshscope.core.model.KubeService;
import io.meshscope.core.model.MeshConfig;
import io.meshscope.core.model.MeshInput;
import io.meshscope.core.model.Namespace;
import io.meshscope.core.model.PeerAuthentication;
import io.meshscope.core.model.ServiceEntry;
import io.meshscope.core.model.Sidecar;
import io.meshscope.core.model.VirtualService;
import io.meshscope.core.model.Workload;

import io.meshscope.core.progress.ProgressListener;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads Kubernetes manifests (files, directories, stdin; YAML or JSON; multi-document; {@code kind: List}) into
 * a {@link MeshInput}. Only an unreadable path throws ({@link InputException}); every problem with content is a
 * located {@link io.meshscope.core.model.Diagnostic} in {@link MeshInput#problems()}, and never stops the
 * other documents from being read. Files that hold no Kubernetes object are skipped with an INFO note
 * ({@link SkippedFiles}); kustomize patches and Helm chart templates are refused with one error each (per chart),
 * saying how to render them (docs/inputs.md).
 */
public final class ManifestReader {
    /** The file name messages use for standard input. */
    public static final String STDIN_NAME = "<stdin>";
    /** The file name messages use for mesh config given as a string. */
    public static final String MESH_CONFIG_NAME = "<mesh-config>";

    private final ReadLimits limits;
    private final DecodeCache cache;
    private final ReadOptions options;
    private final SourceDecoder sourceDecoder;
    private final ProgressListener progress;

    public ManifestReader() {
        this(ReadLimits.defaults());
    }

    public ManifestReader(ReadLimits limits) {
        this(limits, null);
    }

    /**
     * A reader that keeps what each file decoded to in {@code cache} and reuses it while the file's bytes stay
     * the same (for callers that read the same paths repeatedly; one read at a time).
     */
    public ManifestReader(ReadLimits limits, DecodeCache cache) {
        this(limits, cache, ReadOptions.defaults());
    }

    /** A reader as {@link #ManifestReader(ReadLimits, DecodeCache)} that walks directories as {@code options} say. */
    public ManifestReader(ReadLimits limits, DecodeCache cache, ReadOptions options) {
        this(limits, cache, options, ProgressListener.NONE);
    }

    /** A reader as {@link #ManifestReader(ReadLimits, DecodeCache, ReadOptions)} that reports its progress. */
    public ManifestReader(ReadLimits limits, DecodeCache cache, ReadOptions options, ProgressListener progress) {
        this.limits = limits;
        this.cache = cache;
        this.options = options;
        this.sourceDecoder = new SourceDecoder(limits, options);
        this.progress = progress;
    }

    /**
     * Reads {@code paths} in order: each a file, a directory (its {@code *.yaml}, {@code *.yml} and {@code *.json}
     * files, recursively unless the options say otherwise, hidden directories left out, in sorted order) or
     * {@code -} for {@code stdin}. A {@code meshConfigFile} wins over any mesh ConfigMap in the input.
     */
    public MeshInput read(List<String> paths, InputStream stdin, Optional<java.nio.file.Path> meshConfigFile)
            throws InputException {
        return read(paths, List.of(), stdin, meshConfigFile);
    }

    /** As {@link #read(List, InputStream, Optional)}, then the {@code rendered} streams (kustomize output) in order. */
    public MeshInput read(List<String> paths, List<RenderedSource> rendered, InputStream stdin,
                          Optional<java.nio.file.Path> meshConfigFile) throws InputException {
        Diagnostics diags = new Diagnostics();
        List<Source> sources = new ArrayList<>();
        for (String path : paths) {
            if (path.equals("-")) {
                sources.add(readStdin(stdin));
            } else {
                SourceFiles.collect(path, limits, options.recursive(), sources, diags);
            }
        }
        for (RenderedSource r : rendered) {
            sources.add(new Source(r.name(), r.text().getBytes(StandardCharsets.UTF_8), null, SourceHints.NONE, true));
        }
        Optional<Source> mesh = Optional.empty();
        if (meshConfigFile.isPresent()) {
            mesh = Optional.of(SourceFiles.read(meshConfigFile.get(), meshConfigFile.get().toString(), limits));
        }
        try {
            return decode(sources, mesh, diags);
        } catch (Source.Unreadable e) {
            throw e.input(); // a file that went away or lost its permissions after the directory walk
        }
    }

    /** Reads one in-memory YAML stream named {@code fileName}, with optional MeshConfig YAML (bare or ConfigMap). */
    public MeshInput readString(String fileName, String yaml, Optional<String> meshConfigYaml) {
        return readStrings(Map.of(fileName, yaml), meshConfigYaml);
    }

    /**
     * Reads in-memory documents, each its own source named by its key (say {@code k8s:Pod/shop/web-0}), so every
     * message names its object and an object's positions do not move when others come and go.
     */
    public MeshInput readStrings(Map<String, String> sources, Optional<String> meshConfigYaml) {
        List<Source> list = new ArrayList<>();
        sources.forEach((name, text) -> list.add(new Source(name, text.getBytes(StandardCharsets.UTF_8))));
        Optional<Source> mesh = meshConfigYaml.map(m -> new Source(MESH_CONFIG_NAME, m.getBytes(StandardCharsets.UTF_8)));
        return decode(list, mesh, new Diagnostics());
    }

    private Source readStdin(InputStream stdin) throws InputException {
        if (stdin == null) {
            throw new InputException("cannot read standard input: none available");
        }
        try {
            byte[] bytes = stdin.readNBytes(limits.maxFileBytes() + 1);
            return bytes.length > limits.maxFileBytes() ? Source.tooLarge(STDIN_NAME) : new Source(STDIN_NAME, bytes);
        } catch (IOException e) {
            throw new InputException("cannot read standard input: " + e.getMessage(), e);
        }
    }

    private MeshInput decode(List<Source> sources, Optional<Source> meshSource, Diagnostics diags) {
        ObjectStore store = new ObjectStore(diags);
        KustomizeTree kustomizations = new KustomizeTree(
                sources.stream().map(Source::path).filter(java.util.Objects::nonNull).toList(), limits);
        HelmCharts charts = new HelmCharts();
        List<Source> manifests = new ArrayList<>(sources.size());
        long bytes = 0;
        for (Source given : sources) {
            Source manifest = charts.take(given, limits);
            if (manifest != null) {
                manifests.add(manifest.path() == null ? manifest
                        : manifest.withHints(kustomizations.hints(manifest.path())));
                bytes += manifest.size();
            }
        }
        int[] documents = {0};
        progress.phase("reading " + manifests.size() + " files", bytes, "B");
        // Decoding threads only ask the cache; what it keeps is recorded here, in order, on this thread.
        java.util.function.Function<Source, Cached> decode = unread -> {
            Source source = unread.readOrThrowUnchecked(limits);
            DecodeCache.Decoded reused = cache == null ? null : cache.reusable(source);
            return new Cached(source, reused != null ? reused : sourceDecoder.decode(source), reused != null);
        };
        ParallelDecoder.run(manifests, decode, c -> {
            if (cache != null) {
                cache.record(c.source(), c.decoded(), c.reused());
            }
            DecodeCache.Decoded d = c.decoded();
            documents[0] += d.documents();
            d.diagnostics().forEach(diags::add);
            d.skipped().forEach(store::skip);
            d.objects().forEach(store::put);
        }, progress);
        progress.phaseDone();
        charts.report(diags, options.command());
        if (cache != null) {
            cache.roll();
        }
        MeshConfig mesh = meshSource.isPresent()
                ? meshFromFile(meshSource.get(), store, diags)
                : MeshConfigSelection.fromConfigMaps(store, diags);
        return new MeshInput(mesh, store.all(Namespace.class), store.all(KubeService.class),
                store.all(ServiceEntry.class), store.all(EndpointGroup.class), store.all(Workload.class),
                store.all(Sidecar.class), store.all(VirtualService.class), store.all(DestinationRule.class),
                store.all(PeerAuthentication.class), diags.all(), store.skipped(), documents[0]);
    }

    /** One file's decoded content, and whether it came from the cache. */
    private record Cached(Source source, DecodeCache.Decoded decoded, boolean reused) {
    }

    private MeshConfig meshFromFile(Source source, ObjectStore store, Diagnostics diags) {
        // The flag wins: ConfigMaps in the input are not consulted, and count as skipped.
        store.all(MeshConfigMap.class).forEach(cm -> store.skip("v1/ConfigMap"));
        String text = source.text(limits, diags);
        return text == null ? MeshConfig.defaults() : MeshConfigReader.readFile(source.name(), text, limits, diags);
    }
}
