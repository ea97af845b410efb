package io.meshscope.core.analyze;

import java.util.List;

/**
 * Base of meshscope's analyzers that report one message type and query the scope engine: the name, the type and
 * the shared {@link IndexCache} (so all analyzers of one run reuse one {@code MeshIndex}) live here once.
 */
abstract class IndexedAnalyzer implements Analyzer {
    private final String name;
    private final MessageType type;
    protected final IndexCache cache;

    IndexedAnalyzer(String name, MessageType type, IndexCache cache) {
        this.name = name;
        this.type = type;
        this.cache = cache;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final List<MessageType> produces() {
        return List.of(type);
    }
}
