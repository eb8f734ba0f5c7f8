package dev.agentflow.local.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentflow.local.AwsClients;
import dev.agentflow.local.LocalCloud;
import dev.agentflow.local.LocalCloudOptions;
import dev.agentflow.local.testhandlers.ScheduleRecorder;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.ConflictException;
import software.amazon.awssdk.services.scheduler.model.FlexibleTimeWindowMode;
import software.amazon.awssdk.services.scheduler.model.GetScheduleResponse;
import software.amazon.awssdk.services.scheduler.model.ResourceNotFoundException;
import software.amazon.awssdk.services.scheduler.model.ScheduleState;
import software.amazon.awssdk.services.scheduler.model.ScheduleSummary;
import software.amazon.awssdk.services.scheduler.model.Target;
import software.amazon.awssdk.services.scheduler.model.ValidationException;

/**
 * The local EventBridge Scheduler through the real AWS SDK v2 {@code scheduler} client (2.41.18): the operations the
 * platform calls, their errors, and schedules firing on a test clock into a Lambda function of the template.
 */
class SchedulerApiTest {

  /** A clock the test moves. */
  static final class MovableClock extends Clock {
    volatile Instant now;

    MovableClock(Instant start) {
      now = start;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }

  private static final String TEMPLATE = String.join("\n",
      "AWSTemplateFormatVersion: '2010-09-09'",
      "Transform: AWS::Serverless-2016-10-31",
      "Resources:",
      "  Group:",
      "    Type: AWS::Scheduler::ScheduleGroup",
      "    Properties:",
      "      Name: !Sub '${AWS::StackName}-workflows'",
      "  RecorderFunction:",
      "    Type: AWS::Serverless::Function",
      "    Properties:",
      "      Handler: dev.agentflow.local.testhandlers.ScheduleRecorder::handleRequest",
      "      Timeout: 10",
      "");
  private static final String GROUP = "agentflow-local-workflows";
  private static final String TARGET = "arn:aws:lambda:us-east-1:000000000000:function:RecorderFunction";
  private static final String ROLE = "arn:aws:iam::000000000000:role/scheduler";

  private static LocalCloud cloud;
  private static SchedulerClient scheduler;
  private static MovableClock clock;
  private static final ByteArrayOutputStream LOG = new ByteArrayOutputStream();

  @BeforeAll
  static void start(@TempDir Path dir) throws Exception {
    Path template = dir.resolve("template.yaml");
    Files.writeString(template, TEMPLATE);
    cloud = LocalCloud.start(LocalCloudOptions.inMemory(template).withLog(new PrintStream(LOG, true, StandardCharsets.UTF_8)));
    clock = new MovableClock(Instant.parse("2026-04-01T08:00:30Z"));
    cloud.scheduler().useClock(clock);
    scheduler = AwsClients.scheduler(cloud.edgeEndpoint());
  }

  @AfterAll
  static void stop() throws Exception {
    scheduler.close();
    cloud.close();
  }

  @BeforeEach
  void clean() {
    for (ScheduleSummary s : scheduler.listSchedules(b -> b.groupName(GROUP)).schedules()) {
      scheduler.deleteSchedule(b -> b.groupName(GROUP).name(s.name()));
    }
    cloud.scheduler().runDue();
    ScheduleRecorder.PAYLOADS.clear();
  }

  private static void create(String name, String expression, String timezone) {
    scheduler.createSchedule(b -> b.groupName(GROUP).name(name).scheduleExpression(expression)
        .scheduleExpressionTimezone(timezone).flexibleTimeWindow(w -> w.mode(FlexibleTimeWindowMode.OFF))
        .target(Target.builder().arn(TARGET + ":live").roleArn(ROLE)
            .input("{\"schedule\": \"" + name + "\", \"at\": \"<aws.scheduler.scheduled-time>\","
                + " \"arn\": \"<aws.scheduler.schedule-arn>\"}").build()));
  }

