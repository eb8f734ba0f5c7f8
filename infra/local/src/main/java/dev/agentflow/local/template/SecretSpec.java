package dev.agentflow.local.template;

/**
 * An {@code AWS::SecretsManager::Secret} of the template.
 *
 * @param logicalId the logical id
 * @param name {@code Name}, else the logical id
 * @param description {@code Description}, or empty
 * @param secretString {@code SecretString}, else a value made as {@code GenerateSecretString} asks (a random
 *     password, or {@code SecretStringTemplate} with {@code GenerateStringKey} set to one)
 * @param generated whether {@code secretString} was generated ({@code GenerateSecretString}) rather than given
 */
public record SecretSpec(String logicalId, String name, String description, String secretString, boolean generated) {

  /** A secret whose value the template gives ({@code SecretString}). */
  public SecretSpec(String logicalId, String name, String description, String secretString) {
    this(logicalId, name, description, secretString, false);
  }

  @Override
  public String toString() {
    return "SecretSpec[" + logicalId + ", " + name + "]";
  }
}
