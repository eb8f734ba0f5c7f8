package dev.agentflow.shared.paging;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Fixed-width UTC timestamps for sort keys ({@code 2026-01-29T10:05:00.000Z}): {@link Instant#toString()}
 * drops zero milliseconds, which would make string order differ from time order.
 */
public final class SortKeys {

    private static final DateTimeFormatter FIXED =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private SortKeys() {
    }

    /** The instant as a fixed-width, lexicographically ordered string (millisecond precision). */
    public static String time(Instant instant) {
        return FIXED.format(instant);
    }

    /** {@code <fixed time>#<id>}: newest-first order with a unique tie-break. */
    public static String timeAndId(Instant instant, String id) {
        return time(instant) + "#" + id;
    }
}
