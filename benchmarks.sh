#!/usr/bin/env bash
# Runs every AgentFlow benchmark and prints its figures (markdown tables) on stdout.
# Usage: ./benchmarks.sh            (all)     ./benchmarks.sh compiler   (one, by name)
# Latest figures are kept in BENCHMARKS.md.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")" && pwd)"
cd "$ROOT"
echo "building (tests skipped)…" >&2
mvn -q -B -DskipTests install >&2

run() { # name module main-class
  local name=$1 module=$2 main=$3
  if [ -z "$ONLY" ] || [ "$ONLY" = "$name" ]; then
    echo "## $name"
    echo
    mvn -q -B -pl "$module" exec:java -Dexec.classpathScope=test -Dexec.mainClass="$main"
    echo
  fi
}
ONLY=${1:-}
run compiler functions/workflow-core dev.agentflow.core.bench.CompilerBenchmark
run stepfunctions infra/local dev.agentflow.local.sfn.bench.SfnBenchmark
run api infra/local dev.agentflow.local.api.bench.ApiBenchmark
run realtime infra/local dev.agentflow.local.realtime.bench.RealtimeBenchmark
run run infra/local dev.agentflow.local.cli.bench.RunBenchmark
run webhook infra/local dev.agentflow.local.api.bench.WebhookBenchmark
run ddbexpr infra/local dev.agentflow.local.dynamodb.expr.bench.ExpressionBenchmark
# Further benchmarks register here, one line each.
run dynamodb infra/local dev.agentflow.local.dynamodb.bench.DynamoDbBenchmark
