package dev.agentflow.local.dynamodb.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AttributeValuesTest {

  @Test
  void compare_shouldOrderNumbersNumericallyStringsByUtf8AndBinaryUnsigned() {
    assertTrue(AttributeValues.compare(Json.obj("{'N':'9'}"), Json.obj("{'N':'10'}")) < 0);
    assertEquals(0, AttributeValues.compare(Json.obj("{'N':'1.50'}"), Json.obj("{'N':'1.5'}")));
    assertTrue(AttributeValues.compare(Json.obj("{'N':'-2'}"), Json.obj("{'N':'-1E0'}")) < 0);
    // U+FF5E (3 UTF-8 bytes, EF..) sorts before U+1F600 (4 bytes, F0..), unlike Java's UTF-16 order
    assertTrue(AttributeValues.compare(Json.obj("{'S':'\uff5e'}"), Json.obj("{'S':'\ud83d\ude00'}")) < 0);
    assertTrue(AttributeValues.compare(Json.obj("{'S':'a'}"), Json.obj("{'S':'ab'}")) < 0);
    // 0x7f < 0x80 unsigned (f38= / gA==)
    assertTrue(AttributeValues.compare(Json.obj("{'B':'fw=='}"), Json.obj("{'B':'gA=='}")) < 0);
    assertThrows(IllegalArgumentException.class,
        () -> AttributeValues.compare(Json.obj("{'N':'1'}"), Json.obj("{'S':'1'}")));
  }

  @Test
  void equal_shouldCompareNumbersNumericallyAndSetsWithoutOrder() {
    assertTrue(AttributeValues.equal(Json.obj("{'N':'1.0'}"), Json.obj("{'N':'1'}")));
    assertTrue(AttributeValues.equal(Json.obj("{'NS':['1','2']}"), Json.obj("{'NS':['2.0','1']}")));
    assertTrue(AttributeValues.equal(Json.obj("{'SS':['a','b']}"), Json.obj("{'SS':['b','a']}")));
    assertFalse(AttributeValues.equal(Json.obj("{'SS':['a','b']}"), Json.obj("{'SS':['a']}")));
    assertFalse(AttributeValues.equal(Json.obj("{'L':[{'S':'a'},{'S':'b'}]}"), Json.obj("{'L':[{'S':'b'},{'S':'a'}]}")));
    assertTrue(AttributeValues.equal(Json.obj("{'M':{'a':{'N':'1'}}}"), Json.obj("{'M':{'a':{'N':'1.00'}}}")));
    assertFalse(AttributeValues.equal(Json.obj("{'S':'1'}"), Json.obj("{'N':'1'}")));
  }

  @Test
  void sizeOf_shouldCountNamesAndValuesByDynamoDbRules() {
    assertEquals(1 + 3, AttributeValues.sizeOf(Json.obj("{'a':{'S':'abc'}}")));
    assertEquals(1 + 2, AttributeValues.sizeOf(Json.obj("{'a':{'S':'\u00fc'}}")), "UTF-8 bytes");
    assertEquals(1 + 4, AttributeValues.sizeOf(Json.obj("{'n':{'N':'12345'}}")), "1 byte per 2 digits + 1");
    assertEquals(1 + 1, AttributeValues.sizeOf(Json.obj("{'b':{'BOOL':true}}")));
    assertEquals(1 + 3 + (1 + 1) + (1 + 1), AttributeValues.sizeOf(Json.obj("{'l':{'L':[{'NULL':true},{'S':'x'}]}}")));
    assertEquals(1 + 3 + (1 + 1 + 1), AttributeValues.sizeOf(Json.obj("{'m':{'M':{'k':{'S':'v'}}}}")));
  }
}
