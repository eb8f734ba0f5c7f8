package dev.agentflow.local.sfn.asl;

import java.util.HashMap;
import java.util.Map;

/**
 * The comparison operators of Choice rules, each with its {@code ...Path} variant (operand read from the
 * input) where the spec has one. Source: ASL spec, "Choice Rules"; developer guide, "Choice Rules".
 */
public enum ChoiceOperator {
  STRING_EQUALS(Kind.STRING, Relation.EQ),
  STRING_LESS_THAN(Kind.STRING, Relation.LT),
  STRING_GREATER_THAN(Kind.STRING, Relation.GT),
  STRING_LESS_THAN_EQUALS(Kind.STRING, Relation.LTE),
  STRING_GREATER_THAN_EQUALS(Kind.STRING, Relation.GTE),
  STRING_MATCHES(Kind.STRING, Relation.MATCHES),
  NUMERIC_EQUALS(Kind.NUMERIC, Relation.EQ),
  NUMERIC_LESS_THAN(Kind.NUMERIC, Relation.LT),
  NUMERIC_GREATER_THAN(Kind.NUMERIC, Relation.GT),
  NUMERIC_LESS_THAN_EQUALS(Kind.NUMERIC, Relation.LTE),
  NUMERIC_GREATER_THAN_EQUALS(Kind.NUMERIC, Relation.GTE),
  BOOLEAN_EQUALS(Kind.BOOLEAN, Relation.EQ),
  TIMESTAMP_EQUALS(Kind.TIMESTAMP, Relation.EQ),
  TIMESTAMP_LESS_THAN(Kind.TIMESTAMP, Relation.LT),
  TIMESTAMP_GREATER_THAN(Kind.TIMESTAMP, Relation.GT),
  TIMESTAMP_LESS_THAN_EQUALS(Kind.TIMESTAMP, Relation.LTE),
  TIMESTAMP_GREATER_THAN_EQUALS(Kind.TIMESTAMP, Relation.GTE),
  IS_NULL(Kind.TYPE_TEST, Relation.EQ),
  IS_PRESENT(Kind.TYPE_TEST, Relation.EQ),
  IS_NUMERIC(Kind.TYPE_TEST, Relation.EQ),
  IS_STRING(Kind.TYPE_TEST, Relation.EQ),
  IS_BOOLEAN(Kind.TYPE_TEST, Relation.EQ),
  IS_TIMESTAMP(Kind.TYPE_TEST, Relation.EQ);

  /** What the operator compares. */
  public enum Kind { STRING, NUMERIC, BOOLEAN, TIMESTAMP, TYPE_TEST }

  /** How it compares. */
  public enum Relation { EQ, LT, GT, LTE, GTE, MATCHES }

  private static final Map<String, ChoiceOperator> BY_FIELD = new HashMap<>();

  static {
    for (ChoiceOperator op : values()) {
      BY_FIELD.put(op.fieldName(), op);
    }
  }

  private final Kind kind;
  private final Relation relation;

  ChoiceOperator(Kind kind, Relation relation) {
    this.kind = kind;
    this.relation = relation;
  }

  /** @return what is compared */
  public Kind kind() {
    return kind;
  }

  /** @return the relation tested */
  public Relation relation() {
    return relation;
  }

  /** @return whether a {@code ...Path} variant exists (all comparisons except StringMatches and the type tests) */
  public boolean hasPathVariant() {
    return kind != Kind.TYPE_TEST && relation != Relation.MATCHES;
  }

  /** @return the field name in ASL, e.g. {@code "StringEquals"} */
  public String fieldName() {
    StringBuilder sb = new StringBuilder();
    for (String part : name().split("_")) {
      sb.append(part.charAt(0)).append(part.substring(1).toLowerCase(java.util.Locale.ROOT));
    }
    return sb.toString();
  }

  /** @return the operator for an ASL field name (without a {@code Path} suffix), or {@code null} */
  public static ChoiceOperator forField(String field) {
    return BY_FIELD.get(field);
  }
}
