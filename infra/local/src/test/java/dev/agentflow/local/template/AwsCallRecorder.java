package dev.agentflow.local.template;

import dev.agentflow.local.lambda.LocalEnvironment;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Records every AWS API call the functions of a running local cloud make, as the IAM action and resource
 * ARN AWS would authorise it against, so a test can check each against the function's policies.
 *
 * <p>An SDK-wide interceptor (registered for every client on the test classpath by
 * {@code software/amazon/awssdk/global/handlers/execution.interceptors}). The SDK builds one instance per
 * client; a client built inside a function invocation (handlers build theirs once, in the constructor,
 * which the local cloud runs inside the function's environment overlay) belongs to that function, whatever
 * thread later uses it. Clients built elsewhere (tests' own) are not recorded. Inert unless {@link #start()}.
 *
 * <p>Mapping (AWS Service Authorization Reference; DynamoDB developer guide "Using IAM with DynamoDB
 * transactions"): {@code dynamodb:<Operation>} on the table (or its index for a Query / Scan with
 * IndexName), a transaction as the underlying PutItem / UpdateItem / DeleteItem / ConditionCheckItem /
 * GetItem per item; {@code kms:<Operation>} on the key (the response's KeyId when the request names none);
 * {@code secretsmanager:<Operation>} on the secret; {@code states:<Operation>} on the state machine or
 * execution, plus {@code iam:PassRole} on a roleArn and {@code states:PublishStateMachineVersion} for
 * {@code publish=true}; {@code execute-api:ManageConnections} on
 * {@code <api>/<stage>/<METHOD>/@connections/<id>}; anything else as {@code <service>:<Operation>} on *.
 */
public final class AwsCallRecorder implements ExecutionInterceptor {

  /**
   * One authorisation AWS would make.
   *
   * @param function the calling function's name
   * @param action the IAM action, e.g. {@code dynamodb:PutItem}
   * @param resource the resource ARN
   */
  public record Call(String function, String action, String resource) {}

  /** Where ARNs point: the stack's region and account, and the WebSocket API's id and stage. */
  public record Stack(String region, String account, String webSocketApiId, String webSocketStage) {}

  private static final ConcurrentLinkedQueue<Call> CALLS = new ConcurrentLinkedQueue<>();
  private static volatile Stack stack;

  private final String function;

  /** Called by the SDK once per client built. */
  public AwsCallRecorder() {
    this.function = stack == null ? null : LocalEnvironment.get("AWS_LAMBDA_FUNCTION_NAME");
  }

  /** Starts recording (clients built from now on) with the stack's coordinates; forgets earlier calls. */
  public static void start(Stack where) {
    CALLS.clear();
    stack = where;
  }

  /** Stops recording new clients. */
  public static void stop() {
    stack = null;
  }

  /** @return the calls recorded so far */
  public static List<Call> calls() {
    return List.copyOf(CALLS);
  }

  @Override
  public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
    record(context.request(), context.response(), attributes);
  }

  @Override
  public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
    record(context.request(), null, attributes);
  }

  private void record(SdkRequest request, SdkPojo response, ExecutionAttributes attributes) {
    Stack where = stack;
    if (function == null || where == null) {
      return;
    }
    String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
    String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
    for (String[] authorisation : authorisations(service, operation, request, response, where)) {
      CALLS.add(new Call(function, authorisation[0], authorisation[1]));
    }
  }

  /** The (action, resource) pairs one call needs. */
  static List<String[]> authorisations(String service, String operation, SdkPojo request, SdkPojo response,
      Stack where) {
    List<String[]> out = new ArrayList<>();
    String arnPrefix = ":" + where.region() + ":" + where.account() + ":";
    switch (service) {
      case "DynamoDb" -> {
        String table = "arn:aws:dynamodb" + arnPrefix + "table/";
        if (operation.equals("TransactWriteItems") || operation.equals("TransactGetItems")) {
          for (Object item : list(field(request, "TransactItems"))) {
            for (String kind : List.of("Put", "Update", "Delete", "ConditionCheck", "Get")) {
              Object part = field((SdkPojo) item, kind);
              if (part != null) {
                String action = kind.equals("ConditionCheck") ? "ConditionCheckItem" : kind + "Item";
                out.add(new String[] {"dynamodb:" + action, table + field((SdkPojo) part, "TableName")});
              }
            }
          }
        } else if (field(request, "RequestItems") instanceof Map<?, ?> items) {
          items.keySet().forEach(name -> out.add(new String[] {"dynamodb:" + operation, table + name}));
        } else {
          Object index = field(request, "IndexName");
          out.add(new String[] {"dynamodb:" + operation,
              table + field(request, "TableName") + (index == null ? "" : "/index/" + index)});
        }
      }
      case "Kms" -> {
        Object key = field(request, "KeyId");
        if (key == null && response != null) {
          key = field(response, "KeyId");
        }
        String id = String.valueOf(key);
        out.add(new String[] {"kms:" + operation, id.startsWith("arn:") ? id : "arn:aws:kms" + arnPrefix + "key/" + id});
      }
      case "Secrets Manager", "SecretsManager" -> {
        String id = String.valueOf(field(request, "SecretId"));
        out.add(new String[] {"secretsmanager:" + operation,
            id.startsWith("arn:") ? id : "arn:aws:secretsmanager" + arnPrefix + "secret:" + id});
      }
      case "SFN", "Sfn" -> {
        Object arn = firstNonNull(field(request, "stateMachineArn"), field(request, "executionArn"),
            field(request, "resourceArn"));
        if (arn == null && field(request, "name") != null) {
          arn = "arn:aws:states" + arnPrefix + "stateMachine:" + field(request, "name");
        }
        String resource = arn == null ? "*" : arn.toString();
        out.add(new String[] {"states:" + operation, resource});
        if (Boolean.TRUE.equals(field(request, "publish"))) {
          out.add(new String[] {"states:PublishStateMachineVersion", resource});
        }
        if (field(request, "roleArn") != null) {
          out.add(new String[] {"iam:PassRole", field(request, "roleArn").toString()});
        }
      }
      case "ApiGatewayManagementApi" -> {
        String method = switch (operation) {
          case "GetConnection" -> "GET";
          case "DeleteConnection" -> "DELETE";
          default -> "POST";
        };
        out.add(new String[] {"execute-api:ManageConnections", "arn:aws:execute-api" + arnPrefix
            + where.webSocketApiId() + "/" + where.webSocketStage() + "/" + method + "/@connections/"
            + field(request, "ConnectionId")});
      }
      case "Lambda" -> {
        String name = String.valueOf(field(request, "FunctionName"));
        out.add(new String[] {"lambda:InvokeFunction",
            name.startsWith("arn:") ? name : "arn:aws:lambda" + arnPrefix + "function:" + name});
      }
      default -> out.add(new String[] {service.toLowerCase(Locale.ROOT).replace(" ", "") + ":" + operation, "*"});
    }
    return out;
  }

  /** The value of a member of an SDK request, response or nested structure, by its model name. */
  static Object field(SdkPojo pojo, String memberName) {
    if (pojo == null) {
      return null;
    }
    for (SdkField<?> field : pojo.sdkFields()) {
      if (field.memberName().equalsIgnoreCase(memberName)) {
        return field.getValueOrDefault(pojo);
      }
    }
    return null;
  }

  private static Collection<?> list(Object value) {
    return value instanceof Collection<?> c ? c : List.of();
  }

  private static Object firstNonNull(Object... values) {
    for (Object v : values) {
      if (v != null) {
        return v;
      }
    }
    return null;
  }

  /** @return the calls of one function */
  public static List<Call> callsOf(String function) {
    return CALLS.stream().filter(c -> c.function().equals(function)).toList();
  }

  /** @return whether a call was recorded */
  public static Optional<Call> find(String function, String action) {
    return CALLS.stream().filter(c -> c.function().equals(function) && c.action().equals(action)).findFirst();
  }
}
