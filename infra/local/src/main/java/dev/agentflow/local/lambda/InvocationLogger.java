package dev.agentflow.local.lambda;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.nio.charset.StandardCharsets;

/**
 * The {@link LambdaLogger} of one invocation: forwards to the {@link LambdaLogSink} and keeps the last
 * 4 KB for the Invoke API's {@code X-Amz-Log-Result} ({@code LogType: Tail}).
 */
final class InvocationLogger implements LambdaLogger {

  private static final int TAIL_BYTES = 4096;

  private final String functionName;
  private final LambdaLogSink sink;
  private final StringBuilder tail = new StringBuilder();

  InvocationLogger(String functionName, LambdaLogSink sink) {
    this.functionName = functionName;
    this.sink = sink;
  }

  @Override
  public void log(String message) {
    String text = message == null ? "null" : message;
    sink.log(functionName, text.endsWith("\n") ? text.substring(0, text.length() - 1) : text);
    synchronized (tail) {
      tail.append(text);
      if (!text.endsWith("\n")) {
        tail.append('\n');
      }
      if (tail.length() > TAIL_BYTES * 2) {
        tail.delete(0, tail.length() - TAIL_BYTES);
      }
    }
  }

  @Override
  public void log(byte[] message) {
    log(new String(message, StandardCharsets.UTF_8));
  }

  /** @return the last 4 KB logged (UTF-8), as Lambda returns in {@code X-Amz-Log-Result} */
  byte[] tail() {
    byte[] all;
    synchronized (tail) {
      all = tail.toString().getBytes(StandardCharsets.UTF_8);
    }
    if (all.length <= TAIL_BYTES) {
      return all;
    }
    byte[] last = new byte[TAIL_BYTES];
    System.arraycopy(all, all.length - TAIL_BYTES, last, 0, TAIL_BYTES);
    return last;
  }
}
