package dev.agentflow.shared.testing;

import dev.agentflow.shared.store.ExecutionStore;
import dev.agentflow.shared.store.FinishedNode;
import dev.agentflow.shared.store.NodeRecord;
import dev.agentflow.shared.store.NodeStatus;
import dev.agentflow.shared.store.StartedNode;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** {@link ExecutionStore} in a map, with the same attempt rule as the DynamoDB one. */
public final class InMemoryExecutionStore implements ExecutionStore {

    private final Map<String, NodeRecord> records = new ConcurrentHashMap<>();

    @Override
    public synchronized int nodeStarted(StartedNode node) {
        NodeRecord old = records.get(key(node.executionId(), node.nodeId()));
        int attempt = old == null ? 1 : old.attempts() + 1;
        records.put(key(node.executionId(), node.nodeId()), new NodeRecord(node.executionId(), node.nodeId(),
                node.nodeType(), node.label(), NodeStatus.RUNNING, attempt, node.startedAt(), null, null, null, null,
                null, null));
        return attempt;
    }

    @Override
    public synchronized boolean nodeFinished(FinishedNode node) {
        NodeRecord old = records.get(key(node.executionId(), node.nodeId()));
        if (old == null || old.attempts() != node.attempt()) {
            return false;
        }
        records.put(key(node.executionId(), node.nodeId()), new NodeRecord(old.executionId(), old.nodeId(),
                old.nodeType(), old.label(), node.failed() ? NodeStatus.FAILED : NodeStatus.COMPLETED, old.attempts(),
                old.startedAt(), node.completedAt(), node.durationMs(), node.inputs(), node.output(), node.metadata(),
                node.error()));
        return true;
    }

    @Override
    public Optional<NodeRecord> findNode(String executionId, String nodeId) {
        return Optional.ofNullable(records.get(key(executionId, nodeId)));
    }

    @Override
    public List<NodeRecord> listNodes(String executionId) {
        return records.values().stream().filter(r -> r.executionId().equals(executionId))
                .sorted(Comparator.comparing(NodeRecord::nodeId)).toList();
    }

    private static String key(String executionId, String nodeId) {
        return executionId + "/" + nodeId;
    }
}
