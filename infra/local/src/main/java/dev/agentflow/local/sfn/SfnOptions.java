package dev.agentflow.local.sfn;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;

/**
 * Settings of the local Step Functions service.
 *
 * @param region the region in ARNs, default {@code "us-east-1"}
 * @param account the account id in ARNs, default {@code "000000000000"}
 * @param workerThreads threads that run states and tasks (a blocking Task holds one while it runs); 0 or less
 *     means the default, {@code max(8, 4 × CPUs)}
 * @param dataDirectory where state machines, versions and executions are kept as JSON files (they survive a
 *     restart), or {@code null} for memory only
 * @param clock the clock for timestamps; default the system UTC clock
 * @param timeScale factor applied to real delays (Wait states, retry intervals, TimeoutSeconds); 1.0 (the
 *     default, also for 0 or less) runs in real time, tests use e.g. 0.01
 */
public record SfnOptions(String region, String account, int workerThreads, Path dataDirectory, Clock clock,
    double timeScale) {

  /** Default region. */
  public static final String DEFAULT_REGION = "us-east-1";
  /** Default account id. */
  public static final String DEFAULT_ACCOUNT = "000000000000";

  /** Normalizes defaults. */
  public SfnOptions {
    region = region == null ? DEFAULT_REGION : region;
    account = account == null ? DEFAULT_ACCOUNT : account;
    if (workerThreads < 1) {
      workerThreads = Math.max(8, Runtime.getRuntime().availableProcessors() * 4);
    }
    clock = clock == null ? Clock.systemUTC() : clock;
    timeScale = timeScale > 0 ? timeScale : 1.0;
  }

  /** Real-time options: as the canonical constructor with {@code timeScale} 1.0. */
  public SfnOptions(String region, String account, int workerThreads, Path dataDirectory, Clock clock) {
    this(region, account, workerThreads, dataDirectory, clock, 1.0);
  }

  /** @return in-memory defaults: us-east-1, account 000000000000, default threads, system clock, real time */
  public static SfnOptions defaults() {
    return new SfnOptions(null, null, 0, null, null, 1.0);
  }

  /** @return these options with the given data directory (persistent service) */
  public SfnOptions withDataDirectory(Path dir) {
    return new SfnOptions(region, account, workerThreads, Objects.requireNonNull(dir), clock, timeScale);
  }

  /** @return these options with the given number of worker threads */
  public SfnOptions withWorkerThreads(int threads) {
    return new SfnOptions(region, account, threads, dataDirectory, clock, timeScale);
  }

  /** @return these options with the given region and account */
  public SfnOptions withRegionAndAccount(String newRegion, String newAccount) {
    return new SfnOptions(newRegion, newAccount, workerThreads, dataDirectory, clock, timeScale);
  }

  /** @return these options with the given clock */
  public SfnOptions withClock(Clock newClock) {
    return new SfnOptions(region, account, workerThreads, dataDirectory, newClock, timeScale);
  }

  /** @return these options with the given time scale (see {@link #timeScale()}) */
  public SfnOptions withTimeScale(double scale) {
    return new SfnOptions(region, account, workerThreads, dataDirectory, clock, scale);
  }
}
