package dev.agentflow.api.testing;

import dev.agentflow.api.triggers.ScheduleSpec;
import dev.agentflow.api.triggers.ScheduleSync;
import dev.agentflow.api.triggers.TriggerSyncException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

/** In-memory {@link ScheduleSync}: the group's schedules by name, a count of writes, and a switch to fail. */
public final class InMemoryScheduleSync implements ScheduleSync {

    /** The schedules, by name. */
    public final Map<String, ScheduleSpec> schedules = new TreeMap<>();
    /** Creates and updates made. */
    public final AtomicInteger writes = new AtomicInteger();
    private volatile boolean failing;

    /** Makes every later call throw (or not). */
    public void failing(boolean fail) {
        failing = fail;
    }

    private void check(String operation) {
        if (failing) {
            throw new TriggerSyncException(operation + " failed: ServiceUnavailable", null);
        }
    }

    @Override
    public synchronized List<String> names(String prefix) {
        check("ListSchedules");
        return schedules.keySet().stream().filter(n -> n.startsWith(prefix)).toList();
    }

    @Override
    public synchronized Optional<ScheduleSpec> get(String name) {
        check("GetSchedule");
        return Optional.ofNullable(schedules.get(name));
    }

    @Override
    public synchronized void put(ScheduleSpec spec, boolean exists) {
        check(exists ? "UpdateSchedule" : "CreateSchedule");
        if (exists != schedules.containsKey(spec.name())) {
            throw new TriggerSyncException((exists ? "UpdateSchedule" : "CreateSchedule") + " " + spec.name()
                    + " failed: " + (exists ? "ResourceNotFoundException" : "ConflictException"), null);
        }
        writes.incrementAndGet();
        schedules.put(spec.name(), spec);
    }

    @Override
    public synchronized void delete(String name) {
        check("DeleteSchedule");
        schedules.remove(name);
    }
}
