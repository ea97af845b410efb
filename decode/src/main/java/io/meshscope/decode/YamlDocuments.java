package io.meshscope.decode;

import io.meshscope.core.model.SourceLocation;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;
import org.snakeyaml.engine.v2.schema.CoreSchema;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Splits a YAML stream into documents with SnakeYAML Engine's compose step, which keeps a mark on every node.
 * A syntax error drops only the document it is in: parsing restarts at the next {@code ---} line, so documents
 * before and after a broken one are still read. Errors are reported, never thrown.
 */
final class YamlDocuments {
    private static final int NO_RESUME = -1;
    /** The largest read window, in code points (see {@link #settings(ReadLimits, int)}). */
    private static final int READ_WINDOW = 1024 * 1024;

    private YamlDocuments() {
    }

    /**
     * The non-empty documents of {@code text}, in order; problems go to {@code diags}. Block-style text is read by
     * {@link BlockYamlReader}; anything else, and every text with a problem to report, by SnakeYAML.
     */
    static List<YNode> parse(String text, Positions positions, ReadLimits limits, Diagnostics diags) {
        List<YNode> documents = BlockYamlReader.read(text, positions, limits);
        return documents != null ? documents : parseComposed(text, positions, limits, diags);
    }

    /**
     * {@link #parse}'s documents, and whether they may hold a kustomize directive key ({@code $patch}, ...):
     * false only when no key starts with '$' (known from the block reader) or the text has neither '$' nor a
     * backslash (which a double-quoted key needs to spell one).
     */
    static Parsed parseForObjects(String text, Positions positions, ReadLimits limits, Diagnostics diags) {
        BlockYamlReader.Read read = BlockYamlReader.readKeys(text, positions, limits);
        if (read != null) {
            return new Parsed(read.documents(), read.dollarKey());
        }
        return new Parsed(parseComposed(text, positions, limits, diags),
                text.indexOf('$') >= 0 || text.indexOf('\\') >= 0);
    }

    /** Documents of a text, and whether a directive key may be among their keys ({@link #parseForObjects}). */
    record Parsed(List<YNode> documents, boolean mayHoldDirective) {
    }

    /** {@link #parse} with SnakeYAML only: the reference {@link BlockYamlReader} is held to. */
    static List<YNode> parseComposed(String text, Positions positions, ReadLimits limits, Diagnostics diags) {
        List<YNode> documents = new ArrayList<>();
        LineIndex lines = new LineIndex(text);
        if (!printable(text, lines, positions, diags)) {
            return documents;
        }
        LoadSettings settings = settings(limits, text.length());
        int startLine = 0;
        while (true) {
            String chunk = startLine == 0 ? text : text.substring(lines.offsetOf(startLine));
            int errorLine = parseChunk(chunk, positions.shiftLines(startLine), settings, limits, diags, documents);
            if (errorLine == NO_RESUME) {
                return documents;
            }
            // Restart at the first document marker at or after the error; a marker on the line the chunk began
            // with would re-read the same broken document forever.
            int next = lines.nextDocumentStart(Math.max(startLine + errorLine, startLine + 1));
            if (next < 0) {
                return documents;
            }
            startLine = next;
        }
    }

    static LoadSettings settings(ReadLimits limits) {
        return settings(limits, READ_WINDOW);
    }

    /**
     * SnakeYAML reads through a window it refills {@code bufferSize} code points at a time, copying what it holds
     * on each refill: with its default of 1,024, one long token (a word, a block scalar's line) costs time
     * quadratic in its length (8 MB took 25 s). A window of up to 1 Mi code points (no larger than the text, so
     * small files stay cheap) makes that 1,000 times cheaper: 40 MB in a few seconds.
     */
    static LoadSettings settings(ReadLimits limits, int textLength) {
        return LoadSettings.builder()
                .setSchema(new CoreSchema())
                .setCodePointLimit(limits.maxFileBytes())
                .setBufferSize(Math.max(1024, Math.min(READ_WINDOW, textLength + 1)))
                .setMaxAliasesForCollections(limits.maxAliases())
                .setAllowRecursiveKeys(false)
                // Non-scalar keys would otherwise fail without a position; NodeConverter reports them located.
                .setAllowNonScalarKeys(true)
                .setUseMarks(true)
                .build();
    }

