package dev.agentflow.local.dynamodb;

import com.amazonaws.services.dynamodbv2.exceptions.AWSExceptionFactory;
import com.amazonaws.services.dynamodbv2.exceptions.AmazonServiceExceptionType;
import com.amazonaws.services.dynamodbv2.exceptions.DynamoDBLocalServiceException;
import com.amazonaws.services.dynamodbv2.local.dispatchers.BatchExecuteStatementDispatcher;
import com.amazonaws.services.dynamodbv2.local.dispatchers.BatchGetItemDispatcher;
import com.amazonaws.services.dynamodbv2.local.dispatchers.BatchWriteItemDispatcher;
import com.amazonaws.services.dynamodbv2.local.dispatchers.CreateTableDispatcher;
import com.amazonaws.services.dynamodbv2.local.dispatchers.DeleteItemDispatcher;
import com.amazonaws.services.dynamodbv2.local.dispatchers.DeleteTableDispatcher;
import com.amazonaws.services.dynamodbv2.local.dispatchers.DescribeLimitsDispatcher;
import com.amazonaws.services.dynamodbv2.local.dispatchers.DescribeStreamDispatcher;
import com.amazonaws.services.dynamodbv2.local.dispatchers.DescribeTableDispatcher;
import com.amazonaws.services.dynamodbv2.local.dispatchers.DescribeTimeToLiveDispatcher;
import com.amazonaws.services.dynamodbv2.local.dispatchers.Dispatcher;
import com.amazonaws.services.dynamodbv2.local.dispatchers.ExecuteStatementDispatcher;
import com.amazonaws.services.dynamodbv2.local.dispatchers.ExecuteTransactionDispatcher;
import com.amazonaws.services.dynamodbv2.local.dispatchers.GetItemDispatcher;
import com.amazonaws.services.dynamodbv2.local.dispatchers.GetRecordsDispatcher;
import com.amazonaws.services.dynamodbv2.local.dispatchers.GetShardIteratorDispatcher;
import com.amazonaws.services.dynamodbv2.local.dispatchers.ListStreamsDispatcher;
import com.amazonaws.services.dynamodbv2.local.dispatchers.ListTablesDispatcher;
import com.amazonaws.services.dynamodbv2.local.dispatchers.ListTagsOfResourceDispatcher;
import com.amazonaws.services.dynamodbv2.local.dispatchers.PutItemDispatcher;
import com.amazonaws.services.dynamodbv2.local.dispatchers.QueryDispatcher;
import com.amazonaws.services.dynamodbv2.local.dispatchers.ScanDispatcher;
import com.amazonaws.services.dynamodbv2.local.dispatchers.TagResourceDispatcher;
import com.amazonaws.services.dynamodbv2.local.dispatchers.TransactGetItemsDispatcher;
import com.amazonaws.services.dynamodbv2.local.dispatchers.TransactWriteItemsDispatcher;
import com.amazonaws.services.dynamodbv2.local.dispatchers.UntagResourceDispatcher;
import com.amazonaws.services.dynamodbv2.local.dispatchers.UpdateItemDispatcher;
import com.amazonaws.services.dynamodbv2.local.dispatchers.UpdateTableDispatcher;
import com.amazonaws.services.dynamodbv2.local.dispatchers.UpdateTimeToLiveDispatcher;
import com.amazonaws.services.dynamodbv2.local.exceptions.ExceptionBean;
import com.amazonaws.services.dynamodbv2.local.shared.mapper.DynamoDBObjectMapper;
import com.amazonaws.services.dynamodbv2.model.BatchExecuteStatementRequest;
import com.amazonaws.services.dynamodbv2.model.BatchGetItemRequest;
import com.amazonaws.services.dynamodbv2.model.BatchWriteItemRequest;
import com.amazonaws.services.dynamodbv2.model.CreateTableRequest;
import com.amazonaws.services.dynamodbv2.model.DeleteItemRequest;
import com.amazonaws.services.dynamodbv2.model.DeleteTableRequest;
import com.amazonaws.services.dynamodbv2.model.DescribeLimitsRequest;
import com.amazonaws.services.dynamodbv2.model.DescribeStreamRequest;
import com.amazonaws.services.dynamodbv2.model.DescribeTableRequest;
import com.amazonaws.services.dynamodbv2.model.DescribeTimeToLiveRequest;
import com.amazonaws.services.dynamodbv2.model.ExecuteStatementRequest;
import com.amazonaws.services.dynamodbv2.model.ExecuteTransactionRequest;
import com.amazonaws.services.dynamodbv2.model.GetItemRequest;
import com.amazonaws.services.dynamodbv2.model.GetRecordsRequest;
import com.amazonaws.services.dynamodbv2.model.GetShardIteratorRequest;
import com.amazonaws.services.dynamodbv2.model.ListStreamsRequest;
import com.amazonaws.services.dynamodbv2.model.ListTablesRequest;
import com.amazonaws.services.dynamodbv2.model.ListTagsOfResourceRequest;
import com.amazonaws.services.dynamodbv2.model.PutItemRequest;
import com.amazonaws.services.dynamodbv2.model.QueryRequest;
import com.amazonaws.services.dynamodbv2.model.ScanRequest;
import com.amazonaws.services.dynamodbv2.model.TagResourceRequest;
import com.amazonaws.services.dynamodbv2.model.TransactGetItemsRequest;
import com.amazonaws.services.dynamodbv2.model.TransactWriteItemsRequest;
import com.amazonaws.services.dynamodbv2.model.UntagResourceRequest;
import com.amazonaws.services.dynamodbv2.model.UpdateItemRequest;
import com.amazonaws.services.dynamodbv2.model.UpdateTableRequest;
import com.amazonaws.services.dynamodbv2.model.UpdateTimeToLiveRequest;
import dev.agentflow.local.edge.AwsJson;
import dev.agentflow.local.edge.EdgeHandler;
import dev.agentflow.local.edge.EdgeRequest;
import dev.agentflow.local.edge.EdgeResponse;
import java.lang.System.Logger.Level;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

