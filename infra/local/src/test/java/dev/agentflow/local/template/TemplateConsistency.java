package dev.agentflow.local.template;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentflow.core.model.NodeType;
import dev.agentflow.local.apigw.HttpApiRoute;
import dev.agentflow.local.apigw.HttpApiRoutes;
import dev.agentflow.local.apigw.ws.WebSocketApiReader;
import dev.agentflow.local.apigw.ws.WebSocketApiSpec;
import dev.agentflow.local.events.EventPatternMatcher;
import dev.agentflow.local.lambda.LocalEnvironment;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

/**
 * Checks that template.yaml and the code agree, each check returning readable problems (empty when none):
 * <ul>
 *   <li>{@link #handlers}: every function's Handler names a class implementing {@code RequestHandler} or
 *       {@code RequestStreamHandler}, its method is {@code handleRequest}, it has Lambda's public no-argument
 *       constructor, its CodeUri is the Lambda jar {@code functions/<m>/target/<m>-lambda.jar} of the module the
 *       class comes from (a module whose pom names the shade plugin), and, once built, the jar holds the class;
 *   <li>{@link #environment}: each function starts (and runs its samples) from the template's environment
 *       alone, and a variable its code reads but the template does not set is named when it does not (found
 *       by recording the reads with {@link EnvReads}); every variable the template sets for one function is
 *       read by that function's code (no stale or misspelled configuration);
 *   <li>{@link #policies}: every AWS call a function made (recorded by {@link AwsCallRecorder}) is allowed
 *       by its policies ({@link IamPolicies});
 *   <li>{@link #sampleCoverage}: every HTTP and WebSocket route and every function has a sample under events/.
 * </ul>
 */
final class TemplateConsistency {

  static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Variables Lambda defines in every function's environment (AWS Lambda Developer Guide, "Defined runtime
   * environment variables"): code may read them without the template setting them.
   */
  static final Set<String> LAMBDA_DEFINED = Set.of("_HANDLER", "_X_AMZN_TRACE_ID", "AWS_DEFAULT_REGION", "AWS_REGION",
      "AWS_EXECUTION_ENV", "AWS_LAMBDA_FUNCTION_NAME", "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "AWS_LAMBDA_FUNCTION_VERSION",
      "AWS_LAMBDA_INITIALIZATION_TYPE", "AWS_LAMBDA_LOG_GROUP_NAME", "AWS_LAMBDA_LOG_STREAM_NAME", "AWS_ACCESS_KEY",
      "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_LAMBDA_RUNTIME_API", "LAMBDA_TASK_ROOT",
      "LAMBDA_RUNTIME_DIR", "TZ", "LANG", "PATH", "LD_LIBRARY_PATH");

  /** The account id the samples use (AWS documentation's example account). */
  static final String SAMPLE_ACCOUNT = "123456789012";

  private static final Pattern CODE_URI = Pattern.compile("functions/([A-Za-z0-9_-]+)/target/([A-Za-z0-9_-]+)-lambda\\.jar");

  private TemplateConsistency() {}

  // ----- handlers --------------------------------------------------------------------------------------------

  /** The handler problems of a template: classes, methods, constructors, CodeUri jars. */
  static List<String> handlers(SamTemplate template, Path root) {
    List<String> problems = new ArrayList<>();
    for (FunctionSpec f : template.functions()) {
      String where = f.logicalId() + " (Handler " + f.handler() + ")";
      int separator = f.handler().indexOf("::");
      String className = separator < 0 ? f.handler() : f.handler().substring(0, separator);
      String method = separator < 0 ? null : f.handler().substring(separator + 2);
      Class<?> type;
      try {
        type = Class.forName(className, false, TemplateConsistency.class.getClassLoader());
      } catch (ClassNotFoundException e) {
        problems.add(where + ": no class " + className + " on the functions' classpath");
        continue;
      }
      boolean request = RequestHandler.class.isAssignableFrom(type);
      boolean stream = RequestStreamHandler.class.isAssignableFrom(type);
      if (!request && !stream) {
        problems.add(where + ": " + className + " implements neither RequestHandler nor RequestStreamHandler");
      }
      if (method != null && !method.equals("handleRequest")) {
        problems.add(where + ": method '" + method + "' is not the handler interface's handleRequest");
      }
      if (!hasHandleRequest(type, request, stream)) {
        problems.add(where + ": " + className + " has no public handleRequest(" + (stream
            ? "InputStream, OutputStream, Context)" : "event, Context)"));
      }
      try {
        type.getConstructor();
      } catch (NoSuchMethodException e) {
        problems.add(where + ": " + className + " has no public no-argument constructor (Lambda's)");
      }
      problems.addAll(codeUri(f, type, root));
    }
    return problems;
  }

