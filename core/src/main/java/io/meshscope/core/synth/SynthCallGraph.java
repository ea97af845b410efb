package io.meshscope.core.synth;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;
import java.util.TreeSet;

/**
 * The synthetic mesh's call graph: each service calls {@code fanout} distinct others, about 60% in its own
 * namespace, 25% in a few neighbour namespaces and 15% in platform. A pure function of the options (seeded
 * streams per purpose and per service), so the same options give the same graph.
 */
final class SynthCallGraph {
    private static final double OWN_SHARE = SyntheticMesh.OWN_SHARE;
    private static final double NEIGHBOUR_SHARE = SyntheticMesh.NEIGHBOUR_SHARE;
    private static final int NEIGHBOURS = SyntheticMesh.NEIGHBOURS;
    private static final long NEIGHBOURS_STREAM = 0x6e65696768L;
    private static final long CALLS_STREAM = 0x63616c6c73L;

    private final SynthOptions o;
    private final int namespaces;
    private final int platform;
    private final int[] nsStart;
    private final int[] nsOf;
    private final int[] rank;

    /** Namespace k holds services nsStart[k]..nsStart[k+1]-1; platform is -1 when there is none. */
    SynthCallGraph(SynthOptions o, int namespaces, int platform, int[] nsStart, int[] nsOf, int[] rank) {
        this.o = o;
        this.namespaces = namespaces;
        this.platform = platform;
        this.nsStart = nsStart;
        this.nsOf = nsOf;
        this.rank = rank;
    }

    /** Each application namespace's neighbours (never the platform namespace, never itself), sorted. */
    private int[][] neighbours() {
        int k = namespaces;
        int apps = platform >= 0 ? k - 1 : k;
        int first = platform >= 0 ? 1 : 0;
        int count = Math.min(NEIGHBOURS, apps - 1);
        int[][] out = new int[k][];
        Random r = new Random(SynthText.mix(o.seed(), NEIGHBOURS_STREAM));
        for (int ns = 0; ns < k; ns++) {
            if (ns == platform || count <= 0) {
                out[ns] = new int[0];
                continue;
            }
            TreeSet<Integer> picked = new TreeSet<>();
            while (picked.size() < count) {
                int c = first + r.nextInt(apps);
                if (c != ns) {
                    picked.add(c);
                }
            }
            out[ns] = picked.stream().mapToInt(Integer::intValue).toArray();
        }
        return out;
    }

    /** Each service's callees, sorted by rank (the services' sorted order). */
    int[][] draw() {
        int[][] neighbours = neighbours();
        int n = nsOf.length;
        int f = o.fanout();
        int[][] out = new int[n][];
        boolean[] chosen = new boolean[n];
        long stream = SynthText.mix(o.seed(), CALLS_STREAM);
        for (int s = 0; s < n; s++) {
            Random r = new Random(SynthText.mix(stream, s));
            int ns = nsOf[s];
            int[] picks = new int[f];
            int cursor = nsStart[ns];
            for (int c = 0; c < f; c++) {
                int pick = -1;
                for (int attempt = 0; attempt < 8 && pick < 0; attempt++) {
                    int candidate = draw(r, ns, neighbours[ns]);
                    if (candidate != s && !chosen[candidate]) {
                        pick = candidate;
                    }
                }
                if (pick < 0) {
                    // Used up (a small namespace, or a fanout near N): the next unused service, nearby first.
                    while (cursor == s || chosen[cursor]) {
                        cursor = (cursor + 1) % n;
                    }
                    pick = cursor;
                }
                chosen[pick] = true;
                picks[c] = pick;
            }
            for (int p : picks) {
                chosen[p] = false;
            }
            out[s] = Arrays.stream(picks).boxed().sorted(Comparator.comparingInt(p -> rank[p]))
                    .mapToInt(Integer::intValue).toArray();
        }
        return out;
    }

    private int draw(Random r, int ns, int[] neighbours) {
        double x = r.nextDouble();
        int target;
        if (ns == platform || x < OWN_SHARE) {
            target = ns;
        } else if (x < OWN_SHARE + NEIGHBOUR_SHARE && neighbours.length > 0) {
            target = neighbours[r.nextInt(neighbours.length)];
        } else if (platform >= 0) {
            target = platform;
        } else {
            target = ns;
        }
        return nsStart[target] + r.nextInt(nsStart[target + 1] - nsStart[target]);
    }
}
