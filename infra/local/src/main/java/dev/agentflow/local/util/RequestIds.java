package dev.agentflow.local.util;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Random version-4 UUIDs for identifiers that only need to be unique, not unguessable: request ids, event ids,
 * log stream names. {@link UUID#randomUUID()} draws from one shared {@code SecureRandom}, whose lock every
 * request of the local cloud contended for under load; this draws from {@link ThreadLocalRandom}. Never use it
 * for anything a caller could gain by guessing (tokens, secrets, resource ids that act as capabilities).
 */
public final class RequestIds {

  private RequestIds() {}

  /** @return a random UUID (version 4, IETF variant) as its 36-character text */
  public static String next() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long high = (random.nextLong() & ~0xF000L) | 0x4000L;
    long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(high, low).toString();
  }
}
