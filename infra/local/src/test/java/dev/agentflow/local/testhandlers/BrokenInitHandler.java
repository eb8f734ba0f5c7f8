package dev.agentflow.local.testhandlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

/** Test function whose constructor fails (an init error). */
public class BrokenInitHandler implements RequestHandler<Object, Object> {

  public BrokenInitHandler() {
    throw new IllegalStateException("missing configuration");
  }

  @Override
  public Object handleRequest(Object input, Context context) {
    return input;
  }
}
