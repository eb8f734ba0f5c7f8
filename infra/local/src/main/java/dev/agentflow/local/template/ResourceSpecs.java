package dev.agentflow.local.template;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A compact resource specification of the CloudFormation / SAM resource types AgentFlow's templates use:
 * for each type its required properties, every property it accepts (so a misspelled name is caught) and the
 * attributes {@code Fn::GetAtt} may read. {@link TemplateValidator} checks templates against it without a
 * network, as {@code sam validate} / cfn-lint would with the full specification.
 *
 * <p>Sources: AWS CloudFormation Template Reference, each type's "Properties" (Required: Yes) and "Return
 * values" sections; AWS SAM Developer Guide, "AWS::Serverless::Function" and "AWS::Serverless::HttpApi".
 * "Conditional" requirements are written as the condition our templates meet (an {@code AWS::ApiGatewayV2::Api}
 * without {@code Body} needs {@code Name} and {@code ProtocolType}; a table needs {@code AttributeDefinitions}
 * for its keys). A type missing here is reported as unknown: add it with its facts from the reference.
 */
public final class ResourceSpecs {

  /**
   * What one resource type requires and accepts.
   *
   * @param required properties that must be present
   * @param allowed every property the type accepts (including the required ones)
   * @param attributes attribute names {@code Fn::GetAtt} may read
   */
  public record Spec(Set<String> required, Set<String> allowed, Set<String> attributes) {}

