package dev.agentflow.local.edge;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The edge's route table: which service answers a request, by protocol.
 * <ol>
 *   <li>AWS JSON protocols (DynamoDB, Step Functions, KMS, Secrets Manager, ...): by the longest registered
 *       prefix of {@code X-Amz-Target}, e.g. {@code "DynamoDB_20120810."}, {@code "AWSStepFunctions."},
 *       {@code "TrentService."}, {@code "secretsmanager."}.
 *   <li>REST protocols (Lambda, EventBridge Scheduler, ...): by method and path template, e.g.
 *       {@code POST /2015-03-31/functions/{name}/invocations}; a template may be limited to one SigV4 signing
 *       service when two REST APIs share paths.
 * </ol>
 * Routes may be added while the edge runs (services register once they have started).
 */
public final class EdgeRoutes {

  /** A path parameter in a route template: {@code {name}}. */
  private static final Pattern PARAMETER = Pattern.compile("\\{([A-Za-z][A-Za-z0-9]*)}");

  private final List<TargetRoute> targets = new CopyOnWriteArrayList<>();
  private final List<PathRoute> paths = new CopyOnWriteArrayList<>();
  private final List<Observer> observers = new CopyOnWriteArrayList<>();

  /** Sees every request the edge answered (tests count AWS requests with it). */
  @FunctionalInterface
  public interface Observer {

    /**
     * Called after the answer was made, on the thread that made it; must be quick and must not throw.
     *
     * @param request the request as routed (before path parameters)
     * @param response the answer (before the edge adds {@code x-amzn-RequestId})
     * @param inProcess true when it came through {@link InProcessHttpClient}, false when over the edge's socket
     */
    void observed(EdgeRequest request, EdgeResponse response, boolean inProcess);
  }

  /**
   * Adds an observer of every answered request.
   *
   * @return closing it removes the observer
   */
  public AutoCloseable observe(Observer observer) {
    observers.add(observer);
    return () -> observers.remove(observer);
  }

  /** Tells the observers (a failing observer is ignored: observing must not change answers). */
  void notifyObservers(EdgeRequest request, EdgeResponse response, boolean inProcess) {
    for (Observer observer : observers) {
      try {
        observer.observed(request, response, inProcess);
      } catch (RuntimeException ignored) {
        // an observer's bug must not turn into the caller's error
      }
    }
  }

  /**
   * Routes AWS JSON requests whose {@code X-Amz-Target} starts with {@code prefix}.
   *
   * @return this
   */
  public EdgeRoutes target(String prefix, EdgeHandler handler) {
    targets.add(new TargetRoute(prefix, handler));
    return this;
  }

  /**
   * Routes REST requests by method and path template ({@code {name}} matches one path segment).
   *
   * @return this
   */
  public EdgeRoutes path(String method, String template, EdgeHandler handler) {
    return path(method, template, null, handler);
  }

  /**
   * Routes REST requests by method, path template and SigV4 signing service (e.g. {@code "scheduler"}).
   *
   * @param signingService the service name of the credential scope, or {@code null} for any
   * @return this
   */
  public EdgeRoutes path(String method, String template, String signingService, EdgeHandler handler) {
    paths.add(new PathRoute(method, template, compile(template), names(template), signingService, handler));
    return this;
  }

  /** @return the registered X-Amz-Target prefixes, in registration order */
  public List<String> targetPrefixes() {
    return targets.stream().map(TargetRoute::prefix).toList();
  }

  /** @return the registered path routes as {@code "METHOD template"}, in registration order */
  public List<String> pathTemplates() {
    return paths.stream().map(p -> p.method() + " " + p.template()).toList();
  }

  /**
   * Finds the service for a request.
   *
   * @return the handler and the request with its path parameters, or empty when nothing matches
   */
  public Optional<Match> resolve(EdgeRequest request) {
    String target = request.target();
    if (target != null) {
      TargetRoute best = null;
      for (TargetRoute route : targets) {
        if (target.startsWith(route.prefix()) && (best == null || route.prefix().length() > best.prefix().length())) {
          best = route;
        }
      }
      return best == null ? Optional.empty() : Optional.of(new Match(best.handler(), request));
    }
    String signingService = request.signingService();
    for (PathRoute route : paths) {
      if (!route.method().equalsIgnoreCase(request.method())) {
        continue;
      }
      if (route.signingService() != null && signingService != null && !route.signingService().equals(signingService)) {
        continue;
      }
      Matcher matcher = route.pattern().matcher(request.path());
      if (matcher.matches()) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String name : route.names()) {
          parameters.put(name, URLDecoder.decode(matcher.group(name), StandardCharsets.UTF_8));
        }
        return Optional.of(new Match(route.handler(), request.withPathParameters(parameters)));
      }
    }
    return Optional.empty();
  }

  private static Pattern compile(String template) {
    StringBuilder regex = new StringBuilder();
    Matcher matcher = PARAMETER.matcher(template);
    int last = 0;
    while (matcher.find()) {
      regex.append(Pattern.quote(template.substring(last, matcher.start())));
      regex.append("(?<").append(matcher.group(1)).append(">[^/]+)");
      last = matcher.end();
    }
    regex.append(Pattern.quote(template.substring(last)));
    return Pattern.compile(regex.toString());
  }

  private static List<String> names(String template) {
    List<String> names = new ArrayList<>();
    Matcher matcher = PARAMETER.matcher(template);
    while (matcher.find()) {
      names.add(matcher.group(1));
    }
    return List.copyOf(names);
  }

  /**
   * A resolved route.
   *
   * @param handler the service
   * @param request the request with the route's path parameters
   */
  public record Match(EdgeHandler handler, EdgeRequest request) {}

  private record TargetRoute(String prefix, EdgeHandler handler) {}

  private record PathRoute(String method, String template, Pattern pattern, List<String> names, String signingService,
      EdgeHandler handler) {}
}
