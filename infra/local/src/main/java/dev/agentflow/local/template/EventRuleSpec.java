package dev.agentflow.local.template;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * An EventBridge rule on the default bus: an {@code AWS::Events::Rule} resource, or the rule SAM creates
 * for a function's {@code EventBridgeRule} / {@code CloudWatchEvent} event source.
 *
 * @param logicalId the logical id of the rule (for a SAM event source: function id + event id)
 * @param name the rule name
 * @param eventPattern the event pattern (EventBridge User Guide, "Amazon EventBridge event patterns")
 * @param enabled whether the rule's {@code State} is ENABLED
 * @param targets the rule's targets
 */
public record EventRuleSpec(String logicalId, String name, JsonNode eventPattern, boolean enabled,
    List<EventTargetSpec> targets) {

  public EventRuleSpec {
    targets = List.copyOf(targets);
  }
}
