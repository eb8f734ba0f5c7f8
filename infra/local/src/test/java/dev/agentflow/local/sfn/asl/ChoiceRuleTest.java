package dev.agentflow.local.sfn.asl;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** StringMatches patterns and RFC 3339 timestamps (developer guide, "Choice Rules"). */
class ChoiceRuleTest {

  @Test
  void stringMatches_supportsWildcardsAndEscapes() {
    assertTrue(ChoiceRule.matches("log-2024.txt", "log-*.txt"));
    assertTrue(ChoiceRule.matches("anything", "*"));
    assertTrue(ChoiceRule.matches("", "*"));
    assertTrue(ChoiceRule.matches("a*b", "a\\*b"));
    assertFalse(ChoiceRule.matches("axb", "a\\*b"));
    assertTrue(ChoiceRule.matches("a\\b", "a\\\\b"));
    assertTrue(ChoiceRule.matches("abcabc", "*abc"));
    assertFalse(ChoiceRule.matches("abcab", "*abc"));
  }

  @Test
  void timestamps_mustBeRfc3339WithOffset() {
    assertTrue(ChoiceRule.timestamp("2016-03-14T01:59:00Z") != null);
    assertTrue(ChoiceRule.timestamp("2016-03-14T01:59:00.123+02:00") != null);
    assertTrue(ChoiceRule.timestamp("2016-03-14 01:59:00Z") == null);
    assertTrue(ChoiceRule.timestamp("2016-03-14T01:59:00") == null);
  }
}
