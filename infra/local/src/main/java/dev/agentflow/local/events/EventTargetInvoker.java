package dev.agentflow.local.events;

/** Delivers an event payload to a rule target (a Lambda function ARN locally). */
@FunctionalInterface
public interface EventTargetInvoker {

  /**
   * Starts delivery and returns without waiting for the target (EventBridge invokes Lambda asynchronously).
   *
   * @param targetArn the target's ARN
   * @param payload the target input, JSON text
   * @throws Exception when the target cannot be invoked at all (e.g. no such function)
   */
  void deliver(String targetArn, String payload) throws Exception;
}
