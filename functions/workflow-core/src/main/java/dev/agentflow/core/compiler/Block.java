package dev.agentflow.core.compiler;

import java.util.List;

/**
 * The series-parallel shape the compiler gives a DAG before emitting states: a node, a sequence of blocks
 * run one after another, or blocks run side by side in a Parallel state.
 */
sealed interface Block {

    /** One node, by dense graph index. */
    record NodeBlock(int node) implements Block {
    }

    /** Blocks run in order. */
    record Sequence(List<Block> blocks) implements Block {
    }

    /** Blocks with no edges between them, run as the branches of one Parallel state. */
    record Parallel(List<Block> branches) implements Block {
    }
}