  private static boolean hasHandleRequest(Class<?> type, boolean request, boolean stream) {
    for (Method m : type.getMethods()) {
      if (!m.getName().equals("handleRequest") || m.isBridge()) {
        continue;
      }
      Class<?>[] p = m.getParameterTypes();
      if (stream && p.length == 3 && p[0] == InputStream.class && p[1] == OutputStream.class && p[2] == Context.class) {
        return true;
      }
      if (request && p.length == 2 && p[1] == Context.class) {
        return true;
      }
    }
    return false;
  }

  private static List<String> codeUri(FunctionSpec f, Class<?> type, Path root) {
    List<String> problems = new ArrayList<>();
    String uri = f.codeUri();
    Matcher m = uri == null ? null : CODE_URI.matcher(uri);
    if (m == null || !m.matches() || !m.group(1).equals(m.group(2))) {
      problems.add(f.logicalId() + ": CodeUri " + uri + " is not a function module's Lambda jar "
          + "functions/<module>/target/<module>-lambda.jar (what `mvn package` builds; sam deploy uploads it)");
      return problems;
    }
    String module = m.group(1);
    Path pom = root.resolve("functions").resolve(module).resolve("pom.xml");
    try {
      if (!Files.isRegularFile(pom) || !Files.readString(pom).contains("<artifactId>maven-shade-plugin</artifactId>")) {
        problems.add(f.logicalId() + ": " + pom + " does not build a Lambda jar (name maven-shade-plugin in its build)");
      }
    } catch (IOException e) {
      problems.add(f.logicalId() + ": cannot read " + pom + ": " + e.getMessage());
    }
    var source = type.getProtectionDomain().getCodeSource();
    String location = source == null ? "" : source.getLocation().getPath();
    if (!location.contains("/functions/" + module + "/")) {
      problems.add(f.logicalId() + ": " + type.getName() + " comes from " + location + ", not from module functions/"
          + module + " that CodeUri deploys");
    }
    Path jar = root.resolve(uri);
    if (Files.isRegularFile(jar)) {
      try (ZipFile zip = new ZipFile(jar.toFile())) {
        if (zip.getEntry(type.getName().replace('.', '/') + ".class") == null) {
          problems.add(f.logicalId() + ": " + uri + " does not contain " + type.getName());
        }
        if (zip.getEntry("com/amazonaws/services/lambda/runtime/RequestHandler.class") == null) {
          problems.add(f.logicalId() + ": " + uri + " is not shaded (no aws-lambda-java-core inside)");
        }
      } catch (IOException e) {
        problems.add(f.logicalId() + ": " + uri + " is not a jar: " + e.getMessage());
      }
    }
    return problems;
  }

  // ----- environment -----------------------------------------------------------------------------------------

  /**
   * Records which environment variables the functions' own code (classes under {@code dev.agentflow},
   * outside the local cloud) reads, per function, through {@link LocalEnvironment#listen}.
   */
  static final class EnvReads implements AutoCloseable {

    private final Map<String, Set<String>> reads = new ConcurrentHashMap<>();

    EnvReads() {
      LocalEnvironment.install();
      LocalEnvironment.listen((function, variable, present) -> {
        if (function != null && calledByFunctionCode()) {
          reads.computeIfAbsent(function, k -> ConcurrentHashMap.newKeySet()).add(variable);
        }
      });
    }

    /** @return function name → variables its code read */
    Map<String, Set<String>> reads() {
      Map<String, Set<String>> copy = new LinkedHashMap<>();
      reads.forEach((k, v) -> copy.put(k, new TreeSet<>(v)));
      return copy;
    }

    @Override
    public void close() {
      LocalEnvironment.listen(null);
    }

    private static boolean calledByFunctionCode() {
      Optional<String> caller = StackWalker.getInstance().walk(frames -> frames.map(StackWalker.StackFrame::getClassName)
          .filter(c -> !c.startsWith("java.") && !c.startsWith("jdk.") && !c.startsWith("sun.")
              && !c.startsWith(LocalEnvironment.class.getName()) && !c.startsWith(TemplateConsistency.class.getName()))
          .findFirst());
      return caller.isPresent() && caller.get().startsWith("dev.agentflow.") && !caller.get().startsWith("dev.agentflow.local.");
    }
  }

