package dev.agentflow.shared.workflows;

import dev.agentflow.shared.paging.Cursors;
import dev.agentflow.shared.paging.Page;
import dev.agentflow.shared.paging.SortKeys;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/** In-memory {@link WorkflowRepository} with the same conditional semantics as the DynamoDB one. Thread-safe. */
public final class InMemoryWorkflowRepository implements WorkflowRepository {

    private final Map<String, WorkflowRecord> heads = new ConcurrentHashMap<>();
    private final Map<String, TreeMap<Integer, WorkflowVersion>> versions = new ConcurrentHashMap<>();

    @Override
    public synchronized void create(WorkflowRecord wf) {
        if (heads.putIfAbsent(wf.workflowId(), wf) != null) {
            throw new IllegalStateException("workflow id already taken: " + wf.workflowId());
        }
        versions.computeIfAbsent(wf.workflowId(), k -> new TreeMap<>()).put(wf.version(), WorkflowVersion.of(wf));
    }

    @Override
    public Optional<WorkflowRecord> find(String workflowId) {
        return Optional.ofNullable(heads.get(workflowId));
    }

    @Override
    public synchronized void update(WorkflowRecord updated, int expectedVersion) {
        WorkflowRecord current = heads.get(updated.workflowId());
        if (current == null || current.deleted() || current.version() != expectedVersion
                || !current.userId().equals(updated.userId())) {
            throw new StaleVersionException("workflow " + updated.workflowId() + " is no longer at version " + expectedVersion);
        }
        heads.put(updated.workflowId(), new WorkflowRecord(updated.workflowId(), updated.userId(), updated.name(),
                updated.description(), updated.status(), updated.version(), updated.definition(), updated.triggers(),
                updated.stateMachineArn(), updated.versionArn(), current.runCount(), current.createdAt(),
                updated.updatedAt(), null));
        versions.get(updated.workflowId()).put(updated.version(), WorkflowVersion.of(updated));
    }

    @Override
    public synchronized boolean softDelete(String workflowId, String userId, Instant at) {
        WorkflowRecord wf = heads.get(workflowId);
        if (wf == null || !wf.visibleTo(userId)) {
            return false;
        }
        heads.put(workflowId, new WorkflowRecord(wf.workflowId(), wf.userId(), wf.name(), wf.description(), wf.status(),
                wf.version(), wf.definition(), wf.triggers(), wf.stateMachineArn(), wf.versionArn(), wf.runCount(),
                wf.createdAt(), at, at));
        return true;
    }

    /** Adds 1 to the run count (what the DynamoDB execution repository does in its completion transaction). */
    public synchronized void bumpRunCount(String workflowId) {
        WorkflowRecord wf = heads.get(workflowId);
        if (wf != null) {
            heads.put(workflowId, new WorkflowRecord(wf.workflowId(), wf.userId(), wf.name(), wf.description(),
                    wf.status(), wf.version(), wf.definition(), wf.triggers(), wf.stateMachineArn(), wf.versionArn(),
                    wf.runCount() + 1, wf.createdAt(), wf.updatedAt(), wf.deletedAt()));
        }
    }

    @Override
    public Page<WorkflowRecord> listByUser(String userId, String status, int limit, String cursor) {
        String listing = "workflows" + (status == null ? "" : ":" + status);
        Cursors.Position after = Cursors.decode(listing, cursor);
        List<WorkflowRecord> all = heads.values().stream()
                .filter(wf -> wf.visibleTo(userId) && (status == null || status.equals(wf.status())))
                .sorted(Comparator.comparing((WorkflowRecord wf) -> SortKeys.timeAndId(wf.updatedAt(), wf.workflowId())).reversed())
                .filter(wf -> after == null || SortKeys.timeAndId(wf.updatedAt(), wf.workflowId()).compareTo(after.sortKey()) < 0)
                .toList();
        List<WorkflowRecord> page = all.subList(0, Math.min(limit, all.size()));
        String next = null;
        if (all.size() > limit) {
            WorkflowRecord last = page.get(page.size() - 1);
            next = Cursors.encode(listing, SortKeys.timeAndId(last.updatedAt(), last.workflowId()), last.workflowId());
        }
        return new Page<>(page, next);
    }

    @Override
    public List<WorkflowVersion> versions(String workflowId) {
        return new ArrayList<>(versions.getOrDefault(workflowId, new TreeMap<>()).descendingMap().values());
    }

    @Override
    public Optional<WorkflowVersion> version(String workflowId, int version) {
        return Optional.ofNullable(versions.getOrDefault(workflowId, new TreeMap<>()).get(version));
    }
}
