package dev.agentflow.local;

import dev.agentflow.local.apigw.HttpApiServer;
import dev.agentflow.local.apigw.LocalJwt;
import dev.agentflow.local.lambda.ErrorTypePolicy;
import dev.agentflow.local.template.StackSettings;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * Settings of the {@link LocalCloud}.
 *
 * @param host the address the edge binds ({@code 127.0.0.1}: reachable from this machine only)
 * @param edgePort the edge port; 4566 by default, 0 for a free port (tests)
 * @param dataDirectory where DynamoDB and Step Functions keep their data ({@code ~/.agentflow/local})
 * @param inMemory keep everything in memory and ignore {@code dataDirectory} (tests)
 * @param templatePath the SAM template to run, or {@code null} for none
 * @param stack region, account, stack name and parameter overrides for the template
 * @param handlerClassLoader where handler classes of template.yaml are found ({@code null}: this class's loader)
 * @param errorTypes how handler exceptions become Lambda errorTypes
 * @param log where the local cloud's notices and function logs go
 * @param httpApiPort the port of the local HTTP API (template.yaml's {@code HttpApi} routes); 3000 by default,
 *     0 for a free port
 * @param jwt the token authority of the local HTTP API, or {@code null} for the one of
 *     {@code <dataDirectory>/jwt-secret} ({@code LocalJwtKeys}; also when in memory, so {@code ./agentflow token}
 *     agrees with {@code up --in-memory}); tests pass their own
 */
public record LocalCloudOptions(
    String host,
    int edgePort,
    Path dataDirectory,
    boolean inMemory,
    Path templatePath,
    StackSettings stack,
    ClassLoader handlerClassLoader,
    ErrorTypePolicy errorTypes,
    PrintStream log,
    int httpApiPort,
    LocalJwt jwt) {

  /** The default edge port (the one LocalStack uses). */
  public static final int DEFAULT_EDGE_PORT = 4566;

  public LocalCloudOptions {
    host = Objects.requireNonNullElse(host, "127.0.0.1");
    if (edgePort < 0 || edgePort > 65535) {
      throw new IllegalArgumentException("Edge port out of range: " + edgePort);
    }
    if (httpApiPort < 0 || httpApiPort > 65535) {
      throw new IllegalArgumentException("HTTP API port out of range: " + httpApiPort);
    }
    dataDirectory = Objects.requireNonNullElseGet(dataDirectory, LocalCloudOptions::defaultDataDirectory);
    stack = Objects.requireNonNullElseGet(stack, StackSettings::defaults);
    errorTypes = Objects.requireNonNullElse(errorTypes, ErrorTypePolicy.JAVA_RUNTIME);
    log = Objects.requireNonNullElse(log, System.err);
  }

  /** @return port 4566 on 127.0.0.1, data under {@code ~/.agentflow/local}, no template */
  public static LocalCloudOptions defaults() {
    return new LocalCloudOptions(null, DEFAULT_EDGE_PORT, null, false, null, null, null, null, null,
        HttpApiServer.DEFAULT_PORT, null);
  }

  /** @return in-memory, free edge and HTTP API ports, the given template (tests) */
  public static LocalCloudOptions inMemory(Path templatePath) {
    return defaults().withEdgePort(0).withHttpApiPort(0).withInMemory(true).withTemplate(templatePath);
  }

  /** @return {@code ~/.agentflow/local} */
  public static Path defaultDataDirectory() {
    return Path.of(System.getProperty("user.home"), ".agentflow", "local");
  }

  /** @return a copy with this edge port */
  public LocalCloudOptions withEdgePort(int port) {
    return new LocalCloudOptions(host, port, dataDirectory, inMemory, templatePath, stack, handlerClassLoader,
        errorTypes, log, httpApiPort, jwt);
  }

  /** @return a copy keeping data in this directory (file mode) */
  public LocalCloudOptions withDataDirectory(Path directory) {
    return new LocalCloudOptions(host, edgePort, directory, false, templatePath, stack, handlerClassLoader,
        errorTypes, log, httpApiPort, jwt);
  }

  /** @return a copy in or out of in-memory mode */
  public LocalCloudOptions withInMemory(boolean memory) {
    return new LocalCloudOptions(host, edgePort, dataDirectory, memory, templatePath, stack, handlerClassLoader,
        errorTypes, log, httpApiPort, jwt);
  }

  /** @return a copy running this template ({@code null}: none) */
  public LocalCloudOptions withTemplate(Path template) {
    return new LocalCloudOptions(host, edgePort, dataDirectory, inMemory, template, stack, handlerClassLoader,
        errorTypes, log, httpApiPort, jwt);
  }

  /** @return a copy with these template parameter overrides */
  public LocalCloudOptions withParameterOverrides(Map<String, String> overrides) {
    StackSettings settings = new StackSettings(stack.region(), stack.account(), stack.stackName(), overrides);
    return new LocalCloudOptions(host, edgePort, dataDirectory, inMemory, templatePath, settings,
        handlerClassLoader, errorTypes, log, httpApiPort, jwt);
  }

  /** @return a copy loading handler classes from this loader */
  public LocalCloudOptions withHandlerClassLoader(ClassLoader loader) {
    return new LocalCloudOptions(host, edgePort, dataDirectory, inMemory, templatePath, stack, loader, errorTypes,
        log, httpApiPort, jwt);
  }

  /** @return a copy with this errorType policy */
  public LocalCloudOptions withErrorTypes(ErrorTypePolicy policy) {
    return new LocalCloudOptions(host, edgePort, dataDirectory, inMemory, templatePath, stack, handlerClassLoader,
        policy, log, httpApiPort, jwt);
  }

  /** @return a copy writing notices and function logs to this stream */
  public LocalCloudOptions withLog(PrintStream stream) {
    return new LocalCloudOptions(host, edgePort, dataDirectory, inMemory, templatePath, stack, handlerClassLoader,
        errorTypes, stream, httpApiPort, jwt);
  }

  /** @return a copy binding this address ({@code 127.0.0.1} by default) */
  public LocalCloudOptions withHost(String address) {
    return new LocalCloudOptions(address, edgePort, dataDirectory, inMemory, templatePath, stack, handlerClassLoader,
        errorTypes, log, httpApiPort, jwt);
  }

  /** @return a copy serving the HTTP API on this port (0: a free one) */
  public LocalCloudOptions withHttpApiPort(int port) {
    return new LocalCloudOptions(host, edgePort, dataDirectory, inMemory, templatePath, stack, handlerClassLoader,
        errorTypes, log, port, jwt);
  }

  /** @return a copy whose HTTP API checks tokens with this authority instead of {@code <data>/jwt-secret} */
  public LocalCloudOptions withJwt(LocalJwt authority) {
    return new LocalCloudOptions(host, edgePort, dataDirectory, inMemory, templatePath, stack, handlerClassLoader,
        errorTypes, log, httpApiPort, authority);
  }
}
