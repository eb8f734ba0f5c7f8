package dev.agentflow.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentflow.local.sfn.TaskContext;
import dev.agentflow.local.sfn.TaskFailedException;
import dev.agentflow.local.sfn.TaskHandler;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * Sends each Task state's {@code Resource} to the local service that runs it (Lambda today; other service
 * integrations register here as they are added). A resource nobody runs fails the task with
 * {@code States.Runtime}.
 */
public final class TaskRouter implements TaskHandler {

  private final List<Route> routes = new CopyOnWriteArrayList<>();

  /**
   * Adds a route; earlier routes win.
   *
   * @param resources which Resource ARNs the handler runs
   * @param handler the handler
   * @return this
   */
  public TaskRouter route(Predicate<String> resources, TaskHandler handler) {
    routes.add(new Route(resources, handler));
    return this;
  }

  @Override
  public JsonNode invoke(String resource, JsonNode input, TaskContext context) throws TaskFailedException {
    for (Route route : routes) {
      if (route.resources().test(resource)) {
        return route.handler().invoke(resource, input, context);
      }
    }
    throw new TaskFailedException("States.Runtime",
        "The local cloud does not run the Task resource '" + resource + "' of state '" + context.stateName() + "'");
  }

  private record Route(Predicate<String> resources, TaskHandler handler) {}
}