  /**
   * Builds every function's handler the way Lambda does (public no-argument constructor) inside exactly the
   * environment the template gives it plus Lambda's defined variables and the local cloud's endpoint.
   *
   * @param failures receives function name → why its handler could not be built
   */
  static void buildHandlers(SamTemplate template, URI endpoint, Map<String, String> failures) {
    for (FunctionSpec f : template.functions()) {
      Map<String, String> env = new LinkedHashMap<>();
      env.put("AWS_REGION", template.settings().region());
      env.put("AWS_DEFAULT_REGION", template.settings().region());
      env.put("AWS_LAMBDA_FUNCTION_NAME", f.functionName());
      env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
      env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(f.memorySizeMb()));
      env.put("AWS_EXECUTION_ENV", "AWS_Lambda_" + f.runtime());
      env.put("_HANDLER", f.handler());
      env.put("AWS_ENDPOINT_URL", endpoint.toString());
      env.put("AWS_ACCESS_KEY_ID", "test");
      env.put("AWS_SECRET_ACCESS_KEY", "test");
      env.putAll(f.environment());
      String className = f.handler().contains("::") ? f.handler().substring(0, f.handler().indexOf("::")) : f.handler();
      try {
        LocalEnvironment.callWith(env, () -> Class.forName(className).getConstructor().newInstance());
      } catch (InvocationTargetException e) {
        failures.put(f.functionName(), String.valueOf(e.getCause()));
      } catch (Exception | LinkageError e) {
        failures.put(f.functionName(), e.toString());
      }
    }
  }

  /**
   * The environment problems. The shared configuration readers (AppConfig, ApiConfig) read every variable
   * any of their functions may need, so "read but not set" alone is no fault: a function needs a variable
   * when it cannot start or run without it. So: a function that failed (to start, or on a sample) is
   * reported with the variables it read that the template does not set; and a variable the template sets
   * for one function (its own Environment, not Globals) that the function never reads is reported as stale.
   *
   * @param template the template as resolved
   * @param tree the template as written (to tell a function's own variables from Globals')
   * @param reads function name → variables its code read
   * @param failures function name → why it could not start or run a sample
   */
  static List<String> environment(SamTemplate template, JsonNode tree, Map<String, Set<String>> reads,
      Map<String, String> failures) {
    List<String> problems = new ArrayList<>();
    for (FunctionSpec f : template.functions()) {
      Set<String> read = reads.getOrDefault(f.functionName(), Set.of());
      if (failures.containsKey(f.functionName())) {
        problems.add(f.logicalId() + " cannot run from the template's environment: " + failures.get(f.functionName())
            + "; it reads " + unset(f, read) + ", which template.yaml does not set for it");
        continue; // what it would have read after failing is unknown: no stale-variable verdict
      }
      tree.path("Resources").path(f.logicalId()).path("Properties").path("Environment").path("Variables")
          .fieldNames().forEachRemaining(own -> {
            if (!read.contains(own)) {
              problems.add("template.yaml sets " + own + " for " + f.logicalId() + ", whose code never reads it");
            }
          });
    }
    return problems;
  }

  /** Variables a function read that neither the template nor Lambda sets (those it does without). */
  static Set<String> unset(FunctionSpec f, Set<String> read) {
    Set<String> out = new TreeSet<>(read);
    out.removeAll(f.environment().keySet());
    out.removeAll(LAMBDA_DEFINED);
    return out;
  }

  // ----- policies --------------------------------------------------------------------------------------------

  /** Every recorded call not allowed by its function's policies (plus what could not be evaluated). */
  static List<String> policies(JsonNode template, StackSettings settings, List<AwsCallRecorder.Call> calls) {
    List<String> problems = new ArrayList<>();
    Map<String, List<IamPolicies.Statement>> statements = IamPolicies.ofFunctions(template, settings, problems);
    Set<String> seen = new TreeSet<>();
    for (AwsCallRecorder.Call call : calls) {
      List<IamPolicies.Statement> own = statements.get(call.function());
      if (own == null) {
        continue; // a function of another template (not this stack)
      }
      if (!IamPolicies.allowed(own, call.action(), call.resource()) && seen.add(call.function() + call.action() + call.resource())) {
        problems.add(call.function() + " calls " + call.action() + " on " + call.resource()
            + ", which its policies do not allow");
      }
    }
    return problems;
  }

  // ----- sample events ---------------------------------------------------------------------------------------

  /** A sample event file and the function that takes it. */
  record Sample(Path file, String relative, JsonNode event, String functionName) {}

  /** Every events/ sample (not events/workflows/), with the function it belongs to (null when none). */
  static List<Sample> samples(Path root, Path templatePath, SamTemplate template) throws IOException {
    JsonNode tree = TemplateYaml.read(templatePath);
    List<HttpApiRoute> routes = HttpApiRoutes.fromJson(tree, template);
    Optional<WebSocketApiSpec> ws = WebSocketApiReader.fromJson(tree, template);
    List<Sample> out = new ArrayList<>();
    Path events = root.resolve("events");
    try (Stream<Path> files = Files.walk(events)) {
      for (Path file : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
        String relative = events.relativize(file).toString().replace('\\', '/');
        if (relative.startsWith("workflows/")) {
          continue;
        }
        JsonNode event = JSON.readTree(file.toFile());
        out.add(new Sample(file, relative, event, functionOf(file, event, routes, ws, template)));
      }
    }
    return out;
  }

  /** {@code result-callback.json} → {@code ResultCallbackFunction}. */
  private static String functionNamed(Path file) {
    String base = file.getFileName().toString().replaceFirst("\\.json$", "");
    StringBuilder id = new StringBuilder();
    for (String part : base.split("-")) {
      if (!part.isEmpty()) {
        id.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
      }
    }
    return id.append("Function").toString();
  }

  private static String functionOf(Path file, JsonNode event, List<HttpApiRoute> routes, Optional<WebSocketApiSpec> ws,
      SamTemplate template) {
    if (event.path("version").asText().equals("2.0") && event.has("routeKey")) {
      return routes.stream().filter(r -> r.routeKey().equals(event.path("routeKey").asText()))
          .map(HttpApiRoute::functionName).findFirst().orElse(null);
    }
    if (event.path("type").asText().equals("REQUEST") && ws.isPresent()) {
      WebSocketApiSpec.Route connect = ws.get().routes().get(event.at("/requestContext/routeKey").asText());
      return connect == null ? null : connect.authorizerFunction();
    }
    if (event.at("/requestContext/connectionId").isTextual() && ws.isPresent()) {
      WebSocketApiSpec.Route route = ws.get().routes().get(event.at("/requestContext/routeKey").asText());
      return route == null ? null : route.functionName();
    }
    // a sample named after its function (result-callback.json: ResultCallbackFunction) belongs to it: an
    // EventBridge event two rules match, or a payload of the function's own (a Scheduler target's input)
    String byName = functionNamed(file);
    if (byName != null && template.function(byName).isPresent()) {
      return template.function(byName).get().functionName();
    }
    if (event.has("detail-type")) {
      // samples name the documentation account 123456789012; rules are scoped to the stack's own
      JsonNode own = readTree(event.toString().replace(SAMPLE_ACCOUNT, template.settings().account()));
      for (EventRuleSpec rule : template.eventRules()) {
        if (EventPatternMatcher.matches(rule.eventPattern(), own)) {
          String arn = rule.targets().get(0).arn();
          return arn.substring(arn.lastIndexOf(':') + 1);
        }
      }
      return null;
    }
    if (event.has("execution") && event.has("node")) {
      return NodeType.fromWire(event.at("/node/type").asText())
          .flatMap(t -> template.function(t.functionPlaceholder().replaceFirst("Arn$", "")))
          .map(FunctionSpec::functionName).orElse(null);
    }
    return null;
  }

  private static JsonNode readTree(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Routes and functions without a sample, and samples no function takes. */
  static List<String> sampleCoverage(Path templatePath, SamTemplate template, List<Sample> samples) {
    List<String> problems = new ArrayList<>();
    JsonNode tree = TemplateYaml.read(templatePath);
    Set<String> sampledRoutes = new TreeSet<>();
    Set<String> sampledWsRoutes = new TreeSet<>();
    Set<String> sampledFunctions = new TreeSet<>();
    for (Sample s : samples) {
      if (s.functionName() == null) {
        problems.add("events/" + s.relative() + ": no function of template.yaml takes this event");
        continue;
      }
      sampledFunctions.add(s.functionName());
      if (s.event().has("routeKey")) {
        sampledRoutes.add(s.event().path("routeKey").asText());
      }
      if (s.event().at("/requestContext/connectionId").isTextual() && !s.event().path("type").asText().equals("REQUEST")) {
        sampledWsRoutes.add(s.event().at("/requestContext/routeKey").asText());
      }
    }
    for (HttpApiRoute route : HttpApiRoutes.fromJson(tree, template)) {
      if (!sampledRoutes.contains(route.routeKey())) {
        problems.add("route " + route.routeKey() + " has no sample under events/api/");
      }
    }
    WebSocketApiReader.fromJson(tree, template).ifPresent(ws -> ws.routes().keySet().forEach(key -> {
      if (!sampledWsRoutes.contains(key)) {
        problems.add("WebSocket route " + key + " has no sample under events/realtime/");
      }
    }));
    for (FunctionSpec f : template.functions()) {
      if (!sampledFunctions.contains(f.functionName())) {
        problems.add(f.logicalId() + " has no sample under events/ (usable with sam local invoke " + f.logicalId()
            + " -e …)");
      }
    }
    return problems;
  }
}
