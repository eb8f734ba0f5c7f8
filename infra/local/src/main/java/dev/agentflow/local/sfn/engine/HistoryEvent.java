package dev.agentflow.local.sfn.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentflow.local.sfn.data.Json;
import java.math.BigDecimal;

/**
 * One execution history event. Source: AWS API reference, "HistoryEvent" (timestamp in epoch seconds,
 * id from 1, previousEventId 0 for the first event).
 *
 * @param detail the details, or {@code null} for events without any (e.g. LambdaFunctionStarted)
 */
public record HistoryEvent(long id, long previousEventId, long timestampMillis, String type, EventDetail detail) {

  /** @return the event as GetExecutionHistory returns it */
  public ObjectNode render() {
    ObjectNode out = Json.object();
    out.put("timestamp", BigDecimal.valueOf(timestampMillis, 3));
    out.put("type", type);
    out.put("id", id);
    out.put("previousEventId", previousEventId);
    if (detail != null) {
      out.set(detail.key(), detail.render());
    }
    return out;
  }
}
