package dev.agentflow.core.compiler;

import java.util.List;

/**
 * The series-parallel shape the compiler gives a DAG before emitting states: a node, a sequence of blocks
 * run one after another, or blocks run side by side in a Parallel state. Every block knows its nodes
 * (dense graph indexes, in topological order), so emitting a Parallel branch never walks the tree again.
 */
sealed interface Block {

    /** The block's nodes, in topological order. */
    int[] members();

    /** One node, by dense graph index. */
    record NodeBlock(int node) implements Block {
        @Override
        public int[] members() {
            return new int[] {node};
        }
    }

    /** Blocks run in order. */
    record Sequence(List<Block> blocks, int[] members) implements Block {
    }

    /** Blocks with no edges between them, run as the branches of one Parallel state. */
    record Parallel(List<Block> branches, int[] members) implements Block {
    }
}
