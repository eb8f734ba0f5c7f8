package dev.agentflow.local.it;

/** The integration scenarios on the embedded local cloud: the default target, run by every {@code mvn verify}. */
class EmbeddedCloudScenariosTest extends ScenarioSuite {

  @Override
  protected Target deploy() throws Exception {
    return EmbeddedCloudTarget.start();
  }
}
