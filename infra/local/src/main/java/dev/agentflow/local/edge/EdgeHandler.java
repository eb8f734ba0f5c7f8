package dev.agentflow.local.edge;

/** One AWS service (or one API of it) behind the edge port. */
@FunctionalInterface
public interface EdgeHandler {

  /**
   * Answers a request.
   *
   * @param request the request, routed here by {@link EdgeRoutes}
   * @return the response
   * @throws Exception for an unexpected failure: the edge answers 500 with an {@code InternalFailure} body
   *     and logs it (service errors the caller should see are responses, not exceptions)
   */
  EdgeResponse handle(EdgeRequest request) throws Exception;
}
