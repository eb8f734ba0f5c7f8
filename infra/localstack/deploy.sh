#!/usr/bin/env bash
# Deploys AgentFlow into a running LocalStack with plain AWS CLI calls, from template.yaml itself: the resources
# come from `./agentflow deploy-plan` (the reader the embedded local cloud uses), so this script holds no copy of
# table schemas, handlers or routes. Progress goes to stderr; the endpoints to stdout as KEY=VALUE lines:
#   AGENTFLOW_HTTP_API_URL, AGENTFLOW_WEBSOCKET_URL, AGENTFLOW_TOKEN (an ID token of the test user),
#   AGENTFLOW_USER_POOL_ID, AGENTFLOW_CLIENT_ID, AGENTFLOW_USER, AGENTFLOW_PASSWORD.
#
# Before: `mvn -B package -DskipTests` (the functions' Lambda jars) and
#         `docker compose -f infra/localstack/docker-compose.yml up -d` (LocalStack with LOCALSTACK_AUTH_TOKEN).
# Needs:  bash (3.2 or later), the AWS CLI v2 (`aws`), curl, Java 17+ (for ./agentflow), base64.
# Settings (environment):
#   AWS_ENDPOINT_URL          LocalStack's edge as this machine reaches it   (default http://localhost:4566)
#   LAMBDA_ENDPOINT_URL       LocalStack's edge as functions reach it        (default http://localhost.localstack.cloud:4566)
#   AWS_REGION                (default us-east-1)
#   STACK                     stack name: names the KMS alias, the WebSocket API… (default agentflow-localstack)
#   ALLOWED_PRIVATE_NETWORKS  CIDRs the HTTP / LLM nodes may reach (default none; tests pass Docker's networks)
#   AWS_CLI                   the AWS CLI command (default aws)
#   DRY_RUN=1                 print the AWS CLI calls instead of making them (no LocalStack needed)
#   PLAN_FILE                 read the plan from this file instead of running ./agentflow deploy-plan
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
ENDPOINT="${AWS_ENDPOINT_URL:-http://localhost:4566}"
LAMBDA_ENDPOINT="${LAMBDA_ENDPOINT_URL:-http://localhost.localstack.cloud:4566}"
REGION="${AWS_REGION:-us-east-1}"
ACCOUNT=000000000000
STACK="${STACK:-agentflow-localstack}"
ALLOWED="${ALLOWED_PRIVATE_NETWORKS:-}"
AWS_CLI="${AWS_CLI:-aws}"
DRY_RUN="${DRY_RUN:-}"
TEST_USER=it-user
TEST_PASSWORD="Agentflow-local-1"
export AWS_ACCESS_KEY_ID="${AWS_ACCESS_KEY_ID:-test}" AWS_SECRET_ACCESS_KEY="${AWS_SECRET_ACCESS_KEY:-test}"
export AWS_DEFAULT_REGION="$REGION" AWS_PAGER=""

say() { echo "deploy: $*" >&2; }
fail() { echo "deploy: $*" >&2; exit 1; }

# One AWS CLI call; prints its text output. In a dry run prints the call to stderr and answers "dry-<n>".
DRY_COUNT=0
awsl() {
  if [ -n "$DRY_RUN" ]; then
    DRY_COUNT=$((DRY_COUNT + 1))
    printf 'aws' >&2; printf ' %q' "$@" >&2; printf '\n' >&2
    echo "dry-$DRY_COUNT"
    return 0
  fi
  "$AWS_CLI" --endpoint-url "$ENDPOINT" --region "$REGION" --output text "$@"
}

# ---- preconditions --------------------------------------------------------------------------------------------
if [ -z "$DRY_RUN" ]; then
  command -v "$AWS_CLI" >/dev/null || fail "no AWS CLI ('$AWS_CLI'); install AWS CLI v2 or set AWS_CLI"
  curl -sf "$ENDPOINT/_localstack/health" >/dev/null \
    || fail "no LocalStack at $ENDPOINT; start it: docker compose -f infra/localstack/docker-compose.yml up -d"
fi

