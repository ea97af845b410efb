package io.meshscope.cli.ui;

import io.meshscope.server.admin.AdminHttpServer.EventSink;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * serve's web view follows the snapshots it serves: each accepted snapshot gets its own {@link UiData} (the CLI's
 * answers for exactly that input, computed when a page asks), and every open page is sent a server-sent event
 * ({@code event: snapshot}) so it fetches them again without a reload. A rejected change makes no snapshot, so
 * the view keeps showing the last good one, as the server keeps serving it.
 */
public final class UiLive {
    private final Set<EventSink> pages = ConcurrentHashMap.newKeySet();
    private volatile Current current;

    private record Current(long version, UiData data) {
    }

    /**
     * A new snapshot is served: answers for it from now on, and an event to every open page. Synchronized with
     * {@link #subscribe}, so a page that opens meanwhile cannot be told an older version after the newer one.
     */
    public synchronized void accept(long version, UiData data) {
        current = new Current(version, data);
        byte[] event = event(version);
        pages.removeIf(page -> !page.send(event));
    }

    /** The answers for the snapshot served now; null before the first. */
    public UiData data() {
        Current c = current;
        return c == null ? null : c.data();
    }

    /** The version of the snapshot served now; null before the first. */
    public Long version() {
        Current c = current;
        return c == null ? null : c.version();
    }

    /** An open page's event stream: told the version served now, then each new one; returns its unsubscribe. */
    synchronized Runnable subscribe(EventSink page) {
        pages.add(page);
        Current c = current;
        if (c != null) {
            page.send(event(c.version()));
        }
        return () -> pages.remove(page);
    }

    private static byte[] event(long version) {
        return ("event: snapshot\ndata: {\"snapshotVersion\":" + version + "}\n\n").getBytes(StandardCharsets.UTF_8);
    }
}
