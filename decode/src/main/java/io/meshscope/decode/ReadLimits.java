package io.meshscope.decode;

/**
 * Bounds that keep hostile or accidental input (huge files, deep nesting, alias bombs) from exhausting memory
 * or stack; exceeding one is reported as an error about that file or document, never thrown.
 *
 * @param maxFileBytes       largest file (and YAML document, in code points) read
 * @param maxDepth           deepest nesting of mappings and sequences in a document
 * @param maxAliases         most aliases to collections per document (SnakeYAML's own billion-laughs guard)
 * @param maxAliasExpansion  most nodes reachable through aliases per document, after expansion
 * @param maxNodes           most nodes (scalars, sequences, mappings) per document, so memory is bounded by it
 */
public record ReadLimits(int maxFileBytes, int maxDepth, int maxAliases, int maxAliasExpansion, int maxNodes) {
    /** Default {@link #maxNodes}: far above a {@code kubectl get -o yaml} List of thousands of objects. */
    public static final int DEFAULT_MAX_NODES = 1_000_000;

    /** The given bounds with the default node limit. */
    public ReadLimits(int maxFileBytes, int maxDepth, int maxAliases, int maxAliasExpansion) {
        this(maxFileBytes, maxDepth, maxAliases, maxAliasExpansion, DEFAULT_MAX_NODES);
    }

    /**
     * 64 MiB files, depth 100, 50 aliases, 100,000 nodes reached through aliases, 1,000,000 nodes a document; each
     * can be raised with a JVM system property ({@code MESHSCOPE_JAVA_OPTS="-Dmeshscope.maxNodes=5000000"}):
     * {@code meshscope.maxFileBytes}, {@code .maxDepth}, {@code .maxAliases}, {@code .maxAliasExpansion},
     * {@code .maxNodes} (docs/inputs.md "Input limits").
     */
    public static ReadLimits defaults() {
        return new ReadLimits(Integer.getInteger("meshscope.maxFileBytes", 64 * 1024 * 1024),
                Integer.getInteger("meshscope.maxDepth", 100), Integer.getInteger("meshscope.maxAliases", 50),
                Integer.getInteger("meshscope.maxAliasExpansion", 100_000),
                Integer.getInteger("meshscope.maxNodes", DEFAULT_MAX_NODES));
    }
}