# ---- users: a Cognito pool whose ID tokens the HTTP API's JWT authorizer and the WebSocket authorizer accept ----
say "user pool and test user"
POOL_ID=$(awsl cognito-idp create-user-pool --pool-name "$STACK-users" --query UserPool.Id)
CLIENT_ID=$(awsl cognito-idp create-user-pool-client --user-pool-id "$POOL_ID" --client-name "$STACK" \
  --explicit-auth-flows ALLOW_USER_PASSWORD_AUTH ALLOW_REFRESH_TOKEN_AUTH --query UserPoolClient.ClientId)
awsl cognito-idp admin-create-user --user-pool-id "$POOL_ID" --username "$TEST_USER" --message-action SUPPRESS >/dev/null
awsl cognito-idp admin-set-user-password --user-pool-id "$POOL_ID" --username "$TEST_USER" \
  --password "$TEST_PASSWORD" --permanent >/dev/null
TOKEN=$(awsl cognito-idp initiate-auth --client-id "$CLIENT_ID" --auth-flow USER_PASSWORD_AUTH \
  --auth-parameters "USERNAME=$TEST_USER,PASSWORD=$TEST_PASSWORD" --query AuthenticationResult.IdToken)
if [ -n "$DRY_RUN" ]; then
  ISSUER="https://cognito-idp.$REGION.amazonaws.com/$POOL_ID"
