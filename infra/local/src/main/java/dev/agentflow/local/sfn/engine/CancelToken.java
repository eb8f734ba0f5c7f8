package dev.agentflow.local.sfn.engine;

/**
 * Cooperative cancellation: an execution's root token, and one per Parallel / Map fan-out whose parent is the
 * enclosing scope's token. Runs check it before every state; a cancelled run stops without further events.
 */
final class CancelToken {

  private final CancelToken parent;
  private volatile boolean cancelled;

  CancelToken(CancelToken parent) {
    this.parent = parent;
  }

  void cancel() {
    cancelled = true;
  }

  boolean isCancelled() {
    for (CancelToken t = this; t != null; t = t.parent) {
      if (t.cancelled) {
        return true;
      }
    }
    return false;
  }
}
