package dev.agentflow.local.sfn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentflow.local.sfn.data.Json;
import dev.agentflow.local.sfn.support.Sfn;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Threading and limits: waiting executions hold no thread, Parallel branches and Map iterations run at the same
 * time (Map no more than MaxConcurrency), a TimeoutSeconds deadline holds even while the task's thread is still
 * busy, retries back off on the timer, and a result over the payload limit fails the execution.
 */
class EngineConcurrencyTest {

  private static int engineThreads() {
    int n = 0;
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.getName().startsWith("sfn-")) {
        n++;
      }
    }
    return n;
  }

  @Test
  void fiveHundredWaitingExecutions_doNotNeedFiveHundredThreads() throws Exception {
    int workers = 4;
    try (StepFunctionsService svc = new StepFunctionsService(null, null,
        SfnOptions.defaults().withWorkerThreads(workers))) {
      Sfn sfn = new Sfn(svc);
      String sm = sfn.create("waits", """
          {"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":2,"Next":"P"},"P":{"Type":"Pass","End":true}}}""");
      List<String> execs = new ArrayList<>();
      for (int i = 0; i < 500; i++) {
        execs.add(sfn.start(sm, "w" + i, "{\"i\":" + i + "}"));
      }
      Thread.sleep(300);
      int running = sfn.call("ListExecutions", "stateMachineArn", sm, "statusFilter", "RUNNING", "maxResults", 1000)
          .get("executions").size();
      assertEquals(500, running, "all executions should be waiting");
      assertTrue(engineThreads() <= workers + 1, "engine threads: " + engineThreads());
      for (String e : execs) {
        assertEquals("SUCCEEDED", sfn.await(e, 10_000).get("status").asText());
      }
    }
  }

  @Test
  void parallelBranches_runAtTheSameTime() throws Exception {
    CountDownLatch bothStarted = new CountDownLatch(2);
    TaskHandler rendezvous = (resource, input, ctx) -> {
      bothStarted.countDown();
      try {
        if (!bothStarted.await(5, TimeUnit.SECONDS)) {
          throw new TaskFailedException("NotConcurrent", "the other branch never started");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return input;
    };
    try (StepFunctionsService svc = new StepFunctionsService(rendezvous, null, SfnOptions.defaults())) {
      Sfn sfn = new Sfn(svc);
      String task = "{\"Type\":\"Task\",\"Resource\":\"arn:aws:states:::lambda:invoke\",\"End\":true}";
      String sm = sfn.create("par", "{\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Parallel\",\"End\":true,"
          + "\"Branches\":[{\"StartAt\":\"A\",\"States\":{\"A\":" + task + "}},"
          + "{\"StartAt\":\"B\",\"States\":{\"B\":" + task + "}}]}}}");
      JsonNode d = sfn.await(sfn.start(sm, "p", "{\"v\":1}"), 10_000);
      assertEquals("SUCCEEDED", d.get("status").asText(), d.toString());
      assertEquals("[{\"v\":1},{\"v\":1}]", d.get("output").asText());
    }
  }

  @Test
  void mapIterations_runConcurrently_butNoMoreThanMaxConcurrency() throws Exception {
    AtomicInteger active = new AtomicInteger();
    AtomicInteger peak = new AtomicInteger();
    TaskHandler slow = (resource, input, ctx) -> {
      int now = active.incrementAndGet();
      peak.accumulateAndGet(now, Math::max);
      try {
        Thread.sleep(40);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      active.decrementAndGet();
      return input;
    };
    try (StepFunctionsService svc = new StepFunctionsService(slow, null,
        SfnOptions.defaults().withWorkerThreads(16))) {
      Sfn sfn = new Sfn(svc);
      String sm = sfn.create("bounded", """
          {"StartAt":"M","States":{"M":{"Type":"Map","MaxConcurrency":3,"End":true,
            "ItemProcessor":{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","End":true}}}}}}""");
      JsonNode d = sfn.await(sfn.start(sm, "m", "[1,2,3,4,5,6,7,8,9,10,11,12]"), 10_000);
      assertEquals("SUCCEEDED", d.get("status").asText());
      assertEquals("[1,2,3,4,5,6,7,8,9,10,11,12]", d.get("output").asText());
      assertEquals(3, peak.get(), "peak concurrent iterations");
    }
  }

  @Test
  void taskTimeout_failsTheStateWhileTheHandlerIsStillBusy() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    TaskHandler stuck = (resource, input, ctx) -> {
      try {
        release.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return Json.object().put("late", true);
    };
    try (StepFunctionsService svc = new StepFunctionsService(stuck, null, SfnOptions.defaults())) {
      Sfn sfn = new Sfn(svc);
      String sm = sfn.create("deadline", """
          {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","TimeoutSeconds":1,
            "Catch":[{"ErrorEquals":["States.Timeout"],"ResultPath":"$.error","Next":"Handled"}],"End":true},
           "Handled":{"Type":"Pass","End":true}}}""");
      long start = System.nanoTime();
      JsonNode d = sfn.await(sfn.start(sm, "t", "{\"a\":1}"), 10_000);
      long tookMillis = (System.nanoTime() - start) / 1_000_000;
      release.countDown();
      assertEquals("SUCCEEDED", d.get("status").asText());
      JsonNode out = Json.parse(d.get("output").asText());
      assertEquals("States.Timeout", out.get("error").get("Error").asText());
      assertTrue(tookMillis >= 900 && tookMillis < 5000, "took " + tookMillis + " ms");
      List<String> types = new ArrayList<>();
      sfn.call("GetExecutionHistory", "executionArn", d.get("executionArn").asText()).get("events")
          .forEach(e -> types.add(e.get("type").asText()));
      assertTrue(types.contains("TaskTimedOut"), types.toString());
      assertTrue(!types.contains("TaskSucceeded"), types.toString());
    }
  }

  @Test
  void taskResultOver256KiB_failsWithDataLimitExceeded_whichStatesAllDoesNotCatch() throws Exception {
    TaskHandler huge = (resource, input, ctx) -> Json.object().put("blob", "x".repeat(300 * 1024));
    try (StepFunctionsService svc = new StepFunctionsService(huge, null, SfnOptions.defaults())) {
      Sfn sfn = new Sfn(svc);
      String sm = sfn.create("big", """
          {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","End":true,
            "Catch":[{"ErrorEquals":["States.ALL"],"Next":"Caught"}]},"Caught":{"Type":"Pass","End":true}}}""");
      JsonNode d = sfn.await(sfn.start(sm, "b", "{}"), 10_000);
      assertEquals("FAILED", d.get("status").asText());
      assertEquals("States.DataLimitExceeded", d.get("error").asText());
    }
  }

  @Test
  void retry_waitsWithBackoff_onTheTimer() throws Exception {
    List<Long> calls = new ArrayList<>();
    TaskHandler flaky = (resource, input, ctx) -> {
      synchronized (calls) {
        calls.add(System.nanoTime());
        if (calls.size() < 4) {
          throw new TaskFailedException("Transient", "try again");
        }
      }
      return input;
    };
    // IntervalSeconds 1, BackoffRate 2, MaxDelaySeconds 3 at time scale 0.1: 100, 200, 300 (capped) ms.
    try (StepFunctionsService svc = new StepFunctionsService(flaky, null,
        SfnOptions.defaults().withTimeScale(0.1))) {
      Sfn sfn = new Sfn(svc);
      String sm = sfn.create("backoff", """
          {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","End":true,
            "Retry":[{"ErrorEquals":["Transient"],"IntervalSeconds":1,"BackoffRate":2,"MaxAttempts":5,"MaxDelaySeconds":3}]}}}""");
      assertEquals("SUCCEEDED", sfn.await(sfn.start(sm, "r", "{}"), 10_000).get("status").asText());
      long[] gaps = new long[3];
      for (int i = 0; i < 3; i++) {
        gaps[i] = (calls.get(i + 1) - calls.get(i)) / 1_000_000;
      }
      assertTrue(gaps[0] >= 95 && gaps[0] < 190, "first gap " + gaps[0]);
      assertTrue(gaps[1] >= 195 && gaps[1] < 290, "second gap " + gaps[1]);
      assertTrue(gaps[2] >= 295 && gaps[2] < 390, "third gap (capped) " + gaps[2]);
    }
  }
}
