package io.meshscope.cli;

import io.meshscope.core.model.MeshInput;
import io.meshscope.core.model.MeshObject;
import io.meshscope.core.model.ResourceId;
import io.meshscope.core.model.SourceLocation;
import io.meshscope.decode.ManifestReader;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Gives every SARIF result a physical location, because GitHub code scanning rejects a whole upload when one
 * result has none. A message keeps its own location when it has one; otherwise (namespace-level findings such
 * as MS0004, objects without a line) it is placed, in this order, at the object it names, at the Namespace
 * object of its namespace, at the first object of that namespace, and at last at the first object of the input
 * (or, with no located object at all, line 1 of the first path given). Standard input is named {@code stdin}
 * unless {@code --stdin-name} names it.
 */
final class SarifLocations {
    /** The artifact name standard input gets without {@code --stdin-name}. */
    static final String STDIN_URI = "stdin";

    private static final Comparator<SourceLocation> IN_FILE_ORDER =
            Comparator.comparing(SourceLocation::file).thenComparingInt(SourceLocation::line);

    private final Map<ResourceId, SourceLocation> byObject = new HashMap<>();
    private final Map<String, SourceLocation> firstInNamespace = new HashMap<>();
    private final SourceLocation first;
    private final String stdinName;

    /**
     * @param paths the {@code -f} arguments, the fallback of last resort
     * @param stdinName the name of standard input in the log (null: {@value #STDIN_URI})
     */
    SarifLocations(MeshInput in, List<String> paths, String stdinName) {
        this.stdinName = stdinName == null || stdinName.isBlank() ? STDIN_URI : stdinName;
        List<SourceLocation> all = new ArrayList<>();
        objects(in).forEach(o -> {
            SourceLocation at = o.meta().location();
            if (at == null || !at.isKnown() || at.file().isEmpty()) {
                return;
            }
            all.add(at);
            byObject.putIfAbsent(o.id(), at);
            String ns = o.id().kind().equals("Namespace") ? o.id().name() : o.id().namespace();
            firstInNamespace.merge(ns, at, (a, b) -> IN_FILE_ORDER.compare(a, b) <= 0 ? a : b);
        });
        first = all.stream().min(IN_FILE_ORDER).orElseGet(() -> paths.stream().findFirst()
                .map(p -> new SourceLocation(p.equals("-") ? ManifestReader.STDIN_NAME : p, 1, 0)).orElse(null));
    }

    /** Where a result about {@code resource}, located at {@code at} (may be unknown or null), is shown. */
    Optional<SourceLocation> locate(ResourceId resource, SourceLocation at) {
        if (at != null && !at.file().isEmpty()) {
            return Optional.of(at.isKnown() ? at : new SourceLocation(at.file(), 1, 0));
        }
        if (resource != null) {
            SourceLocation own = byObject.get(resource);
            if (own != null) {
                return Optional.of(own);
            }
            String ns = resource.kind().equals("Namespace") ? resource.name() : resource.namespace();
            SourceLocation namespace = byObject.get(new ResourceId("Namespace", "", ns));
            if (namespace == null) {
                namespace = firstInNamespace.get(ns);
            }
            if (namespace != null) {
                return Optional.of(namespace);
            }
        }
        return Optional.ofNullable(first);
    }

    /** The artifact URI of a file as messages name it: standard input by its name, paths as URI references. */
    String uri(String file) {
        if (file.equals(ManifestReader.STDIN_NAME)) {
            return SarifReport.uri(stdinName);
        }
        return SarifReport.uri(file);
    }

    private static Stream<MeshObject> objects(MeshInput in) {
        return Stream.of(in.namespaces(), in.services(), in.serviceEntries(), in.endpoints(), in.workloads(),
                        in.sidecars(), in.virtualServices(), in.destinationRules(), in.peerAuthentications())
                .flatMap(l -> l.stream().map(o -> (MeshObject) o));
    }
}
