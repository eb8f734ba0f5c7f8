package dev.agentflow.local.template;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The KMS keys, aliases and Secrets Manager secrets of a template, which the local cloud creates at start-up
 * so that the values {@code !Ref} / {@code !GetAtt} give functions name usable resources. Ids are the ones
 * {@link IntrinsicResolver} hands out (a key's id is derived from its logical id, so it is the same at every
 * start and matches the key kept in a data directory).
 *
 * @param keys {@code AWS::KMS::Key} resources
 * @param aliases {@code AWS::KMS::Alias} resources
 * @param secrets {@code AWS::SecretsManager::Secret} resources
 */
public record SecurityResources(List<KmsKeySpec> keys, List<KmsAliasSpec> aliases, List<SecretSpec> secrets) {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final SecureRandom RANDOM = new SecureRandom();

  public SecurityResources {
    keys = List.copyOf(keys);
    aliases = List.copyOf(aliases);
    secrets = List.copyOf(secrets);
  }

  /** @return none (no template) */
  public static SecurityResources none() {
    return new SecurityResources(List.of(), List.of(), List.of());
  }

  /**
   * Reads a template file.
   *
   * @throws TemplateException when it cannot be read or an intrinsic cannot be evaluated
   */
  public static SecurityResources read(Path path, StackSettings settings) {
    return fromTree(TemplateYaml.read(path), settings);
  }

  /** Reads template text (YAML or JSON). */
  public static SecurityResources parse(String text, StackSettings settings) {
    return fromTree(TemplateYaml.parse(text), settings);
  }

  private static SecurityResources fromTree(JsonNode template, StackSettings settings) {
    IntrinsicResolver resolver = new IntrinsicResolver(template, settings);
    List<KmsKeySpec> keys = new ArrayList<>();
    List<KmsAliasSpec> aliases = new ArrayList<>();
    List<SecretSpec> secrets = new ArrayList<>();
    Iterator<Map.Entry<String, JsonNode>> resources = template.path("Resources").fields();
    while (resources.hasNext()) {
      Map.Entry<String, JsonNode> entry = resources.next();
      String id = entry.getKey();
      if (!resolver.included(id)) {
        continue;
      }
      JsonNode properties = entry.getValue().path("Properties");
      try {
        switch (entry.getValue().path("Type").asText()) {
          case "AWS::KMS::Key" -> keys.add(new KmsKeySpec(id, resolver.ref(id).asText(),
              getAtt(resolver, id, "Arn"), text(resolver, properties.path("Description"), "")));
          case "AWS::KMS::Alias" -> aliases.add(new KmsAliasSpec(id, resolver.ref(id).asText(),
              text(resolver, properties.path("TargetKeyId"), null)));
          case "AWS::SecretsManager::Secret" -> secrets.add(new SecretSpec(id,
              text(resolver, properties.path("Name"), id), text(resolver, properties.path("Description"), ""),
              secretString(resolver, properties), resolver.resolveText(properties.path("SecretString")) == null));
          default -> { }
        }
      } catch (TemplateException e) {
        throw new TemplateException("Resource " + id + ": " + e.getMessage(), e);
      }
    }
    return new SecurityResources(keys, aliases, secrets);
  }

  private static String getAtt(IntrinsicResolver resolver, String logicalId, String attribute) {
    ObjectNode getAtt = JSON.createObjectNode();
    getAtt.putArray("Fn::GetAtt").add(logicalId).add(attribute);
    return resolver.resolveText(getAtt);
  }

  private static String text(IntrinsicResolver resolver, JsonNode value, String fallback) {
    String text = resolver.resolveText(value);
    return text == null ? fallback : text;
  }

  private static String secretString(IntrinsicResolver resolver, JsonNode properties) {
    String given = resolver.resolveText(properties.path("SecretString"));
    if (given != null) {
      return given;
    }
    JsonNode generate = resolver.resolve(properties.path("GenerateSecretString"));
    int length = generate.path("PasswordLength").asInt(32);
    String password = password(length, generate.path("ExcludePunctuation").asBoolean(false));
    if (generate.hasNonNull("SecretStringTemplate") && generate.hasNonNull("GenerateStringKey")) {
      try {
        ObjectNode object = (ObjectNode) JSON.readTree(generate.get("SecretStringTemplate").asText());
        object.put(generate.get("GenerateStringKey").asText(), password);
        return object.toString();
      } catch (JsonProcessingException | ClassCastException e) {
        throw new TemplateException("SecretStringTemplate is not a JSON object", e);
      }
    }
    return password;
  }

  private static String password(int length, boolean noPunctuation) {
    String chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789" + (noPunctuation ? "" : "!#$%&*+-=?@^_");
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < length; i++) {
      out.append(chars.charAt(RANDOM.nextInt(chars.length())));
    }
    return out.toString();
  }
}
