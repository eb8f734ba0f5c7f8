package dev.agentflow.local.template;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A DynamoDB table of the template ({@code AWS::DynamoDB::Table} or {@code AWS::Serverless::SimpleTable}).
 *
 * @param logicalId the resource's logical id
 * @param tableName the table name ({@code TableName}, else the logical id)
 * @param createTableRequest the body of a DynamoDB {@code CreateTable} request (DynamoDB API reference,
 *     "CreateTable"): TableName, KeySchema, AttributeDefinitions, BillingMode / ProvisionedThroughput,
 *     GlobalSecondaryIndexes, LocalSecondaryIndexes, StreamSpecification
 * @param ttlAttribute the {@code TimeToLiveSpecification.AttributeName} when TTL is enabled, else {@code null}
 */
public record TableSpec(String logicalId, String tableName, ObjectNode createTableRequest, String ttlAttribute) {}
