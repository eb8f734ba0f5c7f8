package dev.agentflow.local.lambda;

import java.time.Clock;
import java.util.Map;
import java.util.Objects;

/**
 * Settings of the local Lambda service.
 *
 * @param region the region in ARNs and {@code AWS_REGION}
 * @param account the account id in ARNs
 * @param classLoader where handler classes are found
 * @param sharedEnvironment variables every function gets before its own (e.g. {@code AWS_ENDPOINT_URL},
 *     {@code AWS_ACCESS_KEY_ID})
 * @param logSink where function logs go
 * @param errorTypes how handler exceptions become errorTypes
 * @param clock the clock for deadlines and the context's remaining time
 */
public record LambdaOptions(String region, String account, ClassLoader classLoader,
    Map<String, String> sharedEnvironment, LambdaLogSink logSink, ErrorTypePolicy errorTypes, Clock clock) {

  public LambdaOptions {
    Objects.requireNonNull(region);
    Objects.requireNonNull(account);
    classLoader = classLoader == null ? LambdaOptions.class.getClassLoader() : classLoader;
    sharedEnvironment = sharedEnvironment == null ? Map.of() : Map.copyOf(sharedEnvironment);
    logSink = logSink == null ? LambdaLogSink.printingTo(System.err) : logSink;
    errorTypes = errorTypes == null ? ErrorTypePolicy.JAVA_RUNTIME : errorTypes;
    clock = clock == null ? Clock.systemUTC() : clock;
  }

  /** @return options for region/account with the default class loader, stderr logs and the team's error policy */
  public static LambdaOptions defaults(String region, String account) {
    return new LambdaOptions(region, account, null, null, null, null, null);
  }
}