  private static final Map<String, Spec> SPECS = Map.ofEntries(
      Map.entry("AWS::Serverless::Function", new Spec(
          Set.of("Handler", "Runtime", "CodeUri"),
          Set.of("Architectures", "AssumeRolePolicyDocument", "AutoPublishAlias", "AutoPublishAliasAllProperties",
              "AutoPublishCodeSha256", "CodeSigningConfigArn", "CodeUri", "DeadLetterQueue", "DeploymentPreference",
              "Description", "Environment", "EphemeralStorage", "EventInvokeConfig", "Events", "FileSystemConfigs",
              "FunctionName", "FunctionUrlConfig", "Handler", "ImageConfig", "ImageUri", "InlineCode", "KmsKeyArn",
              "Layers", "LoggingConfig", "MemorySize", "PackageType", "PermissionsBoundary", "Policies",
              "PropagateTags", "ProvisionedConcurrencyConfig", "RecursiveLoop", "ReservedConcurrentExecutions",
              "Role", "RolePath", "Runtime", "RuntimeManagementConfig", "SnapStart", "SourceKMSKeyArn", "Tags",
              "Timeout", "Tracing", "VersionDescription", "VpcConfig"),
          Set.of("Arn"))),
      Map.entry("AWS::Serverless::HttpApi", new Spec(
          Set.of(),
          Set.of("AccessLogSettings", "Auth", "CorsConfiguration", "DefaultRouteSettings", "DefinitionBody",
              "DefinitionUri", "Description", "DisableExecuteApiEndpoint", "Domain", "FailOnWarnings", "Name",
              "PropagateTags", "RouteSettings", "StageName", "StageVariables", "Tags"),
          Set.of("ApiEndpoint", "ApiId"))),
      Map.entry("AWS::Lambda::Permission", new Spec(
          Set.of("Action", "FunctionName", "Principal"),
          Set.of("Action", "EventSourceToken", "FunctionName", "FunctionUrlAuthType", "Principal", "PrincipalOrgID",
              "SourceAccount", "SourceArn"),
          Set.of())),
      Map.entry("AWS::DynamoDB::Table", new Spec(
          Set.of("KeySchema", "AttributeDefinitions"),
          Set.of("AttributeDefinitions", "BillingMode", "ContributorInsightsSpecification",
              "DeletionProtectionEnabled", "GlobalSecondaryIndexes", "ImportSourceSpecification", "KeySchema",
              "KinesisStreamSpecification", "LocalSecondaryIndexes", "OnDemandThroughput",
              "PointInTimeRecoverySpecification", "ProvisionedThroughput", "ResourcePolicy", "SSESpecification",
              "StreamSpecification", "TableClass", "TableName", "Tags", "TimeToLiveSpecification",
              "WarmThroughput"),
          Set.of("Arn", "StreamArn", "TableId"))),
      Map.entry("AWS::KMS::Key", new Spec(
          Set.of(),
          Set.of("BypassPolicyLockoutSafetyCheck", "Description", "EnableKeyRotation", "Enabled", "KeyPolicy",
              "KeySpec", "KeyUsage", "MultiRegion", "Origin", "PendingWindowInDays", "RotationPeriodInDays", "Tags"),
          Set.of("Arn", "KeyId"))),
      Map.entry("AWS::KMS::Alias", new Spec(
          Set.of("AliasName", "TargetKeyId"), Set.of("AliasName", "TargetKeyId"), Set.of())),
      Map.entry("AWS::SecretsManager::Secret", new Spec(
          Set.of(),
          Set.of("Description", "GenerateSecretString", "KmsKeyId", "Name", "ReplicaRegions", "SecretString", "Tags"),
          Set.of("Id"))),
      Map.entry("AWS::IAM::Role", new Spec(
          Set.of("AssumeRolePolicyDocument"),
          Set.of("AssumeRolePolicyDocument", "Description", "ManagedPolicyArns", "MaxSessionDuration", "Path",
              "PermissionsBoundary", "Policies", "RoleName", "Tags"),
          Set.of("Arn", "RoleId"))),
      Map.entry("AWS::IAM::ManagedPolicy", new Spec(
          Set.of("PolicyDocument"),
          Set.of("Description", "Groups", "ManagedPolicyName", "Path", "PolicyDocument", "Roles", "Users"),
          Set.of("AttachmentCount", "CreateDate", "DefaultVersionId", "IsAttachable", "PermissionsBoundaryUsageCount",
              "PolicyArn", "PolicyId", "UpdateDate"))),
      Map.entry("AWS::ApiGatewayV2::Api", new Spec(
          Set.of("Name", "ProtocolType"),
          Set.of("ApiKeySelectionExpression", "BasePath", "Body", "BodyS3Location", "CorsConfiguration",
              "CredentialsArn", "Description", "DisableExecuteApiEndpoint", "DisableSchemaValidation",
              "FailOnWarnings", "IpAddressType", "Name", "ProtocolType", "RouteKey", "RouteSelectionExpression",
              "Tags", "Target", "Version"),
          Set.of("ApiEndpoint", "ApiId"))),
      Map.entry("AWS::ApiGatewayV2::Authorizer", new Spec(
          Set.of("ApiId", "AuthorizerType", "Name"),
          Set.of("ApiId", "AuthorizerCredentialsArn", "AuthorizerPayloadFormatVersion", "AuthorizerResultTtlInSeconds",
              "AuthorizerType", "AuthorizerUri", "EnableSimpleResponses", "IdentitySource",
              "IdentityValidationExpression", "JwtConfiguration", "Name"),
          Set.of("AuthorizerId"))),
      Map.entry("AWS::ApiGatewayV2::Integration", new Spec(
          Set.of("ApiId", "IntegrationType"),
          Set.of("ApiId", "ConnectionId", "ConnectionType", "ContentHandlingStrategy", "CredentialsArn", "Description",
              "IntegrationMethod", "IntegrationSubtype", "IntegrationType", "IntegrationUri", "PassthroughBehavior",
              "PayloadFormatVersion", "RequestParameters", "RequestTemplates", "ResponseParameters",
              "TemplateSelectionExpression", "TimeoutInMillis", "TlsConfig"),
          Set.of("IntegrationId"))),
      Map.entry("AWS::ApiGatewayV2::Route", new Spec(
          Set.of("ApiId", "RouteKey"),
          Set.of("ApiId", "ApiKeyRequired", "AuthorizationScopes", "AuthorizationType", "AuthorizerId",
              "ModelSelectionExpression", "OperationName", "RequestModels", "RequestParameters", "RouteKey",
              "RouteResponseSelectionExpression", "Target"),
          Set.of("RouteId"))),
      Map.entry("AWS::ApiGatewayV2::Deployment", new Spec(
          Set.of("ApiId"), Set.of("ApiId", "Description", "StageName"), Set.of("DeploymentId"))),
      Map.entry("AWS::ApiGatewayV2::Stage", new Spec(
          Set.of("ApiId", "StageName"),
          Set.of("AccessLogSettings", "AccessPolicyId", "ApiId", "AutoDeploy", "ClientCertificateId",
              "DefaultRouteSettings", "DeploymentId", "Description", "RouteSettings", "StageName", "StageVariables",
              "Tags"),
          Set.of())),
      Map.entry("AWS::Logs::LogGroup", new Spec(
          Set.of(),
          Set.of("DataProtectionPolicy", "FieldIndexPolicies", "KmsKeyId", "LogGroupClass", "LogGroupName",
              "ResourcePolicyDocument", "RetentionInDays", "Tags"),
          Set.of("Arn"))),
      Map.entry("AWS::Events::Rule", new Spec(
          Set.of(),
          Set.of("Description", "EventBusName", "EventPattern", "Name", "RoleArn", "ScheduleExpression", "State",
              "Targets"),
          Set.of("Arn"))),
      Map.entry("AWS::Scheduler::ScheduleGroup", new Spec(
          Set.of(), Set.of("Name", "Tags"), Set.of("Arn", "CreationDate", "LastModificationDate", "State"))),
      Map.entry("AWS::Scheduler::Schedule", new Spec(
          Set.of("FlexibleTimeWindow", "ScheduleExpression", "Target"),
          Set.of("Description", "EndDate", "FlexibleTimeWindow", "GroupName", "KmsKeyArn", "Name",
              "ScheduleExpression", "ScheduleExpressionTimezone", "StartDate", "State", "Target"),
          Set.of("Arn"))),
      Map.entry("AWS::SQS::Queue", new Spec(
          Set.of(),
          Set.of("ContentBasedDeduplication", "DeduplicationScope", "DelaySeconds", "FifoQueue", "FifoThroughputLimit",
              "KmsDataKeyReusePeriodSeconds", "KmsMasterKeyId", "MaximumMessageSize", "MessageRetentionPeriod",
              "QueueName", "ReceiveMessageWaitTimeSeconds", "RedriveAllowPolicy", "RedrivePolicy",
              "SqsManagedSseEnabled", "Tags", "VisibilityTimeout"),
          Set.of("Arn", "QueueName", "QueueUrl"))));

  /** SAM event source types a function may declare ({@code Events.*.Type}). */
  static final Set<String> FUNCTION_EVENT_TYPES = Set.of("HttpApi", "Api", "EventBridgeRule", "CloudWatchEvent",
      "Schedule", "ScheduleV2", "SQS", "SNS", "DynamoDB", "S3", "Kinesis");

  /** Properties a SAM {@code HttpApi} event accepts. */
  static final Set<String> HTTP_API_EVENT_PROPERTIES = Set.of("ApiId", "Auth", "Method", "Path",
      "PayloadFormatVersion", "RouteSettings", "TimeoutInMillis");

  private ResourceSpecs() {}

  /** @return the specification of a resource type, if it is one of ours */
  public static Optional<Spec> of(String type) {
    return Optional.ofNullable(SPECS.get(type));
  }

  /** @return every type the table knows */
  public static Set<String> types() {
    return SPECS.keySet();
  }
}
