package dev.agentflow.local.sfn.asl;

import dev.agentflow.local.sfn.data.ErrorNames;
import java.util.List;

/**
 * One entry of a Retry array. Delay before retry number {@code n} (1-based, counted per retrier) is
 * {@code IntervalSeconds * BackoffRate^(n-1)}, capped by MaxDelaySeconds; with JitterStrategy FULL a random
 * value between 0 and that. MaxAttempts 0 means never retry.
 *
 * <p>Source: ASL spec, "Retrying after error"; developer guide, "Retrying after an error" (defaults:
 * IntervalSeconds 1, MaxAttempts 3, BackoffRate 2.0).
 *
 * @param errorEquals error names matched
 * @param intervalSeconds seconds before the first retry
 * @param maxAttempts maximum retries by this retrier
 * @param backoffRate multiplier per retry
 * @param maxDelaySeconds cap of one delay in seconds, or {@code null}
 * @param fullJitter whether JitterStrategy is FULL
 */
public record Retrier(List<String> errorEquals, double intervalSeconds, int maxAttempts, double backoffRate,
    Double maxDelaySeconds, boolean fullJitter) {

  /** @return whether this retrier matches {@code error} */
  public boolean matches(String error) {
    for (String e : errorEquals) {
      if (ErrorNames.matches(e, error)) {
        return true;
      }
    }
    return false;
  }

  /**
   * @param retryNumber 1 for the first retry by this retrier
   * @param random a value in [0, 1) used by FULL jitter
   * @return the delay in seconds before that retry
   */
  public double delaySeconds(int retryNumber, double random) {
    double delay = intervalSeconds * Math.pow(backoffRate, retryNumber - 1);
    if (maxDelaySeconds != null) {
      delay = Math.min(delay, maxDelaySeconds);
    }
    return fullJitter ? delay * random : delay;
  }
}
