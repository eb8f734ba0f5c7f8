package dev.agentflow.core.graph;

import dev.agentflow.core.model.Edge;
import dev.agentflow.core.model.Node;
import dev.agentflow.core.model.WorkflowDefinition;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Index over a definition's nodes and edges: ids to dense indexes, incoming and outgoing edges, a stable
 * topological order and ancestor/descendant sets. Edges whose ends are unknown, and nodes with duplicate
 * ids after the first, are left out (the validator reports them).
 *
 * <p>Cost: O(V + E) to build; {@link #descendants()} / {@link #ancestors()} O(V·(V + E)/64) words, computed
 * on first use (a 1,000-node graph needs about 250 KB).
 */
public final class WorkflowGraph {

    private final List<Node> nodes = new ArrayList<>();
    private final Map<String, Integer> index = new HashMap<>();
    private final List<List<Edge>> outgoing = new ArrayList<>();
    private final List<List<Edge>> incoming = new ArrayList<>();
    private final int[] topoOrder;
    private final boolean acyclic;
    private BitSet[] descendants;
    private BitSet[] ancestors;

    /** Builds the index. */
    public WorkflowGraph(WorkflowDefinition definition) {
        for (Node n : definition.nodes()) {
            if (!index.containsKey(n.id())) {
                index.put(n.id(), nodes.size());
                nodes.add(n);
                outgoing.add(new ArrayList<>());
                incoming.add(new ArrayList<>());
            }
        }
        for (Edge e : definition.edges()) {
            Integer s = index.get(e.source());
            Integer t = index.get(e.target());
            if (s != null && t != null) {
                outgoing.get(s).add(e);
                incoming.get(t).add(e);
            }
        }
        int n = nodes.size();
        int[] indegree = new int[n];
        for (int i = 0; i < n; i++) {
            indegree[i] = incoming.get(i).size();
        }
        Deque<Integer> ready = new ArrayDeque<>();
        for (int i = 0; i < n; i++) {
            if (indegree[i] == 0) {
                ready.add(i);
            }
        }
        int[] order = new int[n];
        int k = 0;
        while (!ready.isEmpty()) {
            int v = ready.poll();
            order[k++] = v;
            for (Edge e : outgoing.get(v)) {
                int t = index.get(e.target());
                if (--indegree[t] == 0) {
                    ready.add(t);
                }
            }
        }
        this.acyclic = k == n;
        this.topoOrder = acyclic ? order : java.util.Arrays.copyOf(order, k);
    }

    /** Number of distinct nodes. */
    public int size() {
        return nodes.size();
    }

    /** The node at a dense index. */
    public Node node(int i) {
        return nodes.get(i);
    }

    /** The dense index of a node id, or -1. */
    public int indexOf(String id) {
        Integer i = index.get(id);
        return i == null ? -1 : i;
    }

    /** Edges leaving node i, in document order. */
    public List<Edge> outgoing(int i) {
        return Collections.unmodifiableList(outgoing.get(i));
    }

    /** Edges entering node i, in document order. */
    public List<Edge> incoming(int i) {
        return Collections.unmodifiableList(incoming.get(i));
    }

    /** Whether the graph has no cycle. */
    public boolean isAcyclic() {
        return acyclic;
    }

    /**
     * Node indexes in a topological order, ties broken by document order of readiness; when the graph has
     * cycles, only the nodes outside every cycle and not behind one.
     */
    public int[] topologicalOrder() {
        return topoOrder.clone();
    }

    /** Indexes of the nodes on or behind a cycle (empty when acyclic). */
    public BitSet cyclic() {
        BitSet rest = new BitSet(size());
        rest.set(0, size());
        for (int v : topoOrder) {
            rest.clear(v);
        }
        return rest;
    }

    /** Nodes reachable from {@code from} along edges, including itself. */
    public BitSet reachableFrom(int from) {
        BitSet seen = new BitSet(size());
        Deque<Integer> todo = new ArrayDeque<>();
        todo.add(from);
        seen.set(from);
        while (!todo.isEmpty()) {
            int v = todo.poll();
            for (Edge e : outgoing.get(v)) {
                int t = index.get(e.target());
                if (!seen.get(t)) {
                    seen.set(t);
                    todo.add(t);
                }
            }
        }
        return seen;
    }

    /**
     * For each node, the set of strict descendants. Requires an acyclic graph.
     *
     * @throws IllegalStateException when the graph has a cycle
     */
    public BitSet[] descendants() {
        if (descendants == null) {
            requireAcyclic();
            BitSet[] d = new BitSet[size()];
            for (int k = topoOrder.length - 1; k >= 0; k--) {
                int v = topoOrder[k];
                BitSet set = new BitSet(size());
                for (Edge e : outgoing.get(v)) {
                    int t = index.get(e.target());
                    set.set(t);
                    set.or(d[t]);
                }
                d[v] = set;
            }
            descendants = d;
        }
        return descendants;
    }

    /**
     * For each node, the set of strict ancestors. Requires an acyclic graph.
     *
     * @throws IllegalStateException when the graph has a cycle
     */
    public BitSet[] ancestors() {
        if (ancestors == null) {
            requireAcyclic();
            BitSet[] a = new BitSet[size()];
            for (int v : topoOrder) {
                BitSet set = new BitSet(size());
                for (Edge e : incoming.get(v)) {
                    int s = index.get(e.source());
                    set.set(s);
                    set.or(a[s]);
                }
                a[v] = set;
            }
            ancestors = a;
        }
        return ancestors;
    }

    private void requireAcyclic() {
        if (!acyclic) {
            throw new IllegalStateException("graph has a cycle");
        }
    }
}
