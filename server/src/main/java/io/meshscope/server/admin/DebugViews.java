package io.meshscope.server.admin;

import io.meshscope.core.describe.Describer;
import io.meshscope.core.model.Diagnostic;
import io.meshscope.core.model.ObjectMeta;
import io.meshscope.core.model.Workload;
import io.meshscope.core.model.WorkloadKind;
import io.meshscope.core.render.DescriptionJson;
import io.meshscope.core.render.Json;
import io.meshscope.core.validate.ObjectQuarantine;
import io.meshscope.server.metrics.ServerMetrics;
import io.meshscope.server.snapshot.MeshSnapshot;
import io.meshscope.server.snapshot.ProxyContext;
import io.meshscope.server.snapshot.SnapshotStore;
import io.meshscope.server.xds.ConnectionRegistry;
import io.meshscope.server.xds.XdsStream;
import io.meshscope.xds.ConfigDumps;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON bodies of the debug endpoints, computed from the served snapshot and the connected streams. */
final class DebugViews {
    private final SnapshotStore store;
    private final ConnectionRegistry connections;
    private final ServerMetrics metrics;
    private volatile SnapshotStore.Swap lastSwap;

    DebugViews(SnapshotStore store, ConnectionRegistry connections, ServerMetrics metrics) {
        this.store = store;
        this.connections = connections;
        this.metrics = metrics;
        store.onSwap(s -> lastSwap = s);
    }

    String syncz() {
        List<Object> out = new ArrayList<>();
        connections.all().stream().map(XdsStream::syncStatus)
                .sorted((a, b) -> String.valueOf(a.get("proxy")).compareTo(String.valueOf(b.get("proxy"))))
                .forEach(out::add);
        return Json.write(out);
    }

    AdminServer.Response configDump(Map<String, String> q) {
        XdsStream s = stream(q);
        if (s == null) {
            return notConnected(q);
        }
        MeshSnapshot snap = store.current();
        ProxyContext p = s.contextIn(snap);
        return AdminServer.Response.json(200,
                ConfigDumps.json(snap.xds().resourcesFor(p.proxy(), p.workload(), p.proxyless(),
                        s.node().locality())));
    }

    AdminServer.Response sidecarz(Map<String, String> q) {
        XdsStream s = stream(q);
        if (s == null) {
            return notConnected(q);
        }
        MeshSnapshot snap = store.current();
        ProxyContext p = s.contextIn(snap);
        Workload w = p.workload() != null ? p.workload() : new Workload(
                ObjectMeta.of("Pod", p.proxy().namespace(), s.node().podName().isEmpty() ? s.node().id() : s.node().podName()),
                WorkloadKind.POD, p.proxy().labels(), Map.of(), 1, List.of(), List.of());
        return AdminServer.Response.json(200, Json.write(DescriptionJson.toMap(
                new Describer(snap.index()).describe(w, p.proxy().type()))));
    }

    String pushStatus() {
        MeshSnapshot snap = store.current();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("snapshotVersion", snap == null ? null : snap.version());
        m.put("snapshotCreated", snap == null ? null : snap.createdAt().toString());
        m.put("objects", snap == null ? 0 : snap.input().objectCount());
        m.put("connectedProxies", metrics.connectedCount());
        m.put("configInvalid", store.lastRejection() != null);
        SnapshotStore.Swap swap = lastSwap;
        if (swap != null && swap.previous() != null) {
            Map<String, Object> change = new LinkedHashMap<>();
            change.put("fromVersion", swap.previous().version());
            change.put("toVersion", swap.current().version());
            change.put("meshConfigChanged", swap.changes().meshConfigChanged());
            List<String> keys = swap.changes().keys().stream().map(Object::toString).sorted().toList();
            change.put("changedKeys", keys.size() > 100 ? keys.subList(0, 100) : keys);
            change.put("changedKeyCount", keys.size());
            change.put("movedWorkloads", swap.changes().changedWorkloads().stream().map(Object::toString).sorted()
                    .toList());
            change.put("endpointsOnly", swap.endpointsOnly());
            m.put("lastChange", change);
        }
        m.put("proxyDecisions", metrics.pushDecisions());
        m.put("responsesByType", metrics.pushesByType());
        m.put("nacksByType", metrics.rejectsByType());
        return Json.write(m);
    }

    String errors() {
        Map<String, Object> m = new LinkedHashMap<>();
        SnapshotStore.Rejection r = store.lastRejection();
        m.put("rejected", r != null);
        m.put("rejectedAtEpochMillis", r == null ? null : r.atEpochMillis());
        m.put("errors", r == null ? List.of() : r.errors().stream().map(DebugViews::diagnostic).toList());
        m.put("partial", r != null && r.partial());
        m.put("held", r == null ? List.of() : r.held().stream().map(DebugViews::held).toList());
        MeshSnapshot snap = store.current();
        m.put("servingSnapshot", snap == null ? null : snap.version());
        m.put("warnings", snap == null ? List.of() : snap.warnings().stream().map(DebugViews::diagnostic).toList());
        return Json.write(m);
    }

    /** An object (or a file that did not decode) held back while the rest of a change was served. */
    private static Map<String, Object> held(ObjectQuarantine.Held h) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("object", h.object() == null ? null : h.object().toString());
        m.put("file", h.file());
        m.put("serving", h.lastGoodKept() ? "last good version" : "nothing (no valid version yet)");
        m.put("errors", h.errors().stream().map(DebugViews::diagnostic).toList());
        return m;
    }

    private static Map<String, Object> diagnostic(Diagnostic d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("severity", d.severity().label());
        m.put("resource", d.resource() == null ? null : d.resource().toString());
        m.put("location", d.location().toString());
        m.put("field", d.field());
        m.put("message", d.message());
        return m;
    }

    private XdsStream stream(Map<String, String> q) {
        String id = q.get("proxyID");
        return id == null || id.isEmpty() ? null : connections.find(id);
    }

    /** 400 naming the missing {@code proxyID} parameter; 404 when it matches no single connected proxy. */
    private static AdminServer.Response notConnected(Map<String, String> q) {
        String id = q.get("proxyID");
        if (id == null || id.isEmpty()) {
            return AdminServer.Response.json(400, Json.write(Map.of("error",
                    "missing required query parameter proxyID: give ?proxyID=<node id or part of it>")));
        }
        return AdminServer.Response.json(404, Json.write(Map.of("error",
                "no single connected proxy matches " + id + "; see /debug/syncz")));
    }
}
