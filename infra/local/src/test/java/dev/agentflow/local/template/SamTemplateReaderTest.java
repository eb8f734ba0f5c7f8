package dev.agentflow.local.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SamTemplateReaderTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void read_whenTestTemplate_shouldResolveFunctionsTablesAndRules() throws Exception {
    SamTemplate template = SamTemplateReader.read(
        Path.of(getClass().getResource("/local-cloud/template.yaml").toURI()), StackSettings.defaults());

    FunctionSpec echo = template.function("EchoFunction").orElseThrow();
    assertEquals("EchoFunction", echo.functionName());
    assertEquals("arn:aws:lambda:us-east-1:000000000000:function:EchoFunction", echo.arn());
    assertEquals("dev.agentflow.local.testhandlers.EchoHandler", echo.handler());
    assertEquals(10, echo.timeoutSeconds());
    assertEquals(512, echo.memorySizeMb());
    assertEquals(Map.of("STAGE", "test", "ITEMS_TABLE", "agentflow-test-items", "GREETING", "hello-from-echo",
        "TABLE_ARN", "arn:aws:dynamodb:us-east-1:000000000000:table/agentflow-test-items"), echo.environment());

    FunctionSpec flaky = template.function("FlakyFunction").orElseThrow();
    assertEquals("agentflow-local-flaky", flaky.functionName());
    assertEquals(256, flaky.memorySizeMb());
    assertEquals(1, template.function("SlowFunction").orElseThrow().timeoutSeconds());

    assertEquals(List.of("agentflow-test-items", "KeysTable"),
        template.tables().stream().map(TableSpec::tableName).toList(), "ProdOnlyTable's condition is false");
    TableSpec items = template.table("ItemsTable").orElseThrow();
    assertEquals("expiresAt", items.ttlAttribute());
    assertEquals("PAY_PER_REQUEST", items.createTableRequest().get("BillingMode").asText());
    assertEquals("by-owner", items.createTableRequest().at("/GlobalSecondaryIndexes/0/IndexName").asText());
    assertFalse(items.createTableRequest().at("/GlobalSecondaryIndexes/0").has("ProvisionedThroughput"));
    TableSpec keys = template.table("KeysTable").orElseThrow();
    assertEquals(JSON.readTree("[{\"AttributeName\":\"keyId\",\"KeyType\":\"HASH\"}]"),
        keys.createTableRequest().get("KeySchema"));

    EventRuleSpec rule = template.eventRules().get(0);
    assertEquals("ExecutionStatusRule", rule.name());
    assertTrue(rule.enabled());
    assertEquals("aws.states", rule.eventPattern().at("/source/0").asText());
    assertEquals(List.of("arn:aws:lambda:us-east-1:000000000000:function:StatusFunction",
        "arn:aws:sns:us-east-1:000000000000:AlertsTopic"), rule.targets().stream().map(EventTargetSpec::arn).toList());
  }

  @Test
  void parse_whenShortFormIntrinsics_shouldEvaluateThem() {
    String yaml = """
        Parameters:
          Env: { Type: String, Default: dev }
          Zones: { Type: CommaDelimitedList, Default: "a,b,c" }
        Mappings:
          Sizes:
            dev: { Memory: 256 }
            prod: { Memory: 2048 }
        Conditions:
          IsDev: !Equals [!Ref Env, dev]
          IsNotDev: !Not [!Condition IsDev]
          Both: !And [!Condition IsDev, !Or [!Condition IsNotDev, !Equals [1, 1]]]
        Resources:
          Fn:
            Type: AWS::Serverless::Function
            Properties:
              Handler: x.Y
              MemorySize: !FindInMap [Sizes, !Ref Env, Memory]
              Timeout: !If [IsDev, 30, 60]
              Environment:
                Variables:
                  SUB_LIST: !Sub ['${Name}-${AWS::Region}', { Name: !Ref Env }]
                  SUB_ATTR: !Sub '${Tbl.Arn}|${!Literal}|${AWS::AccountId}'
                  JOINED: !Join [':', [!Ref Env, !Select [1, !Ref Zones], !Select [0, !Split ['/', 'x/y']]]]
                  BASE64: !Base64 hi
                  BOTH: !If [Both, yes-both, no]
                  ZONE: !Select [2, !GetAZs '']
                  GONE: !If [IsNotDev, present, !Ref AWS::NoValue]
                  KEY_ARN: !GetAtt Key.Arn
                  QUEUE_URL: !Ref Queue
                  MACHINE: !Ref Machine
                  OTHER: !GetAtt Api.Endpoint
          Tbl:
            Type: AWS::DynamoDB::Table
            Properties:
              KeySchema: [{ AttributeName: id, KeyType: HASH }]
              AttributeDefinitions: [{ AttributeName: id, AttributeType: S }]
              ProvisionedThroughput: { ReadCapacityUnits: 2, WriteCapacityUnits: 3 }
              StreamSpecification: { StreamViewType: NEW_IMAGE }
              GlobalSecondaryIndexes:
                - IndexName: g
                  KeySchema: [{ AttributeName: id, KeyType: HASH }]
                  Projection: { ProjectionType: KEYS_ONLY }
          Key: { Type: AWS::KMS::Key }
          Queue: { Type: AWS::SQS::Queue, Properties: { QueueName: jobs } }
          Machine: { Type: AWS::Serverless::StateMachine }
          Api: { Type: AWS::Serverless::HttpApi }
        """;

    SamTemplate template = SamTemplateReader.parse(yaml, StackSettings.defaults());

    FunctionSpec fn = template.function("Fn").orElseThrow();
    assertEquals(256, fn.memorySizeMb());
    assertEquals(30, fn.timeoutSeconds());
    Map<String, String> env = fn.environment();
    assertEquals("dev-us-east-1", env.get("SUB_LIST"));
    assertEquals("arn:aws:dynamodb:us-east-1:000000000000:table/Tbl|${Literal}|000000000000", env.get("SUB_ATTR"));
    assertEquals("dev:b:x", env.get("JOINED"));
    assertEquals("aGk=", env.get("BASE64"));
    assertEquals("yes-both", env.get("BOTH"));
    assertEquals("us-east-1c", env.get("ZONE"));
    assertFalse(env.containsKey("GONE"), "AWS::NoValue removes the variable");
    assertTrue(env.get("KEY_ARN").startsWith("arn:aws:kms:us-east-1:000000000000:key/"));
    assertEquals("https://sqs.us-east-1.amazonaws.com/000000000000/jobs", env.get("QUEUE_URL"));
    assertEquals("arn:aws:states:us-east-1:000000000000:stateMachine:Machine", env.get("MACHINE"));
    assertEquals("Api.Endpoint", env.get("OTHER"));

    JsonNode table = template.table("Tbl").orElseThrow().createTableRequest();
    assertEquals("PROVISIONED", table.get("BillingMode").asText());
    assertEquals(3, table.at("/ProvisionedThroughput/WriteCapacityUnits").asInt());
    assertEquals(2, table.at("/GlobalSecondaryIndexes/0/ProvisionedThroughput/ReadCapacityUnits").asInt());
    assertTrue(table.at("/StreamSpecification/StreamEnabled").asBoolean());
  }

  @Test
  void parse_whenParameterOverridden_shouldUseOverride() {
    String yaml = """
        Parameters:
          Env: { Type: String, Default: dev }
        Resources:
          Fn:
            Type: AWS::Lambda::Function
            Properties:
              Handler: x.Y
              Environment: { Variables: { ENV: !Ref Env } }
        """;

    SamTemplate template = SamTemplateReader.parse(yaml,
        new StackSettings(null, null, null, Map.of("Env", "prod")));

    assertEquals("prod", template.function("Fn").orElseThrow().environment().get("ENV"));
    assertEquals(3, template.function("Fn").orElseThrow().timeoutSeconds(), "Lambda's default timeout");
  }

  @Test
  void parse_whenGlobalsAndFunctionEventBridgeRule_shouldMergeAndCreateRule() {
    String yaml = """
        Globals:
          Function:
            Timeout: 20
            Layers: [layer-a]
            Environment: { Variables: { A: global, B: global } }
        Resources:
          StatusFn:
            Type: AWS::Serverless::Function
            Properties:
              Handler: x.Status::handle
              Layers: [layer-b]
              Environment: { Variables: { B: mine } }
              Events:
                Ended:
                  Type: EventBridgeRule
                  Properties:
                    Pattern:
                      source: [aws.states]
                    InputPath: $.detail
                Api:
                  Type: HttpApi
        """;

    SamTemplate template = SamTemplateReader.parse(yaml, StackSettings.defaults());

    FunctionSpec fn = template.function("StatusFn").orElseThrow();
    assertEquals(20, fn.timeoutSeconds());
    assertEquals(Map.of("A", "global", "B", "mine"), fn.environment());
    assertEquals(1, template.eventRules().size());
    EventRuleSpec rule = template.eventRules().get(0);
    assertEquals("StatusFnEnded", rule.name());
    assertEquals(fn.arn(), rule.targets().get(0).arn());
    assertEquals("$.detail", rule.targets().get(0).inputPath());
    assertNull(rule.targets().get(0).input());
  }

  @Test
  void merge_whenListsAndMaps_shouldFollowSamGlobalsRules() throws Exception {
    JsonNode globals = JSON.readTree("{\"a\": 1, \"l\": [1], \"m\": {\"x\": 1, \"y\": 1}}");
    JsonNode resource = JSON.readTree("{\"a\": 2, \"l\": [2], \"m\": {\"y\": 2}}");

    JsonNode merged = SamTemplateReader.merge(globals, resource);

    assertEquals(JSON.readTree("{\"a\": 2, \"l\": [1, 2], \"m\": {\"x\": 1, \"y\": 2}}"), merged);
  }

  @Test
  void parse_whenParameterWithoutDefault_shouldFailNamingIt() {
    String yaml = """
        Parameters:
          Secret: { Type: String }
        Resources:
          Fn:
            Type: AWS::Serverless::Function
            Properties: { Handler: x.Y, Environment: { Variables: { S: !Ref Secret } } }
        """;

    TemplateException error = assertThrows(TemplateException.class,
        () -> SamTemplateReader.parse(yaml, StackSettings.defaults()));

    assertTrue(error.getMessage().contains("Fn") && error.getMessage().contains("Secret"), error.getMessage());
  }

  @Test
  void parse_whenInvalidYaml_shouldThrowTemplateException() {
    assertThrows(TemplateException.class, () -> SamTemplateReader.parse("a: [unclosed", StackSettings.defaults()));
  }
}
