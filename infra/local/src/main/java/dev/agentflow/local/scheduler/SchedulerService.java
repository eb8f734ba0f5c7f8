package dev.agentflow.local.scheduler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentflow.core.triggers.ScheduleExpression;
import dev.agentflow.local.edge.AwsServiceError;
import dev.agentflow.local.edge.JsonFileStore;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The local EventBridge Scheduler (API version 2021-06-30): schedules in groups, created, read, replaced, listed
 * and deleted as the real API does it (EventBridge Scheduler API Reference: CreateSchedule, GetSchedule,
 * UpdateSchedule, DeleteSchedule, ListSchedules), and fired on time: {@link #runDue()} invokes the target of every
 * enabled schedule whose next time has come, once per due time, with the context attributes
 * ({@code <aws.scheduler.scheduled-time>}, {@code <aws.scheduler.schedule-arn>}, {@code <aws.scheduler.execution-id>},
 * {@code <aws.scheduler.attempt-number>}) filled into the target's {@code Input}.
 *
 * <p>Time comes from an injectable {@link Clock} ({@link #useClock}): a background ticker calls {@link #runDue()}
 * every second, and tests that move their own clock call it themselves. Expressions: rate, cron (AWS dialect, in
 * {@code ScheduleExpressionTimezone}) and at, evaluated by workflow-core's {@link ScheduleExpression}; a rate
 * schedule starts at its creation (or StartDate) as in AWS. Not modelled: flexible time windows (a schedule fires at
 * the window's start), target retries and dead-letter queues (a failed invocation is logged), KMS keys. Only Lambda
 * functions of the template can be targets here; others are logged and skipped.
 */
public final class SchedulerService implements AutoCloseable {

  /** Delivers a schedule's payload to its target ARN. */
  @FunctionalInterface
  public interface TargetInvoker {
    /** @throws Exception when the target cannot be invoked */
    void invoke(String targetArn, String payload) throws Exception;
  }

  /** One invocation, as {@link #runDue()} made it. */
  public record Firing(String group, String name, Instant scheduledTime, String targetArn, String payload) {}

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern NAME = Pattern.compile("[0-9a-zA-Z\\-_.]{1,64}");
  private static final SecureRandom RANDOM = new SecureRandom();
  /** Most occurrences one schedule fires in one {@link #runDue()} (after a large clock jump). */
  static final int MAX_CATCH_UP = 10_000;

  private final String region;
  private final String account;
  private final Set<String> groups = new LinkedHashSet<>();
  private final Map<String, Schedule> schedules = new TreeMap<>();
  private final JsonFileStore store;
  private final TargetInvoker invoker;
  private final Consumer<String> log;
  private final AtomicLong fired = new AtomicLong();
  private volatile Clock clock;
  private Thread ticker;

  /** A schedule: its definition as given (request fields), dates, and the next time it fires. */
  private static final class Schedule {
    String group;
    String name;
    ObjectNode definition;
    ScheduleExpression expression;
    ZoneId zone;
    Instant created;
    Instant modified;
    Instant next;
  }

  /**
   * @param region region of the ARNs
   * @param account account of the ARNs
   * @param directory where schedules are kept ({@code schedules.json}), or {@code null} in memory
   * @param clock the time
   * @param groups the schedule groups besides {@code default} (the template's)
   * @param invoker delivers payloads to targets
   * @param log one line per notice and failed delivery
   * @throws IOException when the stored schedules cannot be read
   */
  public SchedulerService(String region, String account, Path directory, Clock clock, Collection<String> groups,
      TargetInvoker invoker, Consumer<String> log) throws IOException {
    this.region = region;
    this.account = account;
    this.clock = clock;
    this.invoker = invoker;
    this.log = log;
    this.groups.add("default");
    this.groups.addAll(groups);
    this.store = new JsonFileStore(directory == null ? null : directory.resolve("schedules.json"));
    load();
  }

  /** Uses another clock from now on (tests move their own); schedules keep their next times. */
  public void useClock(Clock newClock) {
    this.clock = newClock;
  }

  /** @return how many target invocations have been made */
  public long firedCount() {
    return fired.get();
  }

  /** @return the schedule groups */
  public synchronized Set<String> groups() {
    return Set.copyOf(groups);
  }

  /** Starts the background ticker: {@link #runDue()} every second. */
  public synchronized void start() {
    if (ticker != null) {
      return;
    }
    ticker = new Thread(() -> {
      while (!Thread.currentThread().isInterrupted()) {
        try {
          Thread.sleep(1000);
          runDue();
        } catch (InterruptedException e) {
          return;
        } catch (RuntimeException e) {
          log.accept("EventBridge Scheduler: tick failed: " + e);
        }
      }
    }, "local-scheduler");
    ticker.setDaemon(true);
    ticker.start();
  }

  /** Stops the ticker. */
  @Override
  public synchronized void close() {
    if (ticker != null) {
      ticker.interrupt();
      ticker = null;
    }
  }

  /** Dispatches an API operation (see {@link SchedulerApi}). */
  public JsonNode create(String name, JsonNode request) {
    Instant now = clock.instant();
    synchronized (this) {
      String group = group(request.path("GroupName").asText(null));
      if (schedules.containsKey(key(group, name))) {
        throw new AwsServiceError(409, "ConflictException", "Schedule " + name + " already exists.");
      }
      Schedule s = build(group, name, request, now, now);
      schedules.put(key(group, name), s);
      save();
      return JSON.createObjectNode().put("ScheduleArn", arn(group, name));
    }
  }

  /** UpdateSchedule: replaces every field of an existing schedule (omitted optional fields are reset, as in AWS). */
  public JsonNode update(String name, JsonNode request) {
    Instant now = clock.instant();
    synchronized (this) {
      String group = group(request.path("GroupName").asText(null));
      Schedule existing = schedules.get(key(group, name));
      if (existing == null) {
        throw notFound(name);
      }
      schedules.put(key(group, name), build(group, name, request, existing.created, now));
      save();
      return JSON.createObjectNode().put("ScheduleArn", arn(group, name));
    }
  }

  /** GetSchedule. */
  public synchronized JsonNode get(String name, String groupName) {
    String group = group(groupName);
    Schedule s = schedules.get(key(group, name));
    if (s == null) {
      throw notFound(name);
    }
    ObjectNode out = JSON.createObjectNode();
    out.put("Arn", arn(group, name));
    out.put("Name", name);
    out.put("GroupName", group);
    out.put("CreationDate", seconds(s.created));
    out.put("LastModificationDate", seconds(s.modified));
    for (String field : List.of("Description", "ScheduleExpression", "ScheduleExpressionTimezone", "StartDate",
        "EndDate", "State", "FlexibleTimeWindow", "Target", "KmsKeyArn", "ActionAfterCompletion")) {
      if (s.definition.hasNonNull(field)) {
        out.set(field, s.definition.get(field));
      }
    }
    return out;
  }

  /** DeleteSchedule. */
  public synchronized JsonNode delete(String name, String groupName) {
    String group = group(groupName);
    if (schedules.remove(key(group, name)) == null) {
      throw notFound(name);
    }
    save();
    return JSON.createObjectNode();
  }

  /**
   * ListSchedules: by group ({@code ScheduleGroup}), name prefix, state; pages of {@code MaxResults} (1–100,
   * default 100) with an opaque {@code NextToken}.
   */
  public synchronized JsonNode list(String groupName, String namePrefix, String state, Integer maxResults, String nextToken) {
    if (groupName != null && !groups.contains(groupName)) {
      throw new AwsServiceError(404, "ResourceNotFoundException", "Schedule group " + groupName + " does not exist.");
    }
    int limit = maxResults == null ? 100 : maxResults;
    if (limit < 1 || limit > 100) {
      throw new AwsServiceError(400, "ValidationException", "MaxResults must be between 1 and 100.");
    }
    List<Schedule> matching = schedules.values().stream()
        .filter(s -> groupName == null || s.group.equals(groupName))
        .filter(s -> namePrefix == null || s.name.startsWith(namePrefix))
        .filter(s -> state == null || state.equals(s.definition.path("State").asText("ENABLED")))
        .toList();
    int from = 0;
    if (nextToken != null && !nextToken.isEmpty()) {
      try {
        from = Integer.parseInt(nextToken);
      } catch (NumberFormatException e) {
        throw new AwsServiceError(400, "ValidationException", "NextToken is not valid.");
      }
    }
    ObjectNode out = JSON.createObjectNode();
    ArrayNode items = out.putArray("Schedules");
    for (Schedule s : matching.subList(Math.min(from, matching.size()), Math.min(from + limit, matching.size()))) {
      ObjectNode item = items.addObject();
      item.put("Arn", arn(s.group, s.name));
      item.put("CreationDate", seconds(s.created));
      item.put("GroupName", s.group);
      item.put("LastModificationDate", seconds(s.modified));
      item.put("Name", s.name);
      item.put("State", s.definition.path("State").asText("ENABLED"));
      item.putObject("Target").put("Arn", s.definition.path("Target").path("Arn").asText());
    }
    if (from + limit < matching.size()) {
      out.put("NextToken", Integer.toString(from + limit));
    }
    return out;
  }

  /**
   * Fires every enabled schedule whose next time is at or before the clock's now: once per due time (a clock moved
   * past several occurrences fires each), then moves each to its following time; a one-time schedule with
   * {@code ActionAfterCompletion: DELETE} is deleted after it fired.
   *
   * @return the invocations made
   */
  public List<Firing> runDue() {
    Instant now = clock.instant();
    List<Firing> due = new ArrayList<>();
    synchronized (this) {
      boolean changed = false;
      for (Schedule s : List.copyOf(schedules.values())) {
        int n = 0;
        while (s.next != null && !s.next.isAfter(now) && n++ < MAX_CATCH_UP) {
          due.add(firing(s, s.next));
          s.next = following(s, s.next);
          changed = true;
        }
        if (s.next == null && s.expression.kind() == ScheduleExpression.Kind.AT
            && "DELETE".equals(s.definition.path("ActionAfterCompletion").asText()) && n > 0) {
          schedules.remove(key(s.group, s.name));
        }
      }
      if (changed) {
        save();
      }
    }
    for (Firing f : due) {
      fired.incrementAndGet();
      try {
        invoker.invoke(f.targetArn(), f.payload());
      } catch (Exception e) {
        log.accept("EventBridge Scheduler: schedule " + f.group() + "/" + f.name() + ": invoking " + f.targetArn()
            + " failed: " + e);
      }
    }
    return due;
  }

  private Firing firing(Schedule s, Instant when) {
    JsonNode target = s.definition.path("Target");
    String input = target.path("Input").asText("{}")
        .replace("<aws.scheduler.schedule-arn>", arn(s.group, s.name))
        .replace("<aws.scheduler.scheduled-time>", when.truncatedTo(ChronoUnit.SECONDS).toString())
        .replace("<aws.scheduler.execution-id>", executionId())
        .replace("<aws.scheduler.attempt-number>", "1");
    return new Firing(s.group, s.name, when, target.path("Arn").asText(), input);
  }

  private Schedule build(String group, String name, JsonNode request, Instant created, Instant now) {
    if (!NAME.matcher(name).matches()) {
      throw validation("Name must be 1 to 64 of [0-9a-zA-Z-_.]: " + name);
    }
    if (!request.isObject()) {
      throw validation("The request body must be an object.");
    }
    ObjectNode definition = ((ObjectNode) request).deepCopy();
    definition.remove(List.of("ClientToken", "GroupName", "Name"));
    String text = definition.path("ScheduleExpression").asText(null);
    if (text == null) {
      throw validation("ScheduleExpression is required.");
    }
    ScheduleExpression expression;
    try {
      expression = ScheduleExpression.parse(text);
    } catch (IllegalArgumentException e) {
      throw validation("Invalid Schedule Expression " + text + ": " + e.getMessage());
    }
    ZoneId zone;
    try {
      zone = ZoneId.of(definition.path("ScheduleExpressionTimezone").asText("UTC"));
    } catch (DateTimeException e) {
      throw validation("Invalid ScheduleExpressionTimezone " + definition.path("ScheduleExpressionTimezone").asText());
    }
    JsonNode window = definition.path("FlexibleTimeWindow");
    String mode = window.path("Mode").asText(null);
    if (!"OFF".equals(mode) && !"FLEXIBLE".equals(mode)) {
      throw validation("FlexibleTimeWindow.Mode must be OFF or FLEXIBLE.");
    }
    if ("FLEXIBLE".equals(mode)) {
      int max = window.path("MaximumWindowInMinutes").asInt(0);
      if (max < 1 || max > 1440) {
        throw validation("FlexibleTimeWindow.MaximumWindowInMinutes must be 1 to 1440 when Mode is FLEXIBLE.");
      }
    }
    JsonNode target = definition.path("Target");
    if (!target.path("Arn").isTextual() || !target.path("RoleArn").isTextual()) {
      throw validation("Target.Arn and Target.RoleArn are required.");
    }
    String state = definition.path("State").asText("ENABLED");
    if (!state.equals("ENABLED") && !state.equals("DISABLED")) {
      throw validation("State must be ENABLED or DISABLED.");
    }
    definition.put("State", state);
    Schedule s = new Schedule();
    s.group = group;
    s.name = name;
    s.definition = definition;
    s.expression = expression;
    s.zone = zone;
    s.created = created;
    s.modified = now;
    s.next = state.equals("ENABLED") ? first(s, now) : null;
    return s;
  }

  private Instant first(Schedule s, Instant now) {
    Instant from = now;
    Optional<Instant> start = instant(s.definition.get("StartDate"));
    if (start.isPresent() && start.get().isAfter(from) && s.expression.kind() != ScheduleExpression.Kind.AT) {
      from = start.get();
    }
    return bounded(s, s.expression.firstAtOrAfter(from, s.zone).orElse(null));
  }

  private Instant following(Schedule s, Instant fired) {
    return bounded(s, s.expression.nextAfter(fired, s.zone).orElse(null));
  }

  private Instant bounded(Schedule s, Instant t) {
    Optional<Instant> end = instant(s.definition.get("EndDate"));
    return t == null || (end.isPresent() && s.expression.kind() != ScheduleExpression.Kind.AT && t.isAfter(end.get()))
        ? null : t;
  }

  private static Optional<Instant> instant(JsonNode value) {
    if (value == null || !value.isNumber()) {
      return Optional.empty();
    }
    return Optional.of(Instant.ofEpochMilli(Math.round(value.asDouble() * 1000)));
  }

  private String group(String name) {
    String group = name == null || name.isEmpty() ? "default" : name;
    if (!groups.contains(group)) {
      throw new AwsServiceError(404, "ResourceNotFoundException", "Schedule group " + group + " does not exist.");
    }
    return group;
  }

  private String arn(String group, String name) {
    return "arn:aws:scheduler:" + region + ":" + account + ":schedule/" + group + "/" + name;
  }

  private static String key(String group, String name) {
    return group + "/" + name;
  }

  private static double seconds(Instant t) {
    return t.toEpochMilli() / 1000.0;
  }

  private static String executionId() {
    byte[] bytes = new byte[8];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  private static AwsServiceError notFound(String name) {
    return new AwsServiceError(404, "ResourceNotFoundException", "Schedule " + name + " does not exist.");
  }

  private static AwsServiceError validation(String message) {
    return new AwsServiceError(400, "ValidationException", message);
  }

  private void save() {
    ObjectNode doc = JSON.createObjectNode();
    ArrayNode list = doc.putArray("schedules");
    for (Schedule s : schedules.values()) {
      ObjectNode item = list.addObject();
      item.put("group", s.group).put("name", s.name).put("created", s.created.toString())
          .put("modified", s.modified.toString());
      item.set("definition", s.definition);
    }
    store.save(doc);
  }

  private void load() throws IOException {
    JsonNode doc = store.load();
    if (doc == null) {
      return;
    }
    Instant now = clock.instant();
    for (JsonNode item : doc.path("schedules")) {
      String group = item.path("group").asText();
      groups.add(group);
      // missed occurrences while the cloud was down are not fired: the schedule goes on from now
      Schedule s = build(group, item.path("name").asText(), item.path("definition"), Instant.parse(item.path("created").asText()),
          Instant.parse(item.path("modified").asText()));
      if (s.next != null) {
        s.next = first(s, now);
      }
      schedules.put(key(group, s.name), s);
    }
  }
}
