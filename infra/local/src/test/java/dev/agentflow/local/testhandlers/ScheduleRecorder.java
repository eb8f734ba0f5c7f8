package dev.agentflow.local.testhandlers;

import com.amazonaws.services.lambda.runtime.Context;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/** Test function: a schedule target; records every payload it receives. */
public class ScheduleRecorder {

  /** Payloads received, in order. */
  public static final BlockingQueue<Map<String, Object>> PAYLOADS = new LinkedBlockingQueue<>();

  public void handleRequest(Map<String, Object> payload, Context context) {
    PAYLOADS.add(payload);
  }
}
