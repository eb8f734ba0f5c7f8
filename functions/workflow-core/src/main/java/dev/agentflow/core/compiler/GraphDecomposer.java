package dev.agentflow.core.compiler;

import dev.agentflow.core.graph.WorkflowGraph;
import dev.agentflow.core.model.Edge;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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

    private final WorkflowGraph graph;
    private final BitSet[] ancestors;
    private final BitSet[] descendants;
    private final int[] position;

    GraphDecomposer(WorkflowGraph graph) {
        this.graph = graph;
        this.ancestors = graph.ancestors();
        this.descendants = graph.descendants();
        int[] order = graph.topologicalOrder();
        this.position = new int[graph.size()];
        for (int i = 0; i < order.length; i++) {
            position[order[i]] = i;
        }
    }

    /** The block for the whole graph. */
    Block decompose() {
        BitSet all = new BitSet(graph.size());
        all.set(0, graph.size());
        return decompose(all);
    }

    private Block decompose(BitSet s) {
        int size = s.cardinality();
        if (size == 1) {
            return new Block.NodeBlock(s.nextSetBit(0));
        }
        List<BitSet> parts = components(s);
        if (parts.size() > 1) {
            List<Block> branches = new ArrayList<>();
            for (BitSet p : parts) {
                branches.add(decompose(p));
            }
            return new Block.Parallel(branches);
        }
        List<Integer> cuts = new ArrayList<>();
        for (int v = s.nextSetBit(0); v >= 0; v = s.nextSetBit(v + 1)) {
            if (countIn(ancestors[v], s) + countIn(descendants[v], s) == size - 1) {
                cuts.add(v);
            }
        }
        if (!cuts.isEmpty()) {
            cuts.sort((a, b) -> Integer.compare(position[a], position[b]));
            BitSet cutSet = new BitSet(graph.size());
            cuts.forEach(cutSet::set);
            List<BitSet> segments = new ArrayList<>();
            for (int i = 0; i <= cuts.size(); i++) {
                segments.add(new BitSet(graph.size()));
            }
            for (int v = s.nextSetBit(0); v >= 0; v = s.nextSetBit(v + 1)) {
                if (!cutSet.get(v)) {
                    segments.get(countIn(ancestors[v], cutSet)).set(v);
                }
            }
            List<Block> seq = new ArrayList<>();
            for (int i = 0; i <= cuts.size(); i++) {
                if (!segments.get(i).isEmpty()) {
                    seq.add(decompose(segments.get(i)));
                }
                if (i < cuts.size()) {
                    seq.add(new Block.NodeBlock(cuts.get(i)));
                }
            }
            return new Block.Sequence(seq);
        }
        BitSet sources = new BitSet(graph.size());
        for (int v = s.nextSetBit(0); v >= 0; v = s.nextSetBit(v + 1)) {
            boolean hasPredInS = false;
            for (Edge e : graph.incoming(v)) {
                if (s.get(graph.indexOf(e.source()))) {
                    hasPredInS = true;
                    break;
                }
            }
            if (!hasPredInS) {
                sources.set(v);
            }
        }
        BitSet rest = (BitSet) s.clone();
        rest.andNot(sources);
        return new Block.Sequence(List.of(decompose(sources), decompose(rest)));
    }

    private static int countIn(BitSet set, BitSet within) {
        BitSet copy = (BitSet) set.clone();
        copy.and(within);
        return copy.cardinality();
    }

    /** Weakly connected parts of the subgraph induced by s, ordered by their first node in topological order. */
    private List<BitSet> components(BitSet s) {
        int n = graph.size();
        int[] parent = new int[n];
        for (int v = s.nextSetBit(0); v >= 0; v = s.nextSetBit(v + 1)) {
            parent[v] = v;
        }
        for (int v = s.nextSetBit(0); v >= 0; v = s.nextSetBit(v + 1)) {
            for (Edge e : graph.outgoing(v)) {
                int t = graph.indexOf(e.target());
                if (s.get(t)) {
                    int a = find(parent, v);
                    int b = find(parent, t);
                    if (a != b) {
                        parent[a] = b;
                    }
                }
            }
        }
        Map<Integer, BitSet> byRoot = new HashMap<>();
        Map<Integer, Integer> firstPos = new HashMap<>();
        for (int v = s.nextSetBit(0); v >= 0; v = s.nextSetBit(v + 1)) {
            int r = find(parent, v);
            byRoot.computeIfAbsent(r, k -> new BitSet(n)).set(v);
            firstPos.merge(r, position[v], Math::min);
        }
        List<Integer> roots = new ArrayList<>(byRoot.keySet());
        roots.sort((a, b) -> Integer.compare(firstPos.get(a), firstPos.get(b)));
        List<BitSet> parts = new ArrayList<>();
        for (int r : roots) {
            parts.add(byRoot.get(r));
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
