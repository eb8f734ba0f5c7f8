package dev.agentflow.local.sfn.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The append-only history of one execution, kept compact: parallel arrays instead of an object per event, with
 * payloads held by reference (never copied; see {@link dev.agentflow.local.sfn.data.Json}). {@link HistoryEvent}
 * objects are made only when the history is read. Thread-safe: Parallel branches and Map iterations append
 * concurrently. After the terminal event the log is sealed and late appends (from tasks still running) are
 * dropped.
 */
public final class EventLog {

  private byte[] types = new byte[16];
  private int[] previous = new int[16];
  /** Milliseconds since the first event. */
  private int[] times = new int[16];
  /** State name (ENTERED, EXITED, ITERATION) or {@link EventDetail} (DETAIL). */
  private Object[] first = new Object[16];
  /** Payload JsonNode (ENTERED, EXITED) or Integer index (ITERATION). */
  private Object[] second = new Object[16];
  private long baseMillis;
  private int size;
  private boolean sealed;

  /** Creates an empty log. */
  public EventLog() {}

  /** Creates a sealed log holding events read back from storage. */
  EventLog(List<HistoryEvent> restored) {
    for (HistoryEvent e : restored) {
      EventType type = EventType.valueOf(e.type());
      add(type, (int) e.previousEventId(), e.timestampMillis(), e.detail(), null);
    }
    sealed = true;
  }

  /** Appends a *StateEntered / *StateExited event; @return its id ({@code previousEventId} if sealed). */
  public synchronized long appendState(EventType type, long previousEventId, long millis, String name, JsonNode data) {
    return sealed ? previousEventId : add(type, (int) previousEventId, millis, name, data);
  }

  /** Appends a MapIteration* event; @return its id ({@code previousEventId} if sealed). */
  public synchronized long appendIteration(EventType type, long previousEventId, long millis, String mapName,
      int index) {
    return sealed ? previousEventId : add(type, (int) previousEventId, millis, mapName, index);
  }

  /** Appends an event with an {@link EventDetail} (or none); @return its id ({@code previousEventId} if sealed). */
  public synchronized long append(EventType type, long previousEventId, long millis, EventDetail detail) {
    return sealed ? previousEventId : add(type, (int) previousEventId, millis, detail, null);
  }

  /**
   * Appends the terminal event and seals the log.
   *
   * @return whether it was appended (false if already sealed)
   */
  public synchronized boolean appendFinal(EventType type, long previousEventId, long millis, EventDetail detail) {
    if (sealed) {
      return false;
    }
    add(type, (int) previousEventId, millis, detail, null);
    sealed = true;
    return true;
  }

  private long add(EventType type, int prev, long millis, Object a, Object b) {
    if (size == types.length) {
      int n = size * 2;
      types = Arrays.copyOf(types, n);
      previous = Arrays.copyOf(previous, n);
      times = Arrays.copyOf(times, n);
      first = Arrays.copyOf(first, n);
      second = Arrays.copyOf(second, n);
    }
    if (size == 0) {
      baseMillis = millis;
    }
    types[size] = (byte) type.ordinal();
    previous[size] = prev;
    times[size] = (int) (millis - baseMillis);
    first[size] = a;
    second[size] = b;
    return ++size;
  }

  /** @return the events so far, oldest first */
  public synchronized List<HistoryEvent> snapshot() {
    List<HistoryEvent> out = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      EventType type = EventType.of(types[i]);
      EventDetail detail = first[i] instanceof EventDetail d ? d : switch (type.shape()) {
        case NONE, DETAIL -> null;
        case ENTERED -> new EventDetail.StateEntered((String) first[i], (JsonNode) second[i]);
        case EXITED -> new EventDetail.StateExited((String) first[i], (JsonNode) second[i]);
        case ITERATION -> new EventDetail.MapIteration(type.iterationKey(), (String) first[i], (Integer) second[i]);
      };
      out.add(new HistoryEvent(i + 1L, previous[i], baseMillis + times[i], type.name(), detail));
    }
    return out;
  }

  /** @return the number of events */
  public synchronized int size() {
    return size;
  }

  /** @return the id of the newest event, 0 if none */
  public synchronized long lastId() {
    return size;
  }
}
