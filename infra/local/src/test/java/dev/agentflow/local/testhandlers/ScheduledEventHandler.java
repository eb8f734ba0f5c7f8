package dev.agentflow.local.testhandlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;

/** Test function taking an aws-lambda-java-events type, bound as the Java runtime binds it. */
public class ScheduledEventHandler implements RequestHandler<ScheduledEvent, String> {

  @Override
  public String handleRequest(ScheduledEvent event, Context context) {
    return event.getDetailType() + "|" + event.getSource() + "|" + event.getDetail().get("status");
  }
}
