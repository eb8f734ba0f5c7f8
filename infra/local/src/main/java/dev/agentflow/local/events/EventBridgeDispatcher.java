package dev.agentflow.local.events;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentflow.local.sfn.ExecutionStatusListener;
import dev.agentflow.local.template.EventRuleSpec;
import dev.agentflow.local.template.EventTargetSpec;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The local default event bus for the events the local cloud emits: matches each event against the
 * template's rules ({@link EventPatternMatcher}) and hands it to every target of every enabled matching
 * rule ({@link EventTargetInput} shapes the payload). Only targets the local cloud can run (Lambda functions
 * of the template) are delivered; the others are reported once at start-up.
 *
 * <p>As an {@link ExecutionStatusListener} it turns each ended execution into the "Step Functions Execution
 * Status Change" event ({@link ExecutionStatusEvent}) and publishes it.
 */
public final class EventBridgeDispatcher implements ExecutionStatusListener {

  private final List<EventRuleSpec> rules;
  private final Predicate<String> deliverable;
  private final EventTargetInvoker invoker;
  private final Consumer<String> log;
  private final Clock clock;

  /**
   * @param rules the template's rules
   * @param deliverable whether a target ARN can be delivered to locally
   * @param invoker delivers a payload to a target
   * @param log where notices and delivery failures are written (one line each)
   * @param clock the clock for events without a stop date
   */
  public EventBridgeDispatcher(List<EventRuleSpec> rules, Predicate<String> deliverable, EventTargetInvoker invoker,
      Consumer<String> log, Clock clock) {
    this.rules = List.copyOf(rules);
    this.deliverable = deliverable;
    this.invoker = invoker;
    this.log = log;
    this.clock = clock;
    for (EventRuleSpec rule : this.rules) {
      for (EventTargetSpec target : rule.targets()) {
        if (!deliverable.test(target.arn())) {
          log.accept("EventBridge rule " + rule.name() + ": target " + target.id() + " (" + target.arn()
              + ") is not a Lambda function of the template; its events are not delivered locally");
        }
      }
    }
  }

  @Override
  public void onStatusChange(JsonNode describeExecution) {
    publish(ExecutionStatusEvent.from(describeExecution, clock.instant()));
  }

  /**
   * Publishes an event to the bus: starts delivery to the targets of every enabled matching rule.
   *
   * @return the names of the rules that matched
   */
  public List<String> publish(JsonNode event) {
    List<String> matched = new ArrayList<>();
    for (EventRuleSpec rule : rules) {
      if (!rule.enabled() || !EventPatternMatcher.matches(rule.eventPattern(), event)) {
        continue;
      }
      matched.add(rule.name());
      for (EventTargetSpec target : rule.targets()) {
        if (!deliverable.test(target.arn())) {
          continue;
        }
        try {
          invoker.deliver(target.arn(), EventTargetInput.render(target, rule.name(), event));
        } catch (Exception e) {
          log.accept("EventBridge rule " + rule.name() + ": delivery to " + target.arn() + " failed: " + e);
        }
      }
    }
    return matched;
  }
}
