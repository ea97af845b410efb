package io.meshscope.core.validate;

import io.meshscope.core.model.Diagnostic;
import io.meshscope.core.model.MeshInput;
import io.meshscope.core.model.MeshObject;
import io.meshscope.core.model.ResourceId;
import io.meshscope.core.model.Severity;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Object-by-object acceptance of new config, as istiod ignores invalid config one object at a time: an object
 * with an error keeps its last good version (or stays out if it never had one) and the rest of the change applies.
 * A file that does not decode (a syntax error names no object) keeps all its objects' last good versions: a file
 * half-written by an editor or a deploy tool never applies in part. Errors that belong to no object and to no
 * file holding objects (the mesh config, a vanished input directory, a file that never decoded), or a changed
 * mesh config alongside errors, cannot be confined, so the whole change is refused.
 */
public final class ObjectQuarantine {
    /** An object (or a whole file) held back, the errors that held it back, and what is served for it instead. */
    public record Held(ResourceId object, String file, boolean lastGoodKept, List<Diagnostic> errors) {
        public Held {
            errors = List.copyOf(errors);
        }
    }

    /** The input to serve (the new one with the held objects swapped back) and what was held. */
    public record Result(MeshInput input, List<Held> held) {
        public Result {
            held = List.copyOf(held);
        }
    }

    private ObjectQuarantine() {
    }

    /**
     * Confines {@code errors} of {@code next} to their objects and files. {@code lastGood} is the input being
     * served (null before the first snapshot). Empty when some error can be confined to neither.
     */
    public static Optional<Result> confine(MeshInput lastGood, MeshInput next, List<Diagnostic> errors) {
        MeshInput base = lastGood == null ? MeshInput.empty(next.meshConfig()) : lastGood;
        if (!base.meshConfig().equals(next.meshConfig())) {
            return Optional.empty(); // a broken mesh config reads as defaults: never serve them in its place
        }
        Map<ResourceId, List<Diagnostic>> byObject = new TreeMap<>();
        Map<String, List<Diagnostic>> byFile = new TreeMap<>();
        Set<ResourceId> known = new HashSet<>();
        Set<String> objectFiles = new HashSet<>();
        index(next, known, objectFiles);
        index(base, known, objectFiles);
        for (Diagnostic d : errors) {
            if (d.severity() != Severity.ERROR) {
                continue;
            }
            if (d.resource() != null && known.contains(d.resource())) {
                byObject.computeIfAbsent(d.resource(), r -> new ArrayList<>()).add(d);
            } else if (d.resource() == null && objectFiles.contains(d.location().file())) {
                byFile.computeIfAbsent(d.location().file(), f -> new ArrayList<>()).add(d);
            } else {
                // Not an object of the input, or a file that holds no object (a mesh config file, a file that never
                // decoded): nothing to confine it to.
                return Optional.empty();
            }
        }
        Swapper s = new Swapper(byObject.keySet(), byFile.keySet());
        MeshInput repaired = new MeshInput(next.meshConfig(),
                s.swap(next.namespaces(), base.namespaces()),
                s.swap(next.services(), base.services()),
                s.swap(next.serviceEntries(), base.serviceEntries()),
                s.swap(next.endpoints(), base.endpoints()),
                s.swap(next.workloads(), base.workloads()),
                s.swap(next.sidecars(), base.sidecars()),
                s.swap(next.virtualServices(), base.virtualServices()),
                s.swap(next.destinationRules(), base.destinationRules()),
                s.swap(next.peerAuthentications(), base.peerAuthentications()),
                next.problems().stream().filter(p -> p.severity() != Severity.ERROR).toList(),
                next.skippedKinds(), next.documents());
        List<Held> held = new ArrayList<>();
        byFile.forEach((file, ds) -> held.add(new Held(null, file, s.restoredFiles.contains(file), ds)));
        byObject.forEach((id, ds) -> held.add(new Held(id, null, s.restored.contains(id), ds)));
        return Optional.of(new Result(repaired, held));
    }

    private static void index(MeshInput in, Set<ResourceId> ids, Set<String> files) {
        for (List<? extends MeshObject> list : List.of(in.namespaces(), in.services(), in.serviceEntries(),
                in.endpoints(), in.workloads(), in.sidecars(), in.virtualServices(), in.destinationRules(),
                in.peerAuthentications())) {
            for (MeshObject o : list) {
                ids.add(o.id());
                if (o.meta().location().isKnown()) {
                    files.add(o.meta().location().file());
                }
            }
        }
    }

    /** Swaps held objects (and every object of a held file) back to their last good versions, kind by kind. */
    private static final class Swapper {
        final Set<ResourceId> badObjects;
        final Set<String> badFiles;
        final Set<ResourceId> restored = new HashSet<>();
        final Set<String> restoredFiles = new HashSet<>();

        Swapper(Set<ResourceId> badObjects, Set<String> badFiles) {
            this.badObjects = badObjects;
            this.badFiles = badFiles;
        }

        private boolean held(MeshObject o) {
            return badObjects.contains(o.id()) || badFiles.contains(o.meta().location().file());
        }

        <T extends MeshObject> List<T> swap(List<T> next, List<T> lastGood) {
            Map<ResourceId, T> out = new LinkedHashMap<>();
            for (T o : next) {
                if (!held(o)) {
                    out.put(o.id(), o);
                }
            }
            for (T o : lastGood) {
                if (held(o) && !out.containsKey(o.id())) {
                    out.put(o.id(), o);
                    restored.add(o.id());
                    restoredFiles.add(o.meta().location().file());
                }
            }
            return new ArrayList<>(out.values());
        }
    }
}
