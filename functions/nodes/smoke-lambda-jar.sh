#!/usr/bin/env bash
# Checks the packaged Lambda jar (target/nodes-lambda.jar) on its own: every handler constructs, and the
# trimmed openai-java (see the shade filter in pom.xml) handles every path the llm node uses.
# Run after `mvn -o -pl functions/nodes -am package -DskipTests` whenever dependencies or shade filters change.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
JAR="$(ls "$HERE"/target/nodes-lambda.jar | head -1)"
OUT="$(mktemp -d)"
trap 'rm -rf "$OUT"' EXIT
javac -cp "$JAR" -d "$OUT" "$HERE/src/smoke/java/LambdaJarSmoke.java"
java -cp "$JAR:$OUT" LambdaJarSmoke 2>&1 | grep -v '^SLF4J'
