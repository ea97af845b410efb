package io.meshscope.decode;

import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.comments.CommentLine;
import org.snakeyaml.engine.v2.common.Anchor;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.parser.Parser;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * SnakeYAML's composer recurses once per nesting level and has no depth limit, so {@code [[[[...]]]]} would
 * end in a StackOverflowError; this one stops at a fixed depth. It also gives a position to SnakeYAML's
 * unlocated limit errors (too many aliases, too many code points): the start of the innermost collection.
 */
final class DepthLimitedComposer extends Composer {

    /** A limit was exceeded inside the collection that starts at {@code mark}. */
    static final class LimitException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient Mark mark;

        LimitException(Mark mark, String message) {
            super(message, null, false, false);
            this.mark = mark;
        }
    }

    private final int maxDepth;
    private final int maxNodes;
    private int depth;
    private int nodes;

    DepthLimitedComposer(LoadSettings settings, Parser parser, int maxDepth, int maxNodes) {
        super(settings, parser);
        this.maxDepth = maxDepth;
        this.maxNodes = maxNodes;
    }

    /** The next document; the node count is per document. */
    @Override
    public Node next() {
        nodes = 0;
        return super.next();
    }

    @Override
    protected Node composeScalarNode(Optional<Anchor> anchor, List<CommentLine> blockComments) {
        count();
        return super.composeScalarNode(anchor, blockComments);
    }

    /** Memory grows with the nodes composed: stop before a huge flow sequence exhausts the heap. */
    private void count() {
        if (++nodes > maxNodes) {
            throw new LimitException(parser.peekEvent().getStartMark().orElse(null),
                    "document has more than " + maxNodes + " nodes (scalars, sequences and mappings)");
        }
    }

    @Override
    protected SequenceNode composeSequenceNode(Optional<Anchor> anchor) {
        return nested(() -> super.composeSequenceNode(anchor));
    }

    @Override
    protected Node composeMappingNode(Optional<Anchor> anchor) {
        return nested(() -> super.composeMappingNode(anchor));
    }

    private <T> T nested(Supplier<T> compose) {
        Mark start = parser.peekEvent().getStartMark().orElse(null);
        count();
        depth++;
        try {
            if (depth > maxDepth) {
                throw new LimitException(start, "nesting is deeper than " + maxDepth + " levels");
            }
            return compose.get();
        } catch (LimitException | MarkedYamlEngineException e) {
            throw e;
        } catch (YamlEngineException e) {
            throw new LimitException(start, e.getMessage());
        } finally {
            depth--;
        }
    }
}
