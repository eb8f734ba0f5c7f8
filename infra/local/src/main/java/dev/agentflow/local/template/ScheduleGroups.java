package dev.agentflow.local.template;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The EventBridge Scheduler schedule groups of a template ({@code AWS::Scheduler::ScheduleGroup}, name from
 * {@code Name} or the logical id, as {@code !Ref} gives it), which the local scheduler creates at start-up.
 */
public final class ScheduleGroups {

  private ScheduleGroups() {}

  /**
   * The group names of a template file.
   *
   * @throws TemplateException when it cannot be read or a name cannot be evaluated
   */
  public static List<String> read(Path path, StackSettings settings) {
    return fromTree(TemplateYaml.read(path), settings);
  }

  /** The group names of template text (YAML or JSON). */
  public static List<String> parse(String text, StackSettings settings) {
    return fromTree(TemplateYaml.parse(text), settings);
  }

  private static List<String> fromTree(JsonNode template, StackSettings settings) {
    IntrinsicResolver resolver = new IntrinsicResolver(template, settings);
    List<String> names = new ArrayList<>();
    Iterator<Map.Entry<String, JsonNode>> resources = template.path("Resources").fields();
    while (resources.hasNext()) {
      Map.Entry<String, JsonNode> entry = resources.next();
      if (entry.getValue().path("Type").asText().equals("AWS::Scheduler::ScheduleGroup") && resolver.included(entry.getKey())) {
        names.add(resolver.ref(entry.getKey()).asText());
      }
    }
    return names;
  }
}
