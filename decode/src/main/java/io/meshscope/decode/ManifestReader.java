package io.meshscope.decode;

import io.meshscope.core.model.DestinationRule;
import io.meshscope.core.model.EndpointGroup;
import io.meshscope.core.model.KubeService;
import io.meshscope.core.model.MeshConfig;
import io.meshscope.core.model.MeshInput;
import io.meshscope.core.model.Namespace;
import io.meshscope.core.model.ServiceEntry;
import io.meshscope.core.model.Sidecar;
import io.meshscope.core.model.VirtualService;
import io.meshscope.core.model.Workload;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads Kubernetes manifests (files, directories, stdin; YAML or JSON; multi-document; {@code kind: List}) into
 * a {@link MeshInput}. Only an unreadable path throws ({@link InputException}); every problem with content is a
 * located {@link io.meshscope.core.model.Diagnostic} in {@link MeshInput#problems()}, and never stops the
 * other documents from being read.
 */
public final class ManifestReader {
    /** The file name messages use for standard input. */
    public static final String STDIN_NAME = "<stdin>";
    /** The file name messages use for mesh config given as a string. */
    public static final String MESH_CONFIG_NAME = "<mesh-config>";

    private final ReadLimits limits;

    public ManifestReader() {
        this(ReadLimits.defaults());
    }

    public ManifestReader(ReadLimits limits) {
        this.limits = limits;
    }

    /**
     * Reads {@code paths} in order: each a file, a directory (its {@code *.yaml}, {@code *.yml} and {@code *.json}
     * files, recursively, in sorted order) or {@code -} for {@code stdin}. A {@code meshConfigFile} wins over any
     * mesh ConfigMap in the input.
     */
    public MeshInput read(List<String> paths, InputStream stdin, Optional<java.nio.file.Path> meshConfigFile)
            throws InputException {
        Diagnostics diags = new Diagnostics();
        List<Source> sources = new ArrayList<>();
        for (String path : paths) {
            if (path.equals("-")) {
                sources.add(readStdin(stdin));
            } else {
                SourceFiles.collect(path, limits, sources);
            }
        }
        Optional<Source> mesh = Optional.empty();
        if (meshConfigFile.isPresent()) {
            mesh = Optional.of(SourceFiles.read(meshConfigFile.get(), meshConfigFile.get().toString(), limits));
        }
        return decode(sources, mesh, diags);
    }

    /** Reads one in-memory YAML stream named {@code fileName}, with optional MeshConfig YAML (bare or ConfigMap). */
    public MeshInput readString(String fileName, String yaml, Optional<String> meshConfigYaml) {
        Source source = new Source(fileName, yaml.getBytes(StandardCharsets.UTF_8));
        Optional<Source> mesh = meshConfigYaml.map(m -> new Source(MESH_CONFIG_NAME, m.getBytes(StandardCharsets.UTF_8)));
        return decode(List.of(source), mesh, new Diagnostics());
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
        int documents = 0;
        for (Source source : sources) {
            String text = source.text(limits, diags);
            if (text == null) {
                continue;
            }
            List<YNode> docs = YamlDocuments.parse(text, Positions.ofFile(source.name()), limits, diags);
            documents += docs.size();
            ObjectDecoder decoder = new ObjectDecoder(text, limits, diags, store);
            docs.forEach(decoder::document);
        }
        MeshConfig mesh = meshSource.isPresent()
                ? meshFromFile(meshSource.get(), store, diags)
                : MeshConfigSelection.fromConfigMaps(store, diags);
        return new MeshInput(mesh, store.all(Namespace.class), store.all(KubeService.class),
                store.all(ServiceEntry.class), store.all(EndpointGroup.class), store.all(Workload.class),
                store.all(Sidecar.class), store.all(VirtualService.class), store.all(DestinationRule.class),
                diags.all(), store.skipped(), documents);
    }

    private MeshConfig meshFromFile(Source source, ObjectStore store, Diagnostics diags) {
        // The flag wins: ConfigMaps in the input are not consulted, and count as skipped.
        store.all(MeshConfigMap.class).forEach(cm -> store.skip("v1/ConfigMap"));
        String text = source.text(limits, diags);
        return text == null ? MeshConfig.defaults() : MeshConfigReader.readFile(source.name(), text, limits, diags);
    }
}