/**
 * DynamoDB and DynamoDB Streams on the edge ({@code X-Amz-Target: DynamoDB_20120810.*},
 * {@code DynamoDBStreams_20120810.*}; AWS JSON 1.0), answered in-process by DynamoDB Local's engine
 * ({@link DynamoDbLocalEngine}) with no second HTTP hop. The request is handled exactly as DynamoDB Local's own
 * HTTP front end ({@code LocalDynamoDBServerHandler} of com.amazonaws:DynamoDBLocal 2.6.1) handles it: the
 * access key and region come from the SigV4 {@code Authorization} header (accepted, never checked; an unsigned
 * request such as curl's gets a placeholder, as the former proxy gave it); {@code X-Amz-Target} names the
 * version and operation (unknown → {@code UnknownOperationException}); DynamoDB Local's
 * {@link DynamoDBObjectMapper} reads the body into its request class and the operation's {@link Dispatcher}
 * runs it and writes the answer. Success is 200 with {@code x-amz-crc32} (the CRC32 of the body, which the
 * SDKs verify); an error is DynamoDB Local's status with its body — {@code __type}
 * ({@code com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException}, …), {@code message}, and for a
 * cancelled transaction {@code CancellationReasons}, for a failed condition with
 * {@code ReturnValuesOnConditionCheckFailure} the {@code Item}. Every response has
 * {@code Content-Type: application/x-amz-json-1.0} and an {@code x-amzn-RequestId}.
 */
public final class DynamoDbLocalApi implements EdgeHandler {

  /** X-Amz-Target prefix of DynamoDB. */
  public static final String TARGET_PREFIX = DynamoDbApi.TARGET_PREFIX;
  /** X-Amz-Target prefix of DynamoDB Streams. */
  public static final String STREAMS_TARGET_PREFIX = DynamoDbApi.STREAMS_TARGET_PREFIX;

  private static final System.Logger LOG = System.getLogger(DynamoDbLocalApi.class.getName());
  /** DynamoDB Local's request size limit (16 MiB): larger bodies are {@code RequestTooLarge} (413). */
  private static final int MAX_REQUEST_BYTES = 16 * 1024 * 1024;
  private static final Pattern ACCESS_KEY = Pattern.compile("[A-Za-z0-9]+");
  private static final Pattern REGION = Pattern.compile("^[A-Za-z0-9]+(-[A-Za-z0-9]+)*$");
  private static final Pattern AUTHORIZATION_PARTS = Pattern.compile("=|/");
  private static final String UNSIGNED_PLACEHOLDER = "AWS4-HMAC-SHA256 Credential=local/20240101/us-east-1/"
      + "dynamodb/aws4_request, SignedHeaders=host, Signature=0";