    /** Parses one chunk; returns the 0-based chunk line of a recoverable error, or NO_RESUME when done. */
    private static int parseChunk(String chunk, Positions positions, LoadSettings settings, ReadLimits limits,
                                  Diagnostics diags, List<YNode> out) {
        Composer composer = new DepthLimitedComposer(settings,
                new ParserImpl(settings, new StreamReader(settings, chunk)), limits.maxDepth(), limits.maxNodes());
        int lastEndLine = 0;
        try {
            while (composer.hasNext()) {
                Node node = composer.next();
                lastEndLine = node.getEndMark().map(Mark::getLine).orElse(lastEndLine);
                convert(node, positions, limits, diags, out);
            }
            return NO_RESUME;
        } catch (MarkedYamlEngineException e) {
            Optional<Mark> mark = e.getProblemMark().or(e::getContextMark);
            diags.error(null, at(positions, mark, lastEndLine), "", Diagnostics.YAML_SYNTAX, syntaxMessage(e, positions));
            return mark.map(Mark::getLine).orElse(NO_RESUME);
        } catch (DepthLimitedComposer.LimitException e) {
            Optional<Mark> mark = Optional.ofNullable(e.mark);
            diags.error(null, at(positions, mark, lastEndLine), "", Diagnostics.LIMIT, e.getMessage());
            return mark.map(Mark::getLine).orElse(NO_RESUME);
        } catch (YamlEngineException e) {
            // No position (e.g. the code point limit): the rest of the chunk cannot be trusted.
            diags.error(null, positions.at(lastEndLine, 0), "", Diagnostics.LIMIT, e.getMessage());
            return NO_RESUME;
        } catch (StackOverflowError e) {
            diags.error(null, positions.at(lastEndLine, 0), "", Diagnostics.LIMIT,
                    "document is nested too deeply to read");
            return NO_RESUME;
        }
    }

    private static void convert(Node node, Positions positions, ReadLimits limits, Diagnostics diags, List<YNode> out) {
        try {
            YNode doc = new NodeConverter(positions, limits, diags).convert(node);
            if (!(doc instanceof YNode.Scalar s && s.isNull())) {
                out.add(doc);
            }
        } catch (NodeConverter.AbortException e) {
            diags.error(null, e.at, e.path, Diagnostics.LIMIT, e.getMessage() + "; the document is skipped");
        } catch (StackOverflowError e) {
            diags.error(null, positions.at(node.getStartMark().map(Mark::getLine).orElse(0), 0), "",
                    Diagnostics.LIMIT, "document is nested too deeply to read; the document is skipped");
        }
    }

    private static SourceLocation at(Positions positions, Optional<Mark> mark, int fallbackLine) {
        return mark.map(m -> positions.at(m.getLine(), m.getColumn())).orElse(positions.at(fallbackLine, 0));
    }

    private static String syntaxMessage(MarkedYamlEngineException e, Positions positions) {
        String problem = e.getProblem() == null ? e.getMessage() : e.getProblem();
        if (e.getContext() == null) {
            return problem;
        }
        String context = e.getContext();
        Optional<Mark> contextMark = e.getContextMark();
        if (contextMark.isPresent() && e.getProblemMark().isPresent()) {
            context += " that starts at " + positions.at(contextMark.get().getLine(), contextMark.get().getColumn());
        }
        return problem + " (" + context + ")";
    }

    /**
     * YAML forbids most control characters; SnakeYAML would stop at the first one without a line number, and
     * only where it happens to read ahead. A file holding one is not a manifest: report it once, located.
     */
    private static boolean printable(String text, LineIndex lines, Positions positions, Diagnostics diags) {
        for (int i = 0; i < text.length(); ) {
            char c = text.charAt(i);
            // ASCII text, nearly every manifest byte, needs no code point decoding (a tenth of reading large meshes)
            if ((c >= 0x20 && c < 0x7F) || c == '\n' || c == '\r' || c == '\t') {
                i++;
                continue;
            }
            int cp = text.codePointAt(i);
            if (!StreamReader.isPrintable(cp)) {
                int line = lines.lineOf(i);
                int column = text.codePointCount(lines.offsetOf(line), i);
                diags.error(null, positions.at(line, column), "", Diagnostics.ENCODING,
                        String.format("not a YAML text: control character U+%04X (binary content?)", cp));
                return false;
            }
            i += Character.charCount(cp);
        }
        return true;
    }
}
