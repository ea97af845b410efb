package io.meshscope.decode;

import io.meshscope.core.model.SourceLocation;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Turns a file's bytes into text, refusing binary content with one located error instead of letting the YAML
 * scanner trip over it (Kubernetes manifests are UTF-8; a NUL byte or an invalid sequence means "not a manifest").
 */
final class SourceText {
    private SourceText() {
    }

    /** The text of {@code bytes}, or null after reporting why it is not text. A UTF-8 BOM is dropped. */
    static String decode(String file, byte[] bytes, ReadLimits limits, Diagnostics diags) {
        if (bytes.length > limits.maxFileBytes()) {
            diags.error(null, new SourceLocation(file, 1, 1), "", Diagnostics.LIMIT,
                    "file is " + bytes.length + " bytes, more than the limit of " + limits.maxFileBytes() + " bytes ("
                    + Source.howToRaise(limits.maxFileBytes()) + ")");
            return null;
        }
        boolean ascii = true;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                diags.error(null, locate(file, bytes, i), "", Diagnostics.ENCODING,
                        "not a text file: NUL byte at offset " + i + " (binary content?)");
                return null;
            }
            ascii &= bytes[i] > 0;
        }
        if (ascii) {
            // Nearly every manifest: valid UTF-8 by construction, and ISO-8859-1 decoding is a plain copy.
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out;
        try {
            out = decoder.decode(in);
        } catch (CharacterCodingException e) {
            int offset = firstInvalidUtf8(bytes);
            diags.error(null, locate(file, bytes, offset), "", Diagnostics.ENCODING,
                    String.format("not valid UTF-8: byte 0x%02X at offset %d (binary content?)",
                            bytes[offset] & 0xff, offset));
            return null;
        }
        String text = out.toString();
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    /** The offset of the first byte that does not start or continue a valid UTF-8 sequence. */
    private static int firstInvalidUtf8(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(Math.max(16, bytes.length));
        decoder.decode(in, out, true);
        return Math.min(in.position(), Math.max(0, bytes.length - 1));
    }

    /** 1-based line and column (in bytes) of a byte offset. */
    private static SourceLocation locate(String file, byte[] bytes, int offset) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < offset; i++) {
            if (bytes[i] == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new SourceLocation(file, line, offset - lineStart + 1);
    }
}
