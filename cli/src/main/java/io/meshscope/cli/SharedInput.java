package io.meshscope.cli;

import io.meshscope.core.model.MeshInput;
import io.meshscope.core.scope.MeshIndex;
import io.meshscope.xds.report.ConfigReporter;

/**
 * An input read and indexed once, and the size engine built over it, shared by every command that answers for it
 * (the web view runs {@code report}, {@code analyze}, {@code whatif} and {@code describe} in-process on one input):
 * the report's sizes and MS0004's, generate's and whatif's come from one {@link ConfigReporter}, so each scope's
 * resources, the endpoint estimate and the whole mesh's default scope are built once for all of them, not once per
 * command. The engine's caches are concurrent: commands may run side by side.
 */
public final class SharedInput {
    private final MeshInput input;
    private final MeshIndex index;
    private volatile ConfigReporter reporter;

    /** {@code index}: {@code MeshIndex.build(input)}. */
    public SharedInput(MeshInput input, MeshIndex index) {
        this.input = input;
        this.index = index;
    }

    public MeshInput input() {
        return input;
    }

    public MeshIndex index() {
        return index;
    }

    /** The size engine over {@link #index()}, built by the first command that sizes anything. */
    ConfigReporter reporter() {
        ConfigReporter r = reporter;
        if (r == null) {
            synchronized (this) {
                r = reporter;
                if (r == null) {
                    r = new ConfigReporter(index);
                    reporter = r;
                }
            }
        }
        return r;
    }
}
