package dev.agentflow.local.template;

/**
 * One problem {@link TemplateValidator} found in a template.
 *
 * @param code what kind of problem, e.g. {@code MISSING_PROPERTY}, {@code UNKNOWN_REFERENCE},
 *     {@code WILDCARD_POLICY} (the constants of {@link TemplateValidator})
 * @param where where it is, as a path into the template, e.g. {@code Resources.ApiFunction.Properties.Handler}
 * @param message what is wrong, naming the offending value
 */
public record TemplateProblem(String code, String where, String message) {

  @Override
  public String toString() {
    return code + " at " + where + ": " + message;
  }
}
