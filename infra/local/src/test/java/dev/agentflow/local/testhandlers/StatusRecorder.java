package dev.agentflow.local.testhandlers;

import com.amazonaws.services.lambda.runtime.Context;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/** Test function: the EventBridge target; records every event it receives. */
public class StatusRecorder {

  /** Events received, in order. */
  public static final BlockingQueue<Map<String, Object>> EVENTS = new LinkedBlockingQueue<>();

  public void handleRequest(Map<String, Object> event, Context context) {
    EVENTS.add(event);
  }
}
