package dev.agentflow.shared.runs;

import dev.agentflow.shared.paging.Cursors;
import dev.agentflow.shared.paging.Page;
import dev.agentflow.shared.paging.SortKeys;
import dev.agentflow.shared.workflows.InMemoryWorkflowRepository;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** In-memory {@link ExecutionRepository}: completion once, run count bumped on the given workflow fake. */
public final class InMemoryExecutionRepository implements ExecutionRepository {

    private final Map<String, ExecutionRecord> records = new ConcurrentHashMap<>();
    private final InMemoryWorkflowRepository workflows;

    /** @param workflows where run counts are bumped */
    public InMemoryExecutionRepository(InMemoryWorkflowRepository workflows) {
        this.workflows = workflows;
    }

    @Override
    public boolean create(ExecutionRecord execution) {
        return records.putIfAbsent(execution.executionId(), execution) == null;
    }

    @Override
    public Optional<ExecutionRecord> find(String executionId) {
        return Optional.ofNullable(records.get(executionId));
    }

    @Override
    public synchronized void markStarted(String executionId, String arn) {
        ExecutionRecord e = records.get(executionId);
        if (e != null) {
            records.put(executionId, e.startedAs(arn));
        }
    }

    /** Replaces a stored record (tests and the in-memory callback ledger). */
    public void put(ExecutionRecord record) {
        records.put(record.executionId(), record);
    }

    @Override
    public synchronized boolean complete(Completion c) {
        ExecutionRecord e = records.get(c.executionId());
        if (e == null || e.completedAt() != null) {
            return false;
        }
        records.put(c.executionId(), e.completedWith(c));
        if (c.countRun()) {
            workflows.bumpRunCount(c.workflowId());
        }
        return true;
    }

    @Override
    public Page<ExecutionRecord> list(ExecutionQuery q) {
        String listing = "executions:" + (q.workflowId() == null ? "" : q.workflowId()) + ":" + (q.status() == null ? "" : q.status().wire());
        Cursors.Position after = Cursors.decode(listing, q.cursor());
        List<ExecutionRecord> all = records.values().stream()
                .filter(e -> e.userId().equals(q.userId()))
                .filter(e -> q.workflowId() == null || q.workflowId().equals(e.workflowId()))
                .filter(e -> q.status() == null || q.status() == e.status())
                .filter(e -> q.from() == null || !e.startedAt().isBefore(q.from()))
                .filter(e -> q.to() == null || e.startedAt().isBefore(q.to()))
                .sorted(Comparator.comparing((ExecutionRecord e) -> SortKeys.timeAndId(e.startedAt(), e.executionId())).reversed())
                .filter(e -> after == null || SortKeys.timeAndId(e.startedAt(), e.executionId()).compareTo(after.sortKey()) < 0)
                .toList();
        List<ExecutionRecord> page = all.subList(0, Math.min(q.limit(), all.size()));
        String next = null;
        if (all.size() > q.limit()) {
            ExecutionRecord last = page.get(page.size() - 1);
            next = Cursors.encode(listing, SortKeys.timeAndId(last.startedAt(), last.executionId()), last.executionId());
        }
        return new Page<>(page, next);
    }
}
