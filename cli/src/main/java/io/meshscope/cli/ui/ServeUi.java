package io.meshscope.cli.ui;

import io.meshscope.cli.Main;
import io.meshscope.cli.SharedInput;
import io.meshscope.server.MeshscopeServer;
import io.meshscope.server.admin.AdminServer;
import java.util.List;

/**
 * serve's web view at {@code /ui} on its admin port: the CLI's own answers for each snapshot served (the same
 * commands, run in-process on the snapshot's input and index, sharing one size engine per snapshot and reporting
 * their progress: {@link Main#commandLine(java.io.PrintWriter, java.io.PrintWriter, SharedInput,
 * java.util.function.Supplier)}), and an event to open pages on each new snapshot ({@link UiLive}). It shows every
 * proxy's config, so it is served when /debug is.
 */
public final class ServeUi {
    /** Where the view is on the admin port. */
    public static final String PREFIX = "/ui";

    private ServeUi() {
    }

    /** Mounts the view on {@code server}'s admin port; before it starts. */
    public static void mount(MeshscopeServer server) {
        UiLive live = new UiLive();
        // the commands answer for the snapshot's input with the snapshot's own index: nothing is read or indexed again
        server.store().onSwap(swap -> {
            SharedInput shared = new SharedInput(swap.current().input(), swap.current().index());
            UiProgress progress = new UiProgress();
            live.accept(swap.current().version(), new UiData(UiData.inProcess((out, err) ->
                    Main.commandLine(out, err, shared, progress::listener)), List.of(), List.of(), progress));
        });
        server.mountOnAdmin(new AdminServer.Mount(PREFIX, "the web view of the snapshot served, live (meshscope ui)",
                UiRoutes.live(PREFIX, live)::serve));
    }
}
