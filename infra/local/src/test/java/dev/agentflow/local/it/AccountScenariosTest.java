package dev.agentflow.local.it;

import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * The integration scenarios on a stack deployed to a real account: run only when AGENTFLOW_STACK names it
 * (with AGENTFLOW_TOKEN; see {@link AccountTarget}), reported as skipped otherwise.
 */
@EnabledIfEnvironmentVariable(named = "AGENTFLOW_STACK", matches = ".+")
class AccountScenariosTest extends ScenarioSuite {

  @Override
  protected Target deploy() throws Exception {
    return AccountTarget.fromEnvironment();
  }
}
