package io.meshscope.core.synth;

/**
 * The synthetic mesh's text-level pieces, each a pure function of its arguments: YAML documents appended to one
 * buffer, seed-derived tokens (generateName-style suffixes) and hashes, addresses and zero-padded numbers.
 */
final class SynthText {
    private static final String ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

    private SynthText() {
    }

    /** Appends YAML documents, separated by {@code ---}. */
    static final class Docs {
        final StringBuilder sb;
        boolean first = true;

        Docs(StringBuilder sb) {
            this.sb = sb;
        }

        StringBuilder next() {
            if (!first) {
                sb.append("---\n");
            }
            first = false;
            return sb;
        }
    }

    /** {@code 10.<base>.0.0} + ordinal, 254 hosts per /24 (no .0 or .255), the first /24 left out. */
    static String ip(int base, long ordinal) {
        long block = 1 + ordinal / 254;
        long host = ordinal % 254 + 1;
        return "10." + (base + block / 256) + "." + (block % 256) + "." + host;
    }

    /** A {@code length}-character generateName-style token, a pure function of (stream, service, which). */
    static String token(long stream, int service, long which, int length) {
        long h = mix(mix(stream, service), which);
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) { // 27^13 > 2^64: up to 13 characters from one hash
            sb.append(ALPHABET.charAt((int) Long.remainderUnsigned(h, ALPHABET.length())));
            h = Long.divideUnsigned(h, ALPHABET.length());
        }
        return sb.toString();
    }

    /** SplitMix64's finaliser over (a, b): a well-mixed, platform-independent seed derivation. */
    static long mix(long a, long b) {
        long z = a * 0x9E3779B97F4A7C15L + b + 0x632BE59BD9B4E019L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** The number of decimal digits of {@code v} (0 and below: one). */
    static int digits(int v) {
        return Integer.toString(Math.max(0, v)).length();
    }

    /** {@code v} with leading zeros to {@code width} digits. */
    static String pad(int v, int width) {
        String s = Integer.toString(v);
        return s.length() >= width ? s : "0".repeat(width - s.length()) + s;
    }
}
