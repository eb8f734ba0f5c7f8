package dev.agentflow.local.template;

import java.util.List;
import java.util.Optional;

/**
 * What the local cloud runs from a SAM template: its functions, tables and EventBridge rules, with every
 * intrinsic resolved. Read with {@link SamTemplateReader}.
 *
 * @param settings the stack settings the template was resolved with
 * @param functions {@code AWS::Serverless::Function} / {@code AWS::Lambda::Function} resources
 * @param tables {@code AWS::DynamoDB::Table} / {@code AWS::Serverless::SimpleTable} resources
 * @param eventRules enabled and disabled rules on the default event bus that have an event pattern
 */
public record SamTemplate(StackSettings settings, List<FunctionSpec> functions, List<TableSpec> tables,
    List<EventRuleSpec> eventRules) {

  public SamTemplate {
    functions = List.copyOf(functions);
    tables = List.copyOf(tables);
    eventRules = List.copyOf(eventRules);
  }

  /** @return a template with nothing in it (for {@code up} without a template.yaml) */
  public static SamTemplate empty(StackSettings settings) {
    return new SamTemplate(settings, List.of(), List.of(), List.of());
  }

  /** @return the function with this logical id or function name */
  public Optional<FunctionSpec> function(String logicalIdOrName) {
    return functions.stream()
        .filter(f -> f.logicalId().equals(logicalIdOrName) || f.functionName().equals(logicalIdOrName))
        .findFirst();
  }

  /** @return the table with this logical id or table name */
  public Optional<TableSpec> table(String logicalIdOrName) {
    return tables.stream()
        .filter(t -> t.logicalId().equals(logicalIdOrName) || t.tableName().equals(logicalIdOrName))
        .findFirst();
  }
}
