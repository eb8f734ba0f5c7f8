package dev.agentflow.api.triggers;

import java.util.List;
import java.util.Optional;

/**
 * The EventBridge Scheduler operations the platform uses on its schedule group (ListSchedules, GetSchedule,
 * CreateSchedule, UpdateSchedule, DeleteSchedule). {@link EventBridgeScheduleSync} is the real one; tests use a
 * fake. Every method throws {@link TriggerSyncException} when Scheduler refuses or cannot be reached.
 */
public interface ScheduleSync {

    /** Names of the group's schedules starting with {@code prefix}. */
    List<String> names(String prefix);

    /** A schedule as it is, or empty when there is none. */
    Optional<ScheduleSpec> get(String name);

    /** Creates the schedule ({@code exists} false) or replaces it (UpdateSchedule). */
    void put(ScheduleSpec spec, boolean exists);

    /** Deletes a schedule; one that is gone already is fine. */
    void delete(String name);

    /** Schedules not managed (no target configured): nothing listed, nothing written. */
    static ScheduleSync none() {
        return new ScheduleSync() {
            @Override
            public List<String> names(String prefix) {
                return List.of();
            }

            @Override
            public Optional<ScheduleSpec> get(String name) {
                return Optional.empty();
            }

            @Override
            public void put(ScheduleSpec spec, boolean exists) {
            }

            @Override
            public void delete(String name) {
            }
        };
    }
}
