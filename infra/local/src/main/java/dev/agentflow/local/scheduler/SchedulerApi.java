package dev.agentflow.local.scheduler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.agentflow.local.edge.AwsServiceError;
import dev.agentflow.local.edge.EdgeRequest;
import dev.agentflow.local.edge.EdgeResponse;
import dev.agentflow.local.edge.EdgeRoutes;
import java.io.IOException;
import java.util.Map;

/**
 * The EventBridge Scheduler REST-JSON API on the edge (EventBridge Scheduler API Reference, 2021-06-30), routed by
 * path for the SigV4 service {@code scheduler}:
 * <pre>
 * POST   /schedules/{Name}                      CreateSchedule  → {"ScheduleArn"}
 * PUT    /schedules/{Name}                      UpdateSchedule  → {"ScheduleArn"}
 * GET    /schedules/{Name}?groupName=           GetSchedule
 * DELETE /schedules/{Name}?groupName=&amp;clientToken=  DeleteSchedule → {}
 * GET    /schedules?ScheduleGroup=&amp;NamePrefix=&amp;State=&amp;MaxResults=&amp;NextToken=   ListSchedules
 * </pre>
 * Errors are the REST-JSON shape the SDKs read: the HTTP status, header {@code x-amzn-ErrorType} and body
 * {@code {"Message": …}} (ValidationException 400, ResourceNotFoundException 404, ConflictException 409).
 */
public final class SchedulerApi {

  /** The SigV4 signing service of EventBridge Scheduler. */
  public static final String SIGNING_SERVICE = "scheduler";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final SchedulerService service;

  /** @param service the local scheduler */
  public SchedulerApi(SchedulerService service) {
    this.service = service;
  }

  /** Adds the operations to the edge's routes. */
  public void register(EdgeRoutes routes) {
    routes.path("POST", "/schedules/{name}", SIGNING_SERVICE, r -> answer(() -> service.create(r.pathParameter("name"), body(r))));
    routes.path("PUT", "/schedules/{name}", SIGNING_SERVICE, r -> answer(() -> service.update(r.pathParameter("name"), body(r))));
    routes.path("GET", "/schedules/{name}", SIGNING_SERVICE, r -> answer(() -> service.get(r.pathParameter("name"), groupOf(r))));
    routes.path("DELETE", "/schedules/{name}", SIGNING_SERVICE, r -> answer(() -> service.delete(r.pathParameter("name"), groupOf(r))));
    routes.path("GET", "/schedules", SIGNING_SERVICE, r -> answer(() -> {
      Map<String, String> q = r.queryParameters();
      Integer max = null;
      if (q.containsKey("MaxResults")) {
        try {
          max = Integer.parseInt(q.get("MaxResults"));
        } catch (NumberFormatException e) {
          throw new AwsServiceError(400, "ValidationException", "MaxResults must be a number.");
        }
      }
      return service.list(q.get("ScheduleGroup"), q.get("NamePrefix"), q.get("State"), max, q.get("NextToken"));
    }));
  }

  private static String groupOf(EdgeRequest r) {
    Map<String, String> q = r.queryParameters();
    return q.getOrDefault("groupName", q.get("GroupName"));
  }

  private static JsonNode body(EdgeRequest r) {
    if (r.body().length == 0) {
      return JsonNodeFactory.instance.objectNode();
    }
    try {
      return JSON.readTree(r.body());
    } catch (IOException e) {
      throw new AwsServiceError(400, "ValidationException", "The request body is not valid JSON.");
    }
  }

  private interface Operation {
    JsonNode run();
  }

  private static EdgeResponse answer(Operation operation) {
    try {
      return EdgeResponse.of(200, "application/json", operation.run().toString());
    } catch (AwsServiceError e) {
      String body = JsonNodeFactory.instance.objectNode().put("Message", e.getMessage()).toString();
      return EdgeResponse.of(e.status(), "application/json", body).withHeader("x-amzn-ErrorType", e.type());
    }
  }
}
