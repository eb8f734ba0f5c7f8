#!/usr/bin/env python3
"""Writes corpus.jsonl: the request corpus DynamoDbDifferentialTest sends to DynamoDB Local and to our engine.

One JSON object a line: {"op": <operation>, "body": <request>, optional "unordered": true (Items compared as a
set: DynamoDB leaves their order undefined), optional "known": "<why>" (a known difference: only status and error
type compared; with "oursStatus": only our status)}. Shapes follow functions/shared/src/main/java/dev/agentflow/shared/**/DynamoDb*.java.
Run: python3 make_corpus.py > corpus.jsonl
"""
import json

steps = []


def step(op, body, **kw):
    steps.append(dict(op=op, body=body, **kw))


def s(v): return {"S": v}
def n(v): return {"N": str(v)}
def b(v): return {"B": v}


def table(name, attrs, key, gsis=(), lsis=(), billing="PAY_PER_REQUEST"):
    body = {"TableName": name,
            "AttributeDefinitions": [{"AttributeName": a, "AttributeType": t} for a, t in attrs],
            "KeySchema": [{"AttributeName": key[0], "KeyType": "HASH"}]
            + ([{"AttributeName": key[1], "KeyType": "RANGE"}] if len(key) > 1 else []),
            "BillingMode": billing}
    if billing == "PROVISIONED":
        body["ProvisionedThroughput"] = {"ReadCapacityUnits": 5, "WriteCapacityUnits": 5}
    def idx(i, glob):
        d = {"IndexName": i[0], "KeySchema": [{"AttributeName": i[1], "KeyType": "HASH"}]
             + ([{"AttributeName": i[2], "KeyType": "RANGE"}] if i[2] else []),
             "Projection": {"ProjectionType": i[3]}}
        if i[3] == "INCLUDE":
            d["Projection"]["NonKeyAttributes"] = i[4]
        if glob and billing == "PROVISIONED":
            d["ProvisionedThroughput"] = {"ReadCapacityUnits": 5, "WriteCapacityUnits": 5}
        return d
    if gsis:
        body["GlobalSecondaryIndexes"] = [idx(i, True) for i in gsis]
    if lsis:
        body["LocalSecondaryIndexes"] = [idx(i, False) for i in lsis]
    step("CreateTable", body)


# ------------------------------------------------------------------ tables
table("items", [("pk", "S")], ["pk"])
table("events", [("pk", "S"), ("sk", "S")], ["pk", "sk"])
table("workflows", [("pk", "S"), ("sk", "S"), ("gsi1pk", "S"), ("gsi1sk", "S"), ("gsi2pk", "S"), ("gsi2sk", "S")],
      ["pk", "sk"], gsis=[("byUser", "gsi1pk", "gsi1sk", "ALL"), ("byUserStatus", "gsi2pk", "gsi2sk", "ALL")])
table("records", [("executionId", "S"), ("userId", "S"), ("startedKey", "S"), ("userStatus", "S")], ["executionId"],
      gsis=[("byUser", "userId", "startedKey", "ALL"), ("byUserStatus", "userStatus", "startedKey", "ALL")])
table("numbers", [("id", "N"), ("n", "N"), ("other", "N"), ("cat", "S")], ["id", "n"],
      gsis=[("byCat", "cat", None, "INCLUDE", ["title"])], lsis=[("byOther", "id", "other", "KEYS_ONLY")],
      billing="PROVISIONED")
