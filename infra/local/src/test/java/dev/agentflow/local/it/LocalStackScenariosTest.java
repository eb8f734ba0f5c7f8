package dev.agentflow.local.it;

import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * The integration scenarios on LocalStack (Testcontainers): reported as skipped where there is no Docker engine,
 * and, with Docker, skipped with the reason when LOCALSTACK_AUTH_TOKEN, the AWS CLI or the Lambda jars are missing.
 */
@Testcontainers(disabledWithoutDocker = true)
class LocalStackScenariosTest extends ScenarioSuite {

  @Override
  protected Target deploy() throws Exception {
    return LocalStackTarget.start();
  }
}
