package io.meshscope.server.snapshot;

import io.meshscope.core.model.Diagnostic;
import io.meshscope.core.model.MeshInput;
import io.meshscope.core.model.Severity;
import io.meshscope.core.scope.ConfigChanges;
import io.meshscope.core.scope.EndpointUpdate;
import io.meshscope.core.scope.MeshIndex;
import io.meshscope.core.validate.InputValidator;
import io.meshscope.core.validate.ObjectQuarantine;
import io.meshscope.core.validate.ValidationMemo;
import io.meshscope.xds.XdsSnapshot;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds the snapshot being served and swaps it atomically. New input is served object by object: an invalid
 * object keeps its last good version (or stays out) and a file that does not decode keeps all its last good
 * objects, while the rest of the change applies ({@link ObjectQuarantine}); when errors cannot be confined to
 * objects or files the whole change is refused and the last good snapshot keeps serving. Either way what was held
 * back is kept for {@code /debug/errors} — nothing is lost and no proxy is disturbed.
 */
public final class SnapshotStore {
    private static final Logger log = LoggerFactory.getLogger(SnapshotStore.class);

    /**
     * A swap that happened: the previous snapshot (null for the first), the new one, what changed, and whether it
     * was an endpoint update (the new snapshot reuses everything of the previous one but the affected assignments).
     */
    public record Swap(MeshSnapshot previous, MeshSnapshot current, ConfigChanges changes, boolean endpointsOnly) {
    }

    /**
     * The newest input that was not served as given: when, why, and — when the errors could be confined to their
     * objects or files ({@code partial}) — what was held back while the rest of the change was served.
     */
    public record Rejection(long atEpochMillis, List<Diagnostic> errors, boolean partial,
                            List<ObjectQuarantine.Held> held) {
        public Rejection {
            errors = List.copyOf(errors);
            held = List.copyOf(held);
        }
    }

    private final AtomicReference<MeshSnapshot> current = new AtomicReference<>();
    private final AtomicReference<Rejection> lastRejection = new AtomicReference<>();
    private final List<Consumer<Swap>> listeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<Rejection>> rejectionListeners = new CopyOnWriteArrayList<>();
    private final Clock clock;
    /** Only touched inside the synchronized {@code offer}. */
    private final ValidationMemo validationMemo = new ValidationMemo();

    public SnapshotStore(Clock clock) {
        this.clock = clock;
    }

    public MeshSnapshot current() {
        return current.get();
    }

    public Rejection lastRejection() {
        return lastRejection.get();
    }

    public void onSwap(Consumer<Swap> listener) {
        listeners.add(listener);
    }

    /**
     * Listens to the validity of the newest config: called with the rejection when new config is rejected, and
     * with null when valid config follows a rejection (whether or not it changed anything).
     */
    public void onRejectionChange(Consumer<Rejection> listener) {
        rejectionListeners.add(listener);
    }

    /**
     * Records that the newest config could not be used (it did not validate, or could not even be read); the
     * last good snapshot keeps serving.
     */
    public synchronized void reject(List<Diagnostic> errors) {
        log.warn("new config rejected, still serving snapshot {}: {} error(s); first: {}",
                current.get() == null ? "none" : current.get().version(), errors.size(),
                errors.isEmpty() ? "?" : errors.get(0).render());
        record(new Rejection(clock.millis(), errors, false, List.of()));
    }

    private void record(Rejection r) {
        lastRejection.set(r);
        for (Consumer<Rejection> l : rejectionListeners) {
            l.accept(r);
        }
    }

    private void clearRejection() {
        if (lastRejection.getAndSet(null) != null) {
            log.info("config is valid again");
            for (Consumer<Rejection> l : rejectionListeners) {
                l.accept(null);
            }
        }
    }

    /**
     * Offers new input. Returns its errors (empty when valid as given): when they were confined to their objects
     * the rest was served anyway ({@link #lastRejection()} is then partial). Callers are serialised by the
     * source that feeds the store.
     */
    public synchronized List<Diagnostic> offer(MeshInput input) {
        List<Diagnostic> findings = InputValidator.validate(input, validationMemo);
        List<Diagnostic> errors = errorsOf(findings);
        MeshSnapshot prev = current.get();
        Rejection partial = null;
        if (!errors.isEmpty()) {
            Optional<ObjectQuarantine.Result> confined = ObjectQuarantine.confine(
                    prev == null ? null : prev.input(), input, errors);
            // The repaired input is validated once: its findings are the served snapshot's warnings too.
            List<Diagnostic> repairedFindings = confined.isEmpty() ? List.of()
                    : InputValidator.validate(confined.get().input(), validationMemo);
            if (confined.isEmpty() || !errorsOf(repairedFindings).isEmpty()) {
                reject(errors);
                return errors;
            }
            input = confined.get().input();
            findings = repairedFindings;
            partial = new Rejection(clock.millis(), errors, true, confined.get().held());
            log.warn("{} invalid object(s) or file(s) held back (last good version kept where there is one), the rest "
                    + "applies; first: {}", partial.held().size(), errors.get(0).render());
        }
        Swap swap = next(prev, input, findings);
        if (prev != null && swap.changes().isEmpty()) {
            log.debug("config reloaded with no effective change");
            settle(partial);
            return errors;
        }
        current.set(swap.current());
        settle(partial);
        if (prev == null) {
            log.info("serving snapshot 1: {} objects", input.objectCount());
        } else {
            log.info("serving snapshot {}: {} objects, {} changed key(s){}", swap.current().version(),
                    input.objectCount(), swap.changes().keys().size(), swap.changes().meshConfigChanged()
                            ? ", mesh config changed (full push)"
                            : swap.endpointsOnly() ? ", endpoints only (assignments rebuilt, the rest reused)" : "");
        }
        for (Consumer<Swap> l : listeners) {
            l.accept(swap);
        }
        return errors;
    }

    private static List<Diagnostic> errorsOf(List<Diagnostic> findings) {
        return findings.stream().filter(d -> d.severity() == Severity.ERROR).toList();
    }

    /** The newest offer was served: clear the rejection, or record what it held back. */
    private void settle(Rejection partial) {
        if (partial == null) {
            clearRejection();
        } else {
            record(partial);
        }
    }

    /**
     * The snapshot that follows {@code prev} (null: none yet) for valid {@code input}. When only endpoints moved
     * (istiod's incremental EDS push) every index, scope and generated resource is kept and only the affected
     * services' assignments are rebuilt; otherwise everything is built afresh and diffed.
     */
    private Swap next(MeshSnapshot prev, MeshInput input, List<Diagnostic> findings) {
        long version = prev == null ? 1 : prev.version() + 1;
        Optional<EndpointUpdate> endpointsOnly = prev == null ? Optional.empty()
                : EndpointUpdate.between(prev.index(), input);
        if (endpointsOnly.isPresent()) {
            EndpointUpdate update = endpointsOnly.get();
            WorkloadLookup workloads = input.workloads().equals(prev.input().workloads()) ? prev.workloads()
                    : WorkloadLookup.of(input);
            return new Swap(prev, new MeshSnapshot(version, clock.instant(), input, update.index(),
                    prev.xds().withEndpoints(update), findings, workloads), update.changes(), true);
        }
        MeshIndex index = MeshIndex.build(input);
        return new Swap(prev, new MeshSnapshot(version, clock.instant(), input, index, XdsSnapshot.build(index),
                findings), ConfigChanges.between(prev == null ? null : prev.index(), index), false);
    }
}
