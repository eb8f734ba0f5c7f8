package dev.agentflow.local.util;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** {@link RequestIds}: valid version-4 UUID text, no repeats. */
class RequestIdsTest {

  @Test
  void idsAreVersion4UuidsWithoutRepeats() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 100_000; i++) {
      String id = RequestIds.next();
      UUID parsed = UUID.fromString(id);
      assertEquals(4, parsed.version(), id);
      assertEquals(2, parsed.variant(), id);
      assertEquals(id, parsed.toString());
      seen.add(id);
    }
    assertEquals(100_000, seen.size());
  }
}
