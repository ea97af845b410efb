package io.meshscope.decode;

import java.util.Collection;
import java.util.Locale;

/** The nearest known name to a misspelt one (edit distance, a swap of neighbours counting as one edit), for "did you mean" hints. */
final class Suggestions {
    private Suggestions() {
    }

    /**
     * The name in {@code known} closest to {@code given}, or null when none is close: at most a third of the name's
     * length in edits (at least one), or equal but for case. Ties go to the first in iteration order.
     */
    static String nearest(String given, Collection<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : known) {
            int d = candidate.equalsIgnoreCase(given) ? 0 : distance(given.toLowerCase(Locale.ROOT),
                    candidate.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                bestDistance = d;
                best = candidate;
            }
        }
        return best != null && bestDistance <= Math.max(1, Math.min(given.length(), best.length()) / 3) ? best : null;
    }

    /** {@code " (did you mean \"x\"?)"} for the nearest name, or "" when none is close. */
    static String didYouMean(String given, Collection<String> known) {
        String nearest = nearest(given, known);
        return nearest == null ? "" : " (did you mean \"" + nearest + "\"?)";
    }

    /** Optimal string alignment distance: Levenshtein plus the swap of two neighbours ("nmae" is one from "name"). */
    private static int distance(String a, String b) {
        if (Math.abs(a.length() - b.length()) > 64) {
            return Integer.MAX_VALUE - 1; // far apart, and long names need not cost a big table
        }
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(d[i - 1][j - 1] + cost, Math.min(d[i - 1][j], d[i][j - 1]) + 1);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