  /** The operations each target version accepts (DynamoDB Local's {@code ACTION_VERSION_COMPATIBILITY}). */
  static final Map<String, Set<String>> OPERATIONS_BY_VERSION = Map.of(
      "DynamoDB_20120810", Set.of("UpdateTable", "UpdateItem", "Scan", "Query", "PutItem", "ListTables", "GetItem",
          "DescribeTable", "DescribeLimits", "DeleteTable", "DeleteItem", "CreateTable", "BatchWriteItem",
          "TransactWriteItems", "BatchGetItem", "TransactGetItems", "TagResource", "UntagResource",
          "ListTagsOfResource", "DescribeTimeToLive", "UpdateTimeToLive", "ExecuteStatement", "ExecuteTransaction",
          "BatchExecuteStatement"),
      "DynamoDBStreams_20120810", Set.of("ListStreams", "GetShardIterator", "GetRecords", "DescribeStream"));

  private final DynamoDbLocalEngine engine;
  private final DynamoDBObjectMapper json = new DynamoDBObjectMapper();
  private final Map<String, Operation> operations;

  /** @param engine DynamoDB Local's engine */
  public DynamoDbLocalApi(DynamoDbLocalEngine engine) {
    this.engine = engine;
    this.operations = operations(json);
  }

  /** One operation: the request class the body is read into, and the dispatcher that runs it. */
  private record Operation(Class<?> requestClass, Dispatcher<Object> dispatcher) {}

  @SuppressWarnings("unchecked")
  private static <T> Operation operation(Class<T> requestClass, Dispatcher<T> dispatcher) {
    return new Operation(requestClass, (Dispatcher<Object>) (Dispatcher<?>) dispatcher);
  }

  /** DynamoDB Local's dispatcher table ({@code LocalDynamoDBServerHandler.init}). */
  private static Map<String, Operation> operations(DynamoDBObjectMapper json) {
    Map<String, Operation> ops = new LinkedHashMap<>();
    ops.put("BatchGetItem", operation(BatchGetItemRequest.class, new BatchGetItemDispatcher(json)));
    ops.put("TransactGetItems", operation(TransactGetItemsRequest.class, new TransactGetItemsDispatcher(json)));
    ops.put("BatchWriteItem", operation(BatchWriteItemRequest.class, new BatchWriteItemDispatcher(json)));
    ops.put("TransactWriteItems", operation(TransactWriteItemsRequest.class, new TransactWriteItemsDispatcher(json)));
    ops.put("CreateTable", operation(CreateTableRequest.class, new CreateTableDispatcher(json)));
    ops.put("DeleteItem", operation(DeleteItemRequest.class, new DeleteItemDispatcher(json)));
    ops.put("DeleteTable", operation(DeleteTableRequest.class, new DeleteTableDispatcher(json)));
    ops.put("DescribeStream", operation(DescribeStreamRequest.class, new DescribeStreamDispatcher(json)));
    ops.put("DescribeTable", operation(DescribeTableRequest.class, new DescribeTableDispatcher(json)));
    ops.put("DescribeLimits", operation(DescribeLimitsRequest.class, new DescribeLimitsDispatcher(json)));
    ops.put("DescribeTimeToLive", operation(DescribeTimeToLiveRequest.class, new DescribeTimeToLiveDispatcher(json)));
    ops.put("GetItem", operation(GetItemRequest.class, new GetItemDispatcher(json)));
    ops.put("GetRecords", operation(GetRecordsRequest.class, new GetRecordsDispatcher(json)));
    ops.put("GetShardIterator", operation(GetShardIteratorRequest.class, new GetShardIteratorDispatcher(json)));
    ops.put("ListStreams", operation(ListStreamsRequest.class, new ListStreamsDispatcher(json)));
    ops.put("ListTables", operation(ListTablesRequest.class, new ListTablesDispatcher(json)));
    ops.put("ListTagsOfResource", operation(ListTagsOfResourceRequest.class, new ListTagsOfResourceDispatcher(json)));
    ops.put("PutItem", operation(PutItemRequest.class, new PutItemDispatcher(json)));
    ops.put("Query", operation(QueryRequest.class, new QueryDispatcher(json)));
    ops.put("Scan", operation(ScanRequest.class, new ScanDispatcher(json)));
    ops.put("TagResource", operation(TagResourceRequest.class, new TagResourceDispatcher(json)));
    ops.put("UntagResource", operation(UntagResourceRequest.class, new UntagResourceDispatcher(json)));
    ops.put("UpdateItem", operation(UpdateItemRequest.class, new UpdateItemDispatcher(json)));
    ops.put("UpdateTable", operation(UpdateTableRequest.class, new UpdateTableDispatcher(json)));
    ops.put("UpdateTimeToLive", operation(UpdateTimeToLiveRequest.class, new UpdateTimeToLiveDispatcher(json)));
    ops.put("ExecuteStatement", operation(ExecuteStatementRequest.class, new ExecuteStatementDispatcher(json)));
    ops.put("ExecuteTransaction", operation(ExecuteTransactionRequest.class, new ExecuteTransactionDispatcher(json)));
    ops.put("BatchExecuteStatement", operation(BatchExecuteStatementRequest.class,
        new BatchExecuteStatementDispatcher(json)));
    return Map.copyOf(ops);
  }

