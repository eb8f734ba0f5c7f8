package dev.agentflow.local.dynamodb.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A stored item (never mutated once stored) and its size in bytes by DynamoDB's rules.
 *
 * @param item the item, in DynamoDB's JSON wire format
 * @param size its size in bytes
 */
record Entry(ObjectNode item, long size) {}