  @Test
  void createGetListUpdateDelete_shouldAnswerAsTheApiReferenceSays() {
    String arn = scheduler.createSchedule(b -> b.groupName(GROUP).name("wf-1").scheduleExpression("cron(0 9 * * ? *)")
        .scheduleExpressionTimezone("Asia/Shanghai").description("daily")
        .flexibleTimeWindow(w -> w.mode(FlexibleTimeWindowMode.FLEXIBLE).maximumWindowInMinutes(15))
        .target(Target.builder().arn(TARGET).roleArn(ROLE).input("{\"a\":1}").build())).scheduleArn();
    assertEquals("arn:aws:scheduler:us-east-1:000000000000:schedule/" + GROUP + "/wf-1", arn);

    GetScheduleResponse got = scheduler.getSchedule(b -> b.groupName(GROUP).name("wf-1"));
    assertEquals("cron(0 9 * * ? *)", got.scheduleExpression());
    assertEquals("Asia/Shanghai", got.scheduleExpressionTimezone());
    assertEquals(15, got.flexibleTimeWindow().maximumWindowInMinutes());
    assertEquals(FlexibleTimeWindowMode.FLEXIBLE, got.flexibleTimeWindow().mode());
    assertEquals("{\"a\":1}", got.target().input());
    assertEquals(ScheduleState.ENABLED, got.state());
    assertEquals(GROUP, got.groupName());
    assertEquals(arn, got.arn());
    assertEquals("daily", got.description());
    assertTrue(got.creationDate() != null);

    create("wf-2", "rate(5 minutes)", "UTC");
    create("other-1", "rate(5 minutes)", "UTC");
    List<String> names = scheduler.listSchedulesPaginator(b -> b.groupName(GROUP).namePrefix("wf-").maxResults(1))
        .schedules().stream().map(ScheduleSummary::name).toList();
    assertEquals(List.of("wf-1", "wf-2"), names, "paged one at a time");

    scheduler.updateSchedule(b -> b.groupName(GROUP).name("wf-1").scheduleExpression("rate(1 hour)")
        .flexibleTimeWindow(w -> w.mode(FlexibleTimeWindowMode.OFF)).state(ScheduleState.DISABLED)
        .target(Target.builder().arn(TARGET).roleArn(ROLE).build()));
    GetScheduleResponse updated = scheduler.getSchedule(b -> b.groupName(GROUP).name("wf-1"));
    assertEquals("rate(1 hour)", updated.scheduleExpression());
    assertEquals(ScheduleState.DISABLED, updated.state());
    assertNull(updated.scheduleExpressionTimezone(), "UpdateSchedule replaces every field");

    scheduler.deleteSchedule(b -> b.groupName(GROUP).name("wf-1"));
    assertThrows(ResourceNotFoundException.class, () -> scheduler.getSchedule(b -> b.groupName(GROUP).name("wf-1")));
  }

  @Test
  void errors_shouldBeTheTypedExceptionsOfTheSdk() {
    create("dup", "rate(1 day)", "UTC");
    assertThrows(ConflictException.class, () -> create("dup", "rate(1 day)", "UTC"));
    assertThrows(ResourceNotFoundException.class, () -> scheduler.deleteSchedule(b -> b.groupName(GROUP).name("none")));
    assertThrows(ResourceNotFoundException.class, () -> scheduler.updateSchedule(b -> b.groupName(GROUP).name("none")
        .scheduleExpression("rate(1 day)").flexibleTimeWindow(w -> w.mode(FlexibleTimeWindowMode.OFF))
        .target(Target.builder().arn(TARGET).roleArn(ROLE).build())));
    assertThrows(ResourceNotFoundException.class, () -> scheduler.getSchedule(b -> b.groupName("no-such-group").name("dup")));
    assertThrows(ValidationException.class, () -> create("bad", "rate(1 minutes)", "UTC"));
    assertThrows(ValidationException.class, () -> create("bad", "cron(0 9 * * * *)", "UTC"));
    assertThrows(ValidationException.class, () -> create("bad", "rate(1 day)", "Mars/Olympus"));
  }

  @Test
  void aRateSchedule_shouldFireAtOnceAndEveryInterval_onTheInjectedClock() throws Exception {
    create("every-minute", "rate(1 minute)", "UTC");
    Instant created = clock.instant();

    assertEquals(1, cloud.scheduler().runDue().size(), "a rate schedule starts at its creation");
    clock.advance(Duration.ofSeconds(59));
    assertEquals(0, cloud.scheduler().runDue().size());
    clock.advance(Duration.ofSeconds(62));
    assertEquals(2, cloud.scheduler().runDue().size(), "every occurrence passed fires once");

    for (int i = 0; i < 3; i++) {
      Map<String, Object> payload = ScheduleRecorder.PAYLOADS.poll(10, TimeUnit.SECONDS);
      assertTrue(payload != null, () -> "target invoked; log:\n" + LOG);
      assertEquals("every-minute", payload.get("schedule"));
      assertEquals("arn:aws:scheduler:us-east-1:000000000000:schedule/" + GROUP + "/every-minute", payload.get("arn"));
      assertTrue(List.of(created, created.plusSeconds(60), created.plusSeconds(120))
          .contains(Instant.parse((String) payload.get("at"))), payload::toString);
    }

    scheduler.deleteSchedule(b -> b.groupName(GROUP).name("every-minute"));
    clock.advance(Duration.ofMinutes(10));
    assertEquals(0, cloud.scheduler().runDue().size(), "a deleted schedule never fires");
  }

  @Test
  void aCronSchedule_shouldFireAtItsMinuteInItsZone() {
    create("nine-shanghai", "cron(0 17 * * ? *)", "Asia/Shanghai"); // 09:00 UTC
    assertEquals(0, cloud.scheduler().runDue().size());
    Instant nine = clock.instant().atZone(ZoneOffset.UTC).toLocalDate().atTime(9, 0).toInstant(ZoneOffset.UTC);
    clock.advance(Duration.between(clock.instant(), nine).minusSeconds(1));
    assertEquals(0, cloud.scheduler().runDue().size());
    clock.advance(Duration.ofSeconds(1));
    List<SchedulerService.Firing> fired = cloud.scheduler().runDue();
    assertEquals(1, fired.size());
    assertEquals(nine, fired.get(0).scheduledTime());
  }
}