else
  # the issuer is whatever LocalStack writes into its tokens' "iss" claim (base64url JSON payload)
  PAYLOAD=$(printf '%s' "$TOKEN" | cut -d. -f2 | tr '_-' '/+')
  while [ $(( ${#PAYLOAD} % 4 )) -ne 0 ]; do PAYLOAD="$PAYLOAD="; done
  ISSUER=$(printf '%s' "$PAYLOAD" | base64 -d | sed -n 's/.*"iss" *: *"\([^"]*\)".*/\1/p')
  [ -n "$ISSUER" ] || fail "no iss claim in the Cognito token"
fi

# ---- the plan ---------------------------------------------------------------------------------------------------
if [ -n "${PLAN_FILE:-}" ]; then
  PLAN=$(cat "$PLAN_FILE")
else
  PLAN=$("$ROOT/agentflow" deploy-plan --template "$ROOT/template.yaml" --stack-name "$STACK" --region "$REGION" \
    --account "$ACCOUNT" --parameter "JwtIssuer=$ISSUER" --parameter "JwtAudience=$CLIENT_ID" \
    --parameter "AllowedPrivateNetworks=$ALLOWED" --env "AWS_ENDPOINT_URL=$LAMBDA_ENDPOINT")
fi

LAMBDA_ROLE="arn:aws:iam::$ACCOUNT:role/$STACK-lambda"
# small maps without bash 4's associative arrays (macOS ships bash 3.2): put MAP KEY VALUE / get MAP KEY
put() { printf -v "MAP_$1_$2" '%s' "$3"; }
get() { local name="MAP_$1_$2"; printf '%s' "${!name:-}"; }
arn() { local value; value=$(get ALIAS "$1"); [ -n "$value" ] || fail "no function $1 before its use"; printf '%s' "$value"; }
HTTP_API_ID="" HTTP_API_URL="" WS_API_ID="" WS_URL="" WS_STAGE="" JWT_AUTH_ID=""

say "execution role of the functions (LocalStack does not enforce IAM unless ENFORCE_IAM=1)"
awsl iam create-role --role-name "$STACK-lambda" --assume-role-policy-document \
  '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}' \
  --query Role.Arn >/dev/null

lambda_uri() { echo "arn:aws:apigateway:$REGION:lambda:path/2015-03-31/functions/$1/invocations"; }

while IFS=$'\t' read -r KIND A B C D E F G H; do
  [ -n "$KIND" ] || continue
  case "$KIND" in
    table)
      say "table $A"
      awsl dynamodb create-table --cli-input-json "$B" --query TableDescription.TableName >/dev/null
      if [ "$C" != "-" ]; then
        awsl dynamodb update-time-to-live --table-name "$A" \
          --time-to-live-specification "Enabled=true,AttributeName=$C" >/dev/null
      fi ;;
    key)
      say "KMS key $A"   # LocalStack's _custom_id_ tag keeps the id the template resolves to
      awsl kms create-key --description "$B" --tags "TagKey=_custom_id_,TagValue=$A" --query KeyMetadata.KeyId >/dev/null ;;
    alias)
      say "KMS alias $A"
      awsl kms create-alias --alias-name "$A" --target-key-id "$B" >/dev/null ;;
    secret)
      say "secret $A"
      if [ "$B" = "-" ]; then   # GenerateSecretString: a random value, made by Secrets Manager
        B=$(awsl secretsmanager get-random-password --password-length 64 --exclude-punctuation \
          --query RandomPassword --output text)
      fi
      awsl secretsmanager create-secret --name "$A" --secret-string "$B" --query ARN >/dev/null ;;
    role)
      say "role $A"
      awsl iam create-role --role-name "$A" --assume-role-policy-document "$B" --query Role.Arn >/dev/null ;;
    role-policy)
      awsl iam put-role-policy --role-name "$A" --policy-name "$B" --policy-document "$C" >/dev/null ;;
    function)
      JAR="$ROOT/$F"
      [ -n "$DRY_RUN" ] || [ -f "$JAR" ] || fail "no $F: run 'mvn -B package -DskipTests' first"
      say "function $A ($B)"
      awsl lambda create-function --function-name "$A" --runtime "$C" --handler "$B" --memory-size "$D" \
        --timeout "$E" --role "$LAMBDA_ROLE" --zip-file "fileb://$JAR" --environment "$H" \
        --query FunctionArn >/dev/null
      awsl lambda wait function-active-v2 --function-name "$A" >/dev/null
      if [ "$G" != "-" ]; then
        VERSION=$(awsl lambda publish-version --function-name "$A" --query Version)
        awsl lambda create-alias --function-name "$A" --name "$G" --function-version "$VERSION" >/dev/null
        put ALIAS "$A" "arn:aws:lambda:$REGION:$ACCOUNT:function:$A:$G"
      else
        put ALIAS "$A" "arn:aws:lambda:$REGION:$ACCOUNT:function:$A"
      fi ;;
    http-api)
      say "HTTP API $A (JWT issuer $B, audience $C)"
      HTTP_API_ID=$(awsl apigatewayv2 create-api --name "$STACK-$A" --protocol-type HTTP --query ApiId)
      JWT_AUTH_ID=$(awsl apigatewayv2 create-authorizer --api-id "$HTTP_API_ID" --name jwt --authorizer-type JWT \
        --identity-source '$request.header.Authorization' \
        --jwt-configuration "{\"Issuer\":\"$B\",\"Audience\":[\"$C\"]}" --query AuthorizerId) ;;
    http-route)
      FN_ARN=$(arn "$B")   # assignments, so that set -e stops the script when a lookup or call fails
      if [ -z "$(get HTTP_INTEGRATION "$B")" ]; then
        INTEGRATION=$(awsl apigatewayv2 create-integration --api-id "$HTTP_API_ID" --integration-type AWS_PROXY \
          --integration-uri "$FN_ARN" --payload-format-version 2.0 --query IntegrationId)
        put HTTP_INTEGRATION "$B" "$INTEGRATION"
        awsl lambda add-permission --function-name "$FN_ARN" --statement-id http-api \
          --action lambda:InvokeFunction --principal apigateway.amazonaws.com \
          --source-arn "arn:aws:execute-api:$REGION:$ACCOUNT:$HTTP_API_ID/*" >/dev/null
      fi
      if [ "$C" = "true" ]; then
        awsl apigatewayv2 create-route --api-id "$HTTP_API_ID" --route-key "$A" --target "integrations/$(get HTTP_INTEGRATION "$B")" \
          --authorization-type JWT --authorizer-id "$JWT_AUTH_ID" --query RouteId >/dev/null
      else
        awsl apigatewayv2 create-route --api-id "$HTTP_API_ID" --route-key "$A" --target "integrations/$(get HTTP_INTEGRATION "$B")" \
          --query RouteId >/dev/null
      fi ;;
    ws-api)
      if [ -n "$HTTP_API_ID" ]; then   # the HTTP API is complete: publish it
        awsl apigatewayv2 create-stage --api-id "$HTTP_API_ID" --stage-name '$default' --auto-deploy >/dev/null
        HTTP_API_URL=$(awsl apigatewayv2 get-api --api-id "$HTTP_API_ID" --query ApiEndpoint)
      fi
      say "WebSocket API $A (routes by $B, stage $C)"
      WS_API_ID=$(awsl apigatewayv2 create-api --name "$A" --protocol-type WEBSOCKET --route-selection-expression "$B" --query ApiId)
      WS_STAGE="$C" ;;
    ws-route)
      FN_ARN=$(arn "$B")
      if [ -z "$(get WS_INTEGRATION "$B")" ]; then
        INTEGRATION=$(awsl apigatewayv2 create-integration --api-id "$WS_API_ID" --integration-type AWS_PROXY \
          --integration-uri "$(lambda_uri "$FN_ARN")" --query IntegrationId)
        put WS_INTEGRATION "$B" "$INTEGRATION"
        awsl lambda add-permission --function-name "$FN_ARN" --statement-id websocket-api \
          --action lambda:InvokeFunction --principal apigateway.amazonaws.com \
          --source-arn "arn:aws:execute-api:$REGION:$ACCOUNT:$WS_API_ID/*" >/dev/null
      fi
      if [ "$C" != "-" ]; then
        AUTH_ARN=$(arn "$C")
        AUTH_ID=$(awsl apigatewayv2 create-authorizer --api-id "$WS_API_ID" --name token --authorizer-type REQUEST \
          --identity-source route.request.querystring.token --authorizer-uri "$(lambda_uri "$AUTH_ARN")" \
          --query AuthorizerId)
        awsl lambda add-permission --function-name "$AUTH_ARN" --statement-id websocket-authorizer \
          --action lambda:InvokeFunction --principal apigateway.amazonaws.com \
          --source-arn "arn:aws:execute-api:$REGION:$ACCOUNT:$WS_API_ID/*" >/dev/null
        awsl apigatewayv2 create-route --api-id "$WS_API_ID" --route-key "$A" --target "integrations/$(get WS_INTEGRATION "$B")" \
          --authorization-type CUSTOM --authorizer-id "$AUTH_ID" --query RouteId >/dev/null
      else
        awsl apigatewayv2 create-route --api-id "$WS_API_ID" --route-key "$A" --target "integrations/$(get WS_INTEGRATION "$B")" \
          --query RouteId >/dev/null
      fi ;;
    rule)
      say "EventBridge rule $A → $C"
      FN_ARN=$(arn "$C")
      RULE_ARN=$(awsl events put-rule --name "$A" --event-pattern "$B" --query RuleArn)
      awsl events put-targets --rule "$A" --targets "Id=1,Arn=$FN_ARN" >/dev/null
      awsl lambda add-permission --function-name "$FN_ARN" --statement-id "rule-$A" \
        --action lambda:InvokeFunction --principal events.amazonaws.com --source-arn "$RULE_ARN" >/dev/null ;;
    *)
      fail "unknown plan line '$KIND' (./agentflow deploy-plan is newer than this script)" ;;
  esac