  /** @return the operations this handler serves (every DynamoDB and DynamoDB Streams operation DynamoDB Local has) */
  Set<String> operationNames() {
    return operations.keySet();
  }

  @Override
  public EdgeResponse handle(EdgeRequest request) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("x-amzn-RequestId", UUID.randomUUID().toString());
    int status;
    byte[] body;
    try {
      if (request.body().length > MAX_REQUEST_BYTES) {
        throw AWSExceptionFactory.buildAWSException(AmazonServiceExceptionType.REQUEST_TOO_LARGE);
      }
      headers.put("Content-Type", AwsJson.JSON_1_0);
      body = answer(request);
      status = 200;
      CRC32 crc = new CRC32();
      crc.update(body, 0, body.length);
      headers.put("x-amz-crc32", Long.toString(crc.getValue()));
    } catch (DynamoDBLocalServiceException e) {
      status = e.getStatusCode();
      body = write(new ExceptionBean(e.getErrorCode(), e.getMessage(), e.getCancellationReasons(), e.getItem()));
    } catch (RuntimeException e) {
      LOG.log(Level.ERROR, "DynamoDB Local failed on " + request.target(), e);
      status = AmazonServiceExceptionType.INTERNAL_FAILURE.getResponseStatus();
      body = write(new ExceptionBean(AmazonServiceExceptionType.INTERNAL_FAILURE));
    }
    return new EdgeResponse(status, headers, body);
  }

  /** {@code LocalDynamoDBServerHandler.packageDynamoDBResponse}: the success body, or the error thrown. */
  private byte[] answer(EdgeRequest request) {
    String authorization = request.header("Authorization");
    if (authorization == null) {
      authorization = UNSIGNED_PLACEHOLDER; // credentials are accepted, not checked; DynamoDB Local insists on some
    }
    String[] parts = AUTHORIZATION_PARTS.split(authorization);
    String accessKey = parts[1];
    if (!ACCESS_KEY.matcher(accessKey).matches()) {
      throw AWSExceptionFactory.buildAWSException(AmazonServiceExceptionType.UNRECOGNIZED_CLIENT_EXCEPTION);
    }
    String region = REGION.matcher(parts[3]).matches() ? parts[3] : "";
    String[] target = request.target().split("\\.");
    String version = target[0];
    if (version.equals("DynamoDB_20110924") || version.equals("DynamoDB_20111205")) {
      throw AWSExceptionFactory.buildAWSException(AmazonServiceExceptionType.INVALID_VERSION);
    }
    String action = target[1];
    Set<String> accepted = OPERATIONS_BY_VERSION.get(version);
    if (accepted == null) {
      throw AWSExceptionFactory.buildAWSException(AmazonServiceExceptionType.INVALID_ACTION);
    }
    if (!accepted.contains(action)) {
      throw AWSExceptionFactory.buildAWSException(AmazonServiceExceptionType.UNKNOWN_OPERATION_EXCEPTION);
    }
    Operation operation = operations.get(action);
    if (operation == null) {
      throw AWSExceptionFactory.buildAWSException(AmazonServiceExceptionType.INVALID_ACTION);
    }
    try {
      return operation.dispatcher().enact(accessKey, region, json.readValue(request.body(), operation.requestClass()),
          engine.handler());
    } catch (DynamoDBLocalServiceException e) {
      throw e;
    } catch (Exception e) { // e.g. a body that is not JSON: DynamoDB Local answers InternalFailure (500) too
      LOG.log(Level.WARNING, "DynamoDB Local could not run " + action + ": " + e);
      throw AWSExceptionFactory.buildAWSException(AmazonServiceExceptionType.INTERNAL_FAILURE);
    }
  }

  private byte[] write(ExceptionBean error) {
    try {
      return json.writeValueAsBytes(error);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot write a DynamoDB error body", e);
    }
  }
}
