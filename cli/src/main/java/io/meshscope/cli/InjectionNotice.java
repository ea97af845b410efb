package io.meshscope.cli;

import io.meshscope.core.describe.ProxyWorkloads;
import io.meshscope.core.describe.SidecarInjection;
import io.meshscope.core.model.MeshInput;
import io.meshscope.core.render.TextSafe;
import java.io.PrintWriter;

/**
 * The one notice, on standard error, that commands counting proxies print when the injection rule
 * ({@link SidecarInjection}) decided their result: namespaces assumed injected because the input has no
 * Namespace object for them, and namespaces whose Namespace object injects nothing.
 */
final class InjectionNotice {
    private InjectionNotice() {
    }

    /** Prints the notice for {@code in}, if any; once per command run. */
    static void print(PrintWriter err, MeshInput in) {
        String notice = SidecarInjection.of(in).notice(ProxyWorkloads.all(in));
        if (notice != null) {
            err.println("meshscope: " + TextSafe.escape(notice));
            err.flush();
        }
    }
}
