package dev.agentflow.core.compiler;

import dev.agentflow.core.graph.WorkflowGraph;
import dev.agentflow.core.model.Edge;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * Turns any DAG into nested sequences and parallels (ARCHITECTURE.md "Compiling": series-parallel regions
 * nest Parallel states; other regions fall back to level order).
 *
 * <p>For a set S of nodes: if S falls apart into weakly connected parts, they run in parallel; else if some
 * nodes of S are comparable with every other node of S (cut points), S is a sequence split at them; else
 * (an N-shaped region such as a→c, b→c, b→d) S runs as its sources, then the rest. Every order produced
 * respects every edge, since sequences follow topological order and parallel parts share no edge; nodes
 * in a parallel part read only their own part's results and what ran before the Parallel state.
 * Cost: O(V² / 64) words per level of nesting on top of the graph's ancestor sets.
 */
final class GraphDecomposer {

    private final int n;
    private final int words;
    private final int[][] successors;
    private final int[][] predecessors;
    private final long[][] ancestors;
    private final long[][] descendants;
    private final int[] order;
    /** Scratch: a member's index within the region being split (valid only for that region's members). */
    private final int[] slot;

    GraphDecomposer(WorkflowGraph graph) {
        this.n = graph.size();
        this.words = (n + 63) >>> 6;
        this.successors = new int[n][];
        this.predecessors = new int[n][];
        for (int v = 0; v < n; v++) {
            successors[v] = graph.outgoing(v).stream().mapToInt(e -> graph.indexOf(e.target())).toArray();
            predecessors[v] = graph.incoming(v).stream().mapToInt(e -> graph.indexOf(e.source())).toArray();
        }
        this.ancestors = toWords(graph.ancestors());
        this.descendants = toWords(graph.descendants());
        this.order = graph.topologicalOrder();
        this.slot = new int[n];
    }

    private long[][] toWords(BitSet[] sets) {
        long[][] out = new long[sets.length][];
        for (int i = 0; i < sets.length; i++) {
            out[i] = java.util.Arrays.copyOf(sets[i].toLongArray(), words);
        }
        return out;
    }

    /** The block for the whole graph. */
    Block decompose() {
        return decompose(order);
    }

    /** @param members the nodes of the region, in ascending topological position */
    private Block decompose(int[] members) {
        int size = members.length;
        if (size == 1) {
            return new Block.NodeBlock(members[0]);
        }
        long[] in = new long[words];
        for (int v : members) {
            in[v >>> 6] |= 1L << v;
        }
        List<int[]> parts = components(members, in);
        if (parts.size() > 1) {
            List<Block> branches = new ArrayList<>(parts.size());
            for (int[] p : parts) {
                branches.add(decompose(p));
            }
            return new Block.Parallel(branches, members);
        }
        // a cut is comparable with every other member: all earlier members are its ancestors, all later ones
        // its descendants (members are in topological order, so only earlier ones can be ancestors)
        boolean[] cut = new boolean[size];
        boolean anyCut = false;
        for (int i = 0; i < size; i++) {
            int v = members[i];
            if (countIn(ancestors[v], in) == i && countIn(descendants[v], in) == size - 1 - i) {
                cut[i] = true;
                anyCut = true;
            }
        }
        if (anyCut) {
            List<Block> seq = new ArrayList<>();
            int segmentStart = 0;
            for (int i = 0; i <= size; i++) {
                if (i == size || cut[i]) {
                    if (i > segmentStart) {
                        seq.add(decompose(java.util.Arrays.copyOfRange(members, segmentStart, i)));
                    }
                    if (i < size) {
                        seq.add(new Block.NodeBlock(members[i]));
                    }
                    segmentStart = i + 1;
                }
            }
            return new Block.Sequence(seq, members);
        }
        int[] sources = new int[size];
        int[] rest = new int[size];
        int ns = 0;
        int nr = 0;
        for (int v : members) {
            if (hasPredIn(v, in)) {
                rest[nr++] = v;
            } else {
                sources[ns++] = v;
            }
        }
        return new Block.Sequence(List.of(decompose(java.util.Arrays.copyOf(sources, ns)),
                decompose(java.util.Arrays.copyOf(rest, nr))), members);
    }

    private boolean hasPredIn(int v, long[] in) {
        for (int p : predecessors[v]) {
            if ((in[p >>> 6] & (1L << p)) != 0) {
                return true;
            }
        }
        return false;
    }

    private static int countIn(long[] set, long[] within) {
        int count = 0;
        for (int w = 0; w < set.length; w++) {
            count += Long.bitCount(set[w] & within[w]);
        }
        return count;
    }

    /**
     * Weakly connected parts of the region, each in topological order, ordered by their first node.
     * A cut point between two parts cannot exist in a topologically sorted region split this way, so
     * ordering by first member keeps the branch order stable and readable.
     */
    private List<int[]> components(int[] members, long[] in) {
        int[] par = new int[members.length];
        for (int i = 0; i < members.length; i++) {
            slot[members[i]] = i;
            par[i] = i;
        }
        for (int i = 0; i < members.length; i++) {
            for (int t : successors[members[i]]) {
                if ((in[t >>> 6] & (1L << t)) != 0) {
                    int a = find(par, i);
                    int b = find(par, slot[t]);
                    if (a != b) {
                        if (a < b) {
                            par[b] = a;
                        } else {
                            par[a] = b;
                        }
                    }
                }
            }
        }
        int[] count = new int[members.length];
        for (int i = 0; i < members.length; i++) {
            count[find(par, i)]++;
        }
        List<int[]> parts = new ArrayList<>();
        int[][] byRoot = new int[members.length][];
        int[] fill = new int[members.length];
        for (int i = 0; i < members.length; i++) {
            int r = find(par, i);
            if (byRoot[r] == null) {
                byRoot[r] = new int[count[r]];
                parts.add(byRoot[r]);
            }
            byRoot[r][fill[r]++] = members[i];
        }
        return parts;
    }

    private static int find(int[] parent, int v) {
        while (parent[v] != v) {
            parent[v] = parent[parent[v]];
            v = parent[v];
        }
        return v;
    }
}