table("bins", [("b", "B"), ("r", "B")], ["b", "r"])
step("DescribeTable", {"TableName": "numbers"})
step("DescribeTable", {"TableName": "workflows"})
step("ListTables", {})
step("ListTables", {"Limit": 2})
step("ListTables", {"Limit": 2, "ExclusiveStartTableName": "events"})
step("CreateTable", {"TableName": "items", "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}],
                     "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}], "BillingMode": "PAY_PER_REQUEST"})
step("DescribeTable", {"TableName": "nope"})
step("DeleteTable", {"TableName": "nope"})
step("CreateTable", {"TableName": "bad", "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"},
                                                                   {"AttributeName": "x", "AttributeType": "S"}],
                     "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}], "BillingMode": "PAY_PER_REQUEST"})
step("CreateTable", {"TableName": "bad", "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}],
                     "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}]})
step("CreateTable", {"TableName": "bad", "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}],
                     "KeySchema": [{"AttributeName": "zz", "KeyType": "HASH"}], "BillingMode": "PAY_PER_REQUEST"})
step("CreateTable", {"TableName": "temp", "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}],
                     "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}], "BillingMode": "PAY_PER_REQUEST"})
step("PutItem", {"TableName": "temp", "Item": {"pk": s("x")}})
step("DeleteTable", {"TableName": "temp"})
step("GetItem", {"TableName": "temp", "Key": {"pk": s("x")}})
step("UpdateTimeToLive", {"TableName": "events", "TimeToLiveSpecification": {"AttributeName": "expiresAt",
                                                                               "Enabled": True}})
step("DescribeTimeToLive", {"TableName": "events"})
step("DescribeTimeToLive", {"TableName": "items"})
step("UpdateTimeToLive", {"TableName": "events", "TimeToLiveSpecification": {"AttributeName": "expiresAt",
                                                                               "Enabled": True}})

# ------------------------------------------------------------------ items, no expressions
step("PutItem", {"TableName": "items", "Item": {"pk": s("a"), "n": n(1), "l": {"L": [s("x"), n("2.50"), {"NULL": True}]},
                                                "m": {"M": {"k": {"BOOL": False}, "ss": {"SS": ["b", "a"]}}},
                                                "ns": {"NS": ["3", "1.0", "2"]}, "bin": b("AAEC")}})
step("GetItem", {"TableName": "items", "Key": {"pk": s("a")}})
step("GetItem", {"TableName": "items", "Key": {"pk": s("a")}, "ConsistentRead": True})
step("GetItem", {"TableName": "items", "Key": {"pk": s("missing")}})
step("PutItem", {"TableName": "items", "Item": {"pk": s("a"), "v": s("second")}, "ReturnValues": "ALL_OLD"})
step("PutItem", {"TableName": "items", "Item": {"pk": s("new")}, "ReturnValues": "ALL_OLD"})
step("DeleteItem", {"TableName": "items", "Key": {"pk": s("new")}, "ReturnValues": "ALL_OLD"})
step("DeleteItem", {"TableName": "items", "Key": {"pk": s("new")}, "ReturnValues": "ALL_OLD"})
step("PutItem", {"TableName": "items", "Item": {"pk": s("nums"), "a": n("1.50"), "b": n("-0.0"), "c": n("1e3"),
                                                "d": n("00012"), "e": n("0.000100")}})
step("GetItem", {"TableName": "items", "Key": {"pk": s("nums")}})
step("PutItem", {"TableName": "items", "Item": {"pk": s("nums2"), "a": n("1E+50"), "b": n("1.23E-20"), "c": n("-12.000"),
                                                "m": {"M": {"x": n("1.0"), "l": {"L": [n("2.0"), {"M": {"y": n("3.0")}}]}}},
                                                "ns": {"NS": ["1.0", "2.50"]}}})
step("GetItem", {"TableName": "items", "Key": {"pk": s("nums2")}})
step("GetItem", {"TableName": "items", "Key": {"pk": s("nums2")}, "ExpressionAttributeValues": {":x": s("y")}})
step("GetItem", {"TableName": "items", "Key": {"pk": s("nums2")}, "ExpressionAttributeNames": {"#x": "y"}})
step("UpdateItem", {"TableName": "items", "Key": {"pk": s("nums2")}, "ExpressionAttributeValues": {":x": s("y")}})
step("DeleteItem", {"TableName": "items", "Key": {"pk": s("nums2")}, "ExpressionAttributeValues": {":x": s("y")}})
step("Scan", {"TableName": "items", "ExpressionAttributeValues": {":x": s("y")}})
step("Scan", {"TableName": "items", "ExpressionAttributeNames": {"#x": "y"}})
# key errors
step("GetItem", {"TableName": "items", "Key": {}})
step("GetItem", {"TableName": "items", "Key": {"pk": n(1)}}, known="real DynamoDB's wording (DynamoDB Local abbreviates)")
step("GetItem", {"TableName": "items", "Key": {"pk": s("a"), "x": s("y")}}, known="real DynamoDB's wording (DynamoDB Local abbreviates)")
step("GetItem", {"TableName": "items", "Key": {"pk": s("")}})
step("GetItem", {"TableName": "events", "Key": {"pk": s("a")}}, known="real DynamoDB's wording (DynamoDB Local abbreviates)")
step("GetItem", {"TableName": "nope", "Key": {"pk": s("a")}})
step("PutItem", {"TableName": "items", "Item": {"x": s("y")}}, known="real DynamoDB's wording (DynamoDB Local abbreviates)")
step("PutItem", {"TableName": "items", "Item": {"pk": n(1)}}, known="real DynamoDB's wording (DynamoDB Local abbreviates)")
step("PutItem", {"TableName": "items", "Item": {"pk": s("")}})
step("PutItem", {"TableName": "events", "Item": {"pk": s("a")}}, known="real DynamoDB's wording (DynamoDB Local abbreviates)")
step("PutItem", {"TableName": "workflows", "Item": {"pk": s("a"), "sk": s("b"), "gsi1pk": n(1)}}, known="real DynamoDB's wording (DynamoDB Local abbreviates)")
step("PutItem", {"TableName": "workflows", "Item": {"pk": s("a"), "sk": s("b"), "gsi1pk": s("")}})
step("PutItem", {"TableName": "items", "Item": {"pk": s("big"), "data": s("x" * (400 * 1024))}})
step("PutItem", {"TableName": "items", "Item": {"pk": s("bad"), "v": {"N": "abc"}}})
step("PutItem", {"TableName": "items", "Item": {"pk": s("bad"), "v": {"SS": []}}})
step("PutItem", {"TableName": "items", "Item": {"pk": s("bad"), "v": {"SS": ["a", "a"]}}})
step("PutItem", {"TableName": "items", "Item": {"pk": s("bad"), "v": {"S": "a", "N": "1"}}})
step("PutItem", {"TableName": "items", "Item": {"pk": s("bad"), "v": {}}})
step("PutItem", {"TableName": "items", "Item": {"pk": s("bad")}, "ReturnValues": "ALL_NEW"})
step("PutItem", {"TableName": "items", "Item": {"pk": s("empty"), "v": s(""), "bs": b("")}})
step("GetItem", {"TableName": "items", "Key": {"pk": s("empty")}})
step("PutItem", {"TableName": "bins", "Item": {"b": b("AQI="), "r": b("/w=="), "v": n(1)}})
step("PutItem", {"TableName": "bins", "Item": {"b": b("AQI="), "r": b("AA=="), "v": n(2)}})
step("GetItem", {"TableName": "bins", "Key": {"b": b("AQI="), "r": b("/w==")}})

# ------------------------------------------------------------------ conditions, updates (functions' shapes)
step("PutItem", {"TableName": "items", "Item": {"pk": s("c"), "v": s("old")}})
step("PutItem", {"TableName": "items", "Item": {"pk": s("c")}, "ConditionExpression": "attribute_not_exists(pk)",
                 "ReturnValuesOnConditionCheckFailure": "ALL_OLD"})
step("PutItem", {"TableName": "items", "Item": {"pk": s("c")}, "ConditionExpression": "attribute_not_exists(pk)"})
step("PutItem", {"TableName": "items", "Item": {"pk": s("c2")}, "ConditionExpression": "attribute_not_exists(pk)"})
step("PutItem", {"TableName": "items", "Item": {"pk": s("c"), "nonce": s("n2"), "v": s("new")},
                 "ConditionExpression": "v = :n", "ExpressionAttributeValues": {":n": s("old")}})
step("PutItem", {"TableName": "items", "Item": {"pk": s("c"), "nonce": s("n3")},
                 "ConditionExpression": "nonce = :n", "ExpressionAttributeValues": {":n": s("wrong")}})
step("PutItem", {"TableName": "items", "Item": {"pk": s("c")}, "ConditionExpression": "nonce = :n",
                 "ExpressionAttributeValues": {":n": s("x"), ":unused": s("y")}})
step("PutItem", {"TableName": "items", "Item": {"pk": s("c")}, "ExpressionAttributeValues": {":n": s("x")}})
step("GetItem", {"TableName": "items", "Key": {"pk": s("c")}, "ProjectionExpression": "#v, nonce",
                 "ExpressionAttributeNames": {"#v": "v"}})
step("GetItem", {"TableName": "items", "Key": {"pk": s("a")}, "ProjectionExpression": "l[0], m.k, nope"})
step("DeleteItem", {"TableName": "items", "Key": {"pk": s("c2")}, "ConditionExpression": "attribute_exists(v)",
                    "ReturnValuesOnConditionCheckFailure": "ALL_OLD"})
step("DeleteItem", {"TableName": "items", "Key": {"pk": s("c2")}, "ConditionExpression": "attribute_exists(pk)",
                    "ReturnValues": "ALL_OLD"})
# UpdateItem: the execution store's shapes
step("UpdateItem", {"TableName": "items", "Key": {"pk": s("u")}, "UpdateExpression": "SET lastSeq = :next",
                    "ConditionExpression": "lastSeq = :expected",
                    "ExpressionAttributeValues": {":next": n(1), ":expected": n(0)},
                    "ReturnValuesOnConditionCheckFailure": "ALL_OLD"})
step("UpdateItem", {"TableName": "items", "Key": {"pk": s("u")}, "UpdateExpression": "SET lastSeq = :next",
                    "ConditionExpression": "attribute_not_exists(lastSeq) OR lastSeq = :expected",
                    "ExpressionAttributeValues": {":next": n(1), ":expected": n(0)}, "ReturnValues": "ALL_NEW"})
step("UpdateItem", {"TableName": "items", "Key": {"pk": s("u")}, "UpdateExpression": "SET lastSeq = :next",
                    "ConditionExpression": "lastSeq = :expected",
                    "ExpressionAttributeValues": {":next": n(2), ":expected": n(0)},
                    "ReturnValuesOnConditionCheckFailure": "ALL_OLD"})
step("UpdateItem", {"TableName": "items", "Key": {"pk": s("u")},
                    "UpdateExpression": "SET #a = if_not_exists(#a, :zero) + :one, #s = :s, updatedAt = :t",
                    "ExpressionAttributeNames": {"#a": "attempts", "#s": "status"},
                    "ExpressionAttributeValues": {":zero": n(0), ":one": n(1), ":s": s("RUNNING"), ":t": s("2026")},
                    "ReturnValues": "UPDATED_NEW"})
step("UpdateItem", {"TableName": "items", "Key": {"pk": s("u")}, "UpdateExpression": "ADD #rc :one",
                    "ConditionExpression": "attribute_exists(pk)", "ExpressionAttributeNames": {"#rc": "runCount"},
                    "ExpressionAttributeValues": {":one": n(1)}, "ReturnValues": "UPDATED_OLD"})
step("UpdateItem", {"TableName": "items", "Key": {"pk": s("u")}, "UpdateExpression": "ADD #rc :one",
                    "ExpressionAttributeNames": {"#rc": "runCount"},
                    "ExpressionAttributeValues": {":one": n(1)}, "ReturnValues": "UPDATED_OLD"})
step("UpdateItem", {"TableName": "items", "Key": {"pk": s("u")},
                    "UpdateExpression": "SET callback = :d, callbackState = :s REMOVE callbackLease, updatedAt",
                    "ConditionExpression": "attribute_exists(pk)",
                    "ExpressionAttributeValues": {":d": {"M": {"url": s("https://x")}}, ":s": s("DONE")},
                    "ReturnValues": "ALL_OLD"})
step("UpdateItem", {"TableName": "items", "Key": {"pk": s("u")}, "UpdateExpression": "SET pk = :x",
                    "ExpressionAttributeValues": {":x": s("y")}})
step("UpdateItem", {"TableName": "items", "Key": {"pk": s("u")}, "UpdateExpression": "SET = oops"})
step("UpdateItem", {"TableName": "items", "Key": {"pk": s("u")}, "UpdateExpression": "SET v = :v"})
step("UpdateItem", {"TableName": "items", "Key": {"pk": s("u")}, "UpdateExpression": "SET v = :v",
                    "ExpressionAttributeValues": {":v": s("x")}, "ReturnValues": "BOGUS"})
step("UpdateItem", {"TableName": "items", "Key": {"pk": s("fresh")}})
step("GetItem", {"TableName": "items", "Key": {"pk": s("fresh")}})
step("UpdateItem", {"TableName": "items", "Key": {"pk": s("u")}, "UpdateExpression": "REMOVE lastSeq, attempts",
                    "ReturnValues": "UPDATED_NEW"})
step("GetItem", {"TableName": "items", "Key": {"pk": s("u")}})
step("UpdateItem", {"TableName": "workflows", "Key": {"pk": s("w#9"), "sk": s("HEAD")},
                    "UpdateExpression": "SET deletedAt = :at, updatedAt = :at REMOVE gsi1pk, gsi1sk, gsi2pk, gsi2sk",
                    "ConditionExpression": "userId = :u AND attribute_not_exists(deletedAt)",
                    "ExpressionAttributeValues": {":at": s("now"), ":u": s("u1")}})

# ------------------------------------------------------------------ query: events log shapes
for i in range(12):
    step("PutItem", {"TableName": "events", "Item": {"pk": s("exec#1"), "sk": s("EVENT#%05d" % i), "seq": n(i),
                                                     "type": s("odd" if i % 2 else "even")},
                     "ConditionExpression": "attribute_not_exists(#sk)", "ExpressionAttributeNames": {"#sk": "sk"}})
step("PutItem", {"TableName": "events", "Item": {"pk": s("exec#1"), "sk": s("STATE")}})
step("PutItem", {"TableName": "events", "Item": {"pk": s("exec#2"), "sk": s("EVENT#00000")}})
step("Query", {"TableName": "events", "KeyConditionExpression": "#pk = :pk AND #sk BETWEEN :from AND :to",
               "ExpressionAttributeNames": {"#pk": "pk", "#sk": "sk"},
               "ExpressionAttributeValues": {":pk": s("exec#1"), ":from": s("EVENT#00003"), ":to": s("EVENT#00007")},
               "ConsistentRead": True})
step("Query", {"TableName": "events", "KeyConditionExpression": "#pk = :pk AND begins_with(#sk, :events)",
               "ExpressionAttributeNames": {"#pk": "pk", "#sk": "sk"},
               "ExpressionAttributeValues": {":pk": s("exec#1"), ":events": s("EVENT#")},
               "ProjectionExpression": "#sk", "ScanIndexForward": False, "Limit": 1})
step("Query", {"TableName": "events", "KeyConditionExpression": "pk = :pk AND begins_with(sk, :p)",
               "ExpressionAttributeValues": {":pk": s("exec#1"), ":p": s("EVENT#")}, "Limit": 5})
step("Query", {"TableName": "events", "KeyConditionExpression": "pk = :pk AND begins_with(sk, :p)",
               "ExpressionAttributeValues": {":pk": s("exec#1"), ":p": s("EVENT#")}, "Limit": 5,
               "ExclusiveStartKey": {"pk": s("exec#1"), "sk": s("EVENT#00004")}})
step("Query", {"TableName": "events", "KeyConditionExpression": "pk = :pk AND begins_with(sk, :p)",
               "ExpressionAttributeValues": {":pk": s("exec#1"), ":p": s("EVENT#")}, "Limit": 5,
               "ExclusiveStartKey": {"pk": s("exec#1"), "sk": s("EVENT#00009")}})
step("Query", {"TableName": "events", "KeyConditionExpression": "pk = :pk AND begins_with(sk, :p)",
               "ExpressionAttributeValues": {":pk": s("exec#1"), ":p": s("EVENT#")}, "Limit": 12})
step("Query", {"TableName": "events", "KeyConditionExpression": "pk = :pk",
               "ExpressionAttributeValues": {":pk": s("exec#1"), ":t": s("odd")}, "FilterExpression": "#t = :t",
               "ExpressionAttributeNames": {"#t": "type"}, "Limit": 6})
step("Query", {"TableName": "events", "KeyConditionExpression": "pk = :pk", "Select": "COUNT",
               "ExpressionAttributeValues": {":pk": s("exec#1")}})
step("Query", {"TableName": "events", "KeyConditionExpression": "pk = :pk AND sk > :s", "ScanIndexForward": False,
               "ExpressionAttributeValues": {":pk": s("exec#1"), ":s": s("EVENT#00010")}})
step("Query", {"TableName": "events", "KeyConditionExpression": "pk = :pk AND sk <= :s",
               "ExpressionAttributeValues": {":pk": s("exec#1"), ":s": s("EVENT#00001")}})
step("Query", {"TableName": "events", "KeyConditionExpression": "pk = :pk",
               "ExpressionAttributeValues": {":pk": s("nobody")}})
step("Query", {"TableName": "events", "KeyConditionExpression": "pk = :pk", "Limit": 0,
               "ExpressionAttributeValues": {":pk": s("exec#1")}}, known="real DynamoDB's wording (DynamoDB Local abbreviates)")
step("Query", {"TableName": "events", "ExpressionAttributeValues": {":pk": s("exec#1")}})
step("Query", {"TableName": "events", "KeyConditionExpression": "pk = :pk",
               "ExpressionAttributeValues": {":pk": n(1)}})
step("Query", {"TableName": "events", "KeyConditionExpression": "pk = :pk", "IndexName": "nope",
               "ExpressionAttributeValues": {":pk": s("exec#1")}})
step("Query", {"TableName": "events", "KeyConditionExpression": "pk = :pk",
               "ExpressionAttributeValues": {":pk": s("exec#1")}, "ExclusiveStartKey": {"pk": s("exec#1")}}, known="real DynamoDB's wording (DynamoDB Local abbreviates)")
step("Query", {"TableName": "events", "KeyConditionExpression": "pk = :pk", "Select": "SPECIFIC_ATTRIBUTES",
               "ExpressionAttributeValues": {":pk": s("exec#1")}})

# ------------------------------------------------------------------ workflows: transactions and GSIs
def head(wid, user, status, updated, version=1):
    return {"pk": s("w#" + wid), "sk": s("HEAD"), "userId": s(user), "version": n(version), "status": s(status),
            "gsi1pk": s("user#" + user), "gsi1sk": s(updated), "gsi2pk": s("user#" + user + "#" + status),
            "gsi2sk": s(updated), "name": s("wf " + wid)}


for i, (wid, user, status, at) in enumerate([("1", "u1", "ACTIVE", "2026-01-03"), ("2", "u1", "DRAFT", "2026-01-01"),
                                              ("3", "u1", "ACTIVE", "2026-01-02"), ("4", "u2", "ACTIVE", "2026-01-01"),
                                              ("5", "u1", "ACTIVE", "2026-01-02")]):
    step("TransactWriteItems", {"TransactItems": [
        {"Put": {"TableName": "workflows", "Item": head(wid, user, status, at),
                 "ConditionExpression": "attribute_not_exists(pk)"}},
        {"Put": {"TableName": "workflows", "Item": {"pk": s("w#" + wid), "sk": s("V#00001"), "def": s("{}")},
                 "ConditionExpression": "attribute_not_exists(pk)"}}]})
step("TransactWriteItems", {"TransactItems": [
    {"Update": {"TableName": "workflows", "Key": {"pk": s("w#1"), "sk": s("HEAD")},
                "UpdateExpression": "SET #version = :next, updatedAt = :at",
                "ConditionExpression": "#version = :expected AND #owner = :owner AND attribute_not_exists(deletedAt)",
                "ExpressionAttributeNames": {"#version": "version", "#owner": "userId"},
                "ExpressionAttributeValues": {":next": n(2), ":at": s("t"), ":expected": n(1), ":owner": s("u1")}}},
    {"Put": {"TableName": "workflows", "Item": {"pk": s("w#1"), "sk": s("V#00002")},
             "ConditionExpression": "attribute_not_exists(pk)"}}]})
step("TransactWriteItems", {"TransactItems": [
    {"Update": {"TableName": "workflows", "Key": {"pk": s("w#1"), "sk": s("HEAD")},
                "UpdateExpression": "SET #version = :next",
                "ConditionExpression": "#version = :expected",
                "ExpressionAttributeNames": {"#version": "version"},
                "ExpressionAttributeValues": {":next": n(3), ":expected": n(1)},
                "ReturnValuesOnConditionCheckFailure": "ALL_OLD"}},
    {"Put": {"TableName": "workflows", "Item": {"pk": s("w#1"), "sk": s("V#00003")},
             "ConditionExpression": "attribute_not_exists(pk)"}}]})
step("GetItem", {"TableName": "workflows", "Key": {"pk": s("w#1"), "sk": s("V#00003")}})
step("TransactWriteItems", {"TransactItems": [
    {"Put": {"TableName": "workflows", "Item": {"pk": s("w#1"), "sk": s("V#00004")}}},
    {"ConditionCheck": {"TableName": "workflows", "Key": {"pk": s("w#2"), "sk": s("HEAD")},
                        "ConditionExpression": "attribute_exists(pk)"}},
    {"Delete": {"TableName": "workflows", "Key": {"pk": s("w#1"), "sk": s("V#00002")}}},
    {"Update": {"TableName": "items", "Key": {"pk": s("counter")}, "UpdateExpression": "ADD n :one",
                "ExpressionAttributeValues": {":one": n(1)}}}],
    "ClientRequestToken": "token-1"})
step("GetItem", {"TableName": "items", "Key": {"pk": s("counter")}})
step("TransactWriteItems", {"TransactItems": [
    {"Put": {"TableName": "workflows", "Item": {"pk": s("w#1"), "sk": s("V#00005")}}},
    {"Delete": {"TableName": "workflows", "Key": {"pk": s("w#1"), "sk": s("V#00005")}}}]})
step("TransactWriteItems", {"TransactItems": [
    {"Put": {"TableName": "nope", "Item": {"pk": s("w#1")}}}]})
step("TransactWriteItems", {"TransactItems": []})
step("TransactWriteItems", {"TransactItems": [
    {"ConditionCheck": {"TableName": "workflows", "Key": {"pk": s("w#404"), "sk": s("HEAD")},
                        "ConditionExpression": "attribute_exists(pk)"}},
    {"Put": {"TableName": "workflows", "Item": {"pk": s("w#1"), "sk": s("V#00006")}}}]})
step("Query", {"TableName": "workflows", "IndexName": "byUser", "KeyConditionExpression": "#p = :p",
               "ExpressionAttributeNames": {"#p": "gsi1pk"}, "ExpressionAttributeValues": {":p": s("user#u1")},
               "ScanIndexForward": False, "Limit": 2}, unordered=True)
step("Query", {"TableName": "workflows", "IndexName": "byUser", "KeyConditionExpression": "#p = :p",
               "ExpressionAttributeNames": {"#p": "gsi1pk"}, "ExpressionAttributeValues": {":p": s("user#u1")},
               "ScanIndexForward": False, "Limit": 2,
               "ExclusiveStartKey": {"pk": s("w#1"), "sk": s("HEAD"), "gsi1pk": s("user#u1"),
                                     "gsi1sk": s("2026-01-03")}}, unordered=True)
step("Query", {"TableName": "workflows", "IndexName": "byUserStatus", "KeyConditionExpression": "#p = :p",
               "ExpressionAttributeNames": {"#p": "gsi2pk"}, "ExpressionAttributeValues": {":p": s("user#u1#ACTIVE")},
               "ScanIndexForward": True}, unordered=True)
step("Query", {"TableName": "workflows", "IndexName": "byUser", "KeyConditionExpression": "gsi1pk = :p",
               "ExpressionAttributeValues": {":p": s("user#u1")}, "ConsistentRead": True})
step("Query", {"TableName": "workflows", "KeyConditionExpression": "pk = :p AND begins_with(sk, :v)",
               "ExpressionAttributeValues": {":p": s("w#1"), ":v": s("V#")}, "ScanIndexForward": False})
step("UpdateItem", {"TableName": "workflows", "Key": {"pk": s("w#3"), "sk": s("HEAD")},
                    "UpdateExpression": "SET deletedAt = :at, updatedAt = :at REMOVE gsi1pk, gsi1sk, gsi2pk, gsi2sk",
                    "ConditionExpression": "userId = :u AND attribute_not_exists(deletedAt)",
                    "ExpressionAttributeValues": {":at": s("now"), ":u": s("u1")}})
step("Query", {"TableName": "workflows", "IndexName": "byUser", "KeyConditionExpression": "gsi1pk = :p",
               "ExpressionAttributeValues": {":p": s("user#u1")}}, unordered=True)

# ------------------------------------------------------------------ records: GSI with filter, as the execution repository
for i in range(8):
    step("PutItem", {"TableName": "records", "Item": {
        "executionId": s("e%d" % i), "userId": s("u1" if i < 6 else "u2"), "startedKey": s("2026-01-0%d#e%d" % (i % 4, i)),
        "userStatus": s("u1#" + ("SUCCEEDED" if i % 3 else "FAILED")), "status": s("SUCCEEDED" if i % 3 else "FAILED"),
        "workflowId": s("w%d" % (i % 2))}, "ConditionExpression": "attribute_not_exists(executionId)"})
step("Query", {"TableName": "records", "IndexName": "byUser", "KeyConditionExpression": "userId = :u",
               "FilterExpression": "workflowId = :w", "ExpressionAttributeValues": {":u": s("u1"), ":w": s("w1")},
               "ScanIndexForward": False, "Limit": 3})
step("Query", {"TableName": "records", "IndexName": "byUser",
               "KeyConditionExpression": "userId = :u AND startedKey < :before",
               "ExpressionAttributeValues": {":u": s("u1"), ":before": s("2026-01-02")}, "ScanIndexForward": False})
step("UpdateItem", {"TableName": "records", "Key": {"executionId": s("e1")},
                    "UpdateExpression": "SET sfnExecutionArn = :arn, #s = :running, userStatus = :us",
                    "ConditionExpression": "#s = :pending", "ExpressionAttributeNames": {"#s": "status"},
                    "ExpressionAttributeValues": {":arn": s("arn"), ":running": s("RUNNING"), ":us": s("u1#RUNNING"),
                                                  ":pending": s("SUCCEEDED")}, "ReturnValues": "ALL_NEW"})
step("Query", {"TableName": "records", "IndexName": "byUserStatus", "KeyConditionExpression": "userStatus = :s",
               "ExpressionAttributeValues": {":s": s("u1#RUNNING")}})
step("Query", {"TableName": "records", "IndexName": "byUserStatus", "KeyConditionExpression": "userStatus = :s",
               "ExpressionAttributeValues": {":s": s("u1#SUCCEEDED")}, "Select": "COUNT"})

# ------------------------------------------------------------------ numbers: N keys, LSI, INCLUDE GSI
for i in range(6):
    step("PutItem", {"TableName": "numbers", "Item": {"id": n(1), "n": n(["10", "-2", "3.5", "100", "0", "2.25"][i]),
                                                      "other": n(6 - i), "cat": s("c%d" % (i % 2)),
                                                      "title": s("t%d" % i), "body": s("b%d" % i)}})
step("Query", {"TableName": "numbers", "KeyConditionExpression": "id = :id",
               "ExpressionAttributeValues": {":id": n(1)}})
step("Query", {"TableName": "numbers", "KeyConditionExpression": "id = :id AND n BETWEEN :a AND :b",
               "ExpressionAttributeValues": {":id": n(1), ":a": n("-1"), ":b": n("10")}})
step("Query", {"TableName": "numbers", "IndexName": "byOther", "KeyConditionExpression": "id = :id AND other > :o",
               "ExpressionAttributeValues": {":id": n(1), ":o": n(2)}})
step("Query", {"TableName": "numbers", "IndexName": "byOther", "KeyConditionExpression": "id = :id",
               "ExpressionAttributeValues": {":id": n(1)}, "Select": "ALL_ATTRIBUTES", "Limit": 2})
step("Query", {"TableName": "numbers", "IndexName": "byCat", "KeyConditionExpression": "cat = :c",
               "ExpressionAttributeValues": {":c": s("c1")}}, unordered=True)
step("Query", {"TableName": "numbers", "IndexName": "byCat", "KeyConditionExpression": "cat = :c",
               "ExpressionAttributeValues": {":c": s("c1")}, "Select": "ALL_ATTRIBUTES"})
step("Query", {"TableName": "numbers", "IndexName": "byCat", "KeyConditionExpression": "cat = :c", "Limit": 1,
               "ExpressionAttributeValues": {":c": s("c0")}, "ProjectionExpression": "title, id"})
step("Query", {"TableName": "bins", "KeyConditionExpression": "b = :b AND r > :r",
               "ExpressionAttributeValues": {":b": b("AQI="), ":r": b("AQ==")}})

# ------------------------------------------------------------------ scan, batches, transact get
step("Scan", {"TableName": "records"}, unordered=True)
step("Scan", {"TableName": "records", "FilterExpression": "#s = :s", "ExpressionAttributeNames": {"#s": "status"},
              "ExpressionAttributeValues": {":s": s("FAILED")}}, unordered=True)
step("Scan", {"TableName": "records", "Select": "COUNT"})
step("Scan", {"TableName": "numbers", "IndexName": "byCat"}, unordered=True)
step("BatchWriteItem", {"RequestItems": {"items": [{"PutRequest": {"Item": {"pk": s("b1"), "v": n(1)}}},
                                                   {"PutRequest": {"Item": {"pk": s("b2"), "v": n(2)}}},
                                                   {"DeleteRequest": {"Key": {"pk": s("a")}}}],
                                         "events": [{"PutRequest": {"Item": {"pk": s("b"), "sk": s("1")}}}]}})
step("BatchGetItem", {"RequestItems": {"items": {"Keys": [{"pk": s("b1")}, {"pk": s("b2")}, {"pk": s("a")}]},
                                       "events": {"Keys": [{"pk": s("b"), "sk": s("1")}],
                                                  "ProjectionExpression": "sk"}}}, unordered=True)
step("BatchWriteItem", {"RequestItems": {"items": [{"PutRequest": {"Item": {"pk": s("b1")}}},
                                                   {"DeleteRequest": {"Key": {"pk": s("b1")}}}]}})
step("BatchGetItem", {"RequestItems": {"items": {"Keys": [{"pk": s("b1")}, {"pk": s("b1")}]}}})
step("TransactGetItems", {"TransactItems": [{"Get": {"TableName": "items", "Key": {"pk": s("b1")}}},
                                            {"Get": {"TableName": "items", "Key": {"pk": s("zzz")}}},
                                            {"Get": {"TableName": "events", "Key": {"pk": s("b"), "sk": s("1")},
                                                     "ProjectionExpression": "pk"}}]})

# ------------------------------------------------------------------ more edges
step("UpdateItem", {"TableName": "items", "Key": {"pk": s("u")}, "UpdateExpression": "SET callbackState = callbackState + :one",
                    "ExpressionAttributeValues": {":one": n(1)}})
step("TransactWriteItems", {"TransactItems": [
    {"Update": {"TableName": "items", "Key": {"pk": s("u")}, "UpdateExpression": "SET callbackState = callbackState + :one",
                "ExpressionAttributeValues": {":one": n(1)}}},
    {"Put": {"TableName": "items", "Item": {"pk": s("tx-after-bad-update")}}}]})
step("GetItem", {"TableName": "items", "Key": {"pk": s("tx-after-bad-update")}})
step("UpdateItem", {"TableName": "items", "Key": {"pk": s("nested")}, "UpdateExpression": "SET m = :m",
                    "ExpressionAttributeValues": {":m": {"M": {"a": n(1), "b": n(2)}}}})
step("UpdateItem", {"TableName": "items", "Key": {"pk": s("nested")}, "UpdateExpression": "SET m.a = :v",
                    "ExpressionAttributeValues": {":v": n(5)}, "ReturnValues": "UPDATED_NEW"},
     known="UPDATED_NEW/UPDATED_OLD of a nested path: DynamoDB returns the updated fragment, DynamoDB Local the whole top-level attribute")
step("UpdateItem", {"TableName": "items", "Key": {"pk": s("nested")}, "UpdateExpression": "SET m.a = :v",
                    "ExpressionAttributeValues": {":v": n(6)}, "ReturnValues": "UPDATED_OLD"},
     known="UPDATED_NEW/UPDATED_OLD of a nested path: DynamoDB returns the updated fragment, DynamoDB Local the whole top-level attribute")
step("UpdateItem", {"TableName": "items", "Key": {"pk": s("nobody")}, "UpdateExpression": "SET v = :v",
                    "ExpressionAttributeValues": {":v": n(1)}, "ReturnValues": "ALL_OLD"})
step("UpdateItem", {"TableName": "items", "Key": {"pk": s("big2")}, "UpdateExpression": "SET d = :d",
                    "ExpressionAttributeValues": {":d": s("z" * (300 * 1024))}})
step("UpdateItem", {"TableName": "items", "Key": {"pk": s("big2")}, "UpdateExpression": "SET e = :d",
                    "ExpressionAttributeValues": {":d": s("z" * (150 * 1024))}})
step("UpdateItem", {"TableName": "workflows", "Key": {"pk": s("w#5"), "sk": s("HEAD")}, "UpdateExpression": "SET gsi1sk = :d",
                    "ExpressionAttributeValues": {":d": n(1)}},
     known="DynamoDB rejects an index key of the wrong type written by UpdateItem; DynamoDB Local accepts it",
     oursStatus=400)
step("DeleteItem", {"TableName": "items", "Key": {"pk": s("u")}, "ConditionExpression": "attribute_not_exists(pk)",
                    "ReturnValuesOnConditionCheckFailure": "ALL_OLD"})
step("BatchGetItem", {"RequestItems": {"nope": {"Keys": [{"pk": s("b1")}]}}})
step("BatchWriteItem", {"RequestItems": {"items": [{"PutRequest": {"Item": {"pk": n(1)}}}]}}, known="real DynamoDB's wording (DynamoDB Local abbreviates)")
step("CreateTable", {"TableName": "badlsi", "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"},
                                                                      {"AttributeName": "o", "AttributeType": "S"}],
                     "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}], "BillingMode": "PAY_PER_REQUEST",
                     "LocalSecondaryIndexes": [{"IndexName": "l", "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"},
                                                                                 {"AttributeName": "o", "KeyType": "RANGE"}],
                                                "Projection": {"ProjectionType": "ALL"}}]})
step("Query", {"TableName": "numbers", "IndexName": "byOther", "KeyConditionExpression": "id = :id",
               "ExpressionAttributeValues": {":id": n(1)}, "Limit": 2,
               "ExclusiveStartKey": {"id": n(1), "n": n("3.5"), "other": n(4)}})
step("Scan", {"TableName": "events", "Limit": 3, "Select": "COUNT"}, known="scan order (so LastEvaluatedKey) is undefined")
step("Query", {"TableName": "events", "KeyConditionExpression": "pk = :pk AND sk BETWEEN :b AND :a",
               "ExpressionAttributeValues": {":pk": s("exec#1"), ":a": s("A"), ":b": s("B")}})
step("Query", {"TableName": "events", "KeyConditionExpression": "sk = :sk",
               "ExpressionAttributeValues": {":sk": s("x")}}, known="real DynamoDB's wording (DynamoDB Local abbreviates)")
step("PutItem", {"TableName": "items", "Item": {"pk": s("rv")}, "ReturnValues": "UPDATED_NEW"})
step("Query", {"TableName": "events", "KeyConditionExpression": "pk = :pk AND sk > :s",
               "ExpressionAttributeValues": {":pk": s("exec#1"), ":s": n(1)}})
step("Query", {"TableName": "numbers", "KeyConditionExpression": "id = :id AND begins_with(n, :s)",
               "ExpressionAttributeValues": {":id": n(1), ":s": n(1)}})
step("Query", {"TableName": "events", "KeyConditionExpression": "pk = :pk AND sk < :s", "ScanIndexForward": False,
               "ExpressionAttributeValues": {":pk": s("exec#1"), ":s": s("EVENT#00003")}, "Limit": 2})
step("Query", {"TableName": "events", "KeyConditionExpression": "pk = :pk AND sk >= :s", "ScanIndexForward": False,
               "ExpressionAttributeValues": {":pk": s("exec#1"), ":s": s("EVENT#00010")}})
step("Query", {"TableName": "events", "KeyConditionExpression": "pk = :pk AND sk = :s",
               "ExpressionAttributeValues": {":pk": s("exec#1"), ":s": s("EVENT#00004")}})
step("DescribeTable", {"TableName": "events"})

# ------------------------------------------------------------------ not served
step("UpdateTable", {"TableName": "items", "BillingMode": "PAY_PER_REQUEST"}, unsupported=True)
step("ExecuteStatement", {"Statement": "SELECT * FROM items"}, unsupported=True)
step("DeleteTable", {"TableName": "bins"})
step("ListTables", {})

for st in steps:
    print(json.dumps(st, separators=(",", ":")))