done <<< "$PLAN"

if [ -n "$WS_API_ID" ]; then
  DEPLOYMENT=$(awsl apigatewayv2 create-deployment --api-id "$WS_API_ID" --query DeploymentId)
  awsl apigatewayv2 create-stage --api-id "$WS_API_ID" --stage-name "$WS_STAGE" --deployment-id "$DEPLOYMENT" >/dev/null
  WS_URL="$(awsl apigatewayv2 get-api --api-id "$WS_API_ID" --query ApiEndpoint)/$WS_STAGE"
fi
if [ -n "$HTTP_API_ID" ] && [ -z "$HTTP_API_URL" ]; then
  awsl apigatewayv2 create-stage --api-id "$HTTP_API_ID" --stage-name '$default' --auto-deploy >/dev/null
  HTTP_API_URL=$(awsl apigatewayv2 get-api --api-id "$HTTP_API_ID" --query ApiEndpoint)
fi

say "done"
echo "AGENTFLOW_HTTP_API_URL=$HTTP_API_URL"
echo "AGENTFLOW_WEBSOCKET_URL=$WS_URL"
echo "AGENTFLOW_USER_POOL_ID=$POOL_ID"
echo "AGENTFLOW_CLIENT_ID=$CLIENT_ID"
echo "AGENTFLOW_USER=$TEST_USER"
echo "AGENTFLOW_PASSWORD=$TEST_PASSWORD"
echo "AGENTFLOW_TOKEN=$TOKEN"
