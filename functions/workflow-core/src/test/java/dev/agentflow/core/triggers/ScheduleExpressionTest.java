package dev.agentflow.core.triggers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** EventBridge Scheduler expressions ("Schedule types on EventBridge Scheduler"): parsing and next fire times. */
class ScheduleExpressionTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @Test
    void rate_shouldStartAtOnce_andRecurEveryInterval() {
        ScheduleExpression e = ScheduleExpression.parse("rate(5 minutes)");
        Instant t0 = Instant.parse("2026-01-01T10:00:30Z");

        assertEquals(ScheduleExpression.Kind.RATE, e.kind());
        assertEquals(Duration.ofMinutes(5), e.rate());
        assertEquals(Optional.of(t0), e.firstAtOrAfter(t0, ZoneOffset.UTC));
        assertEquals(Optional.of(t0.plusSeconds(300)), e.nextAfter(t0, ZoneOffset.UTC));
        assertEquals(Duration.ofDays(1), ScheduleExpression.parse("rate(1 day)").rate());
        assertEquals(Duration.ofHours(2), ScheduleExpression.parse("rate(2 hours)").rate());
    }

    @Test
    void cron_shouldFireAtTheNextMatchingMinute_inItsTimeZone() {
        // 09:00 every day in Shanghai (UTC+8) is 01:00 UTC
        ScheduleExpression e = ScheduleExpression.parse("cron(0 9 * * ? *)");
        Instant from = Instant.parse("2026-03-10T02:00:00Z");

        assertEquals(Optional.of(Instant.parse("2026-03-11T01:00:00Z")), e.firstAtOrAfter(from, SHANGHAI));
        assertEquals(Optional.of(Instant.parse("2026-03-10T09:00:00Z")), e.firstAtOrAfter(from, ZoneOffset.UTC));
        assertEquals(Optional.of(Instant.parse("2026-03-12T01:00:00Z")),
                e.nextAfter(Instant.parse("2026-03-11T01:00:00Z"), SHANGHAI));
    }

    @Test
    void cron_atOrAfter_shouldIncludeAnExactMatch() {
        ScheduleExpression e = ScheduleExpression.parse("cron(*/15 * * * ? *)");
        assertEquals(Optional.of(Instant.parse("2026-01-01T10:15:00Z")),
                e.firstAtOrAfter(Instant.parse("2026-01-01T10:15:00Z"), ZoneOffset.UTC));
        assertEquals(Optional.of(Instant.parse("2026-01-01T10:30:00Z")),
                e.nextAfter(Instant.parse("2026-01-01T10:15:00Z"), ZoneOffset.UTC));
    }

    @Test
    void cron_dayOfWeek_shouldCountSundayAsOne_andAcceptNames() {
        // AWS: 1-7 = SUN-SAT. 2026-01-05 is a Monday.
        Instant monday = Instant.parse("2026-01-05T00:00:00Z");
        assertEquals(Optional.of(Instant.parse("2026-01-05T12:00:00Z")),
                ScheduleExpression.parse("cron(0 12 ? * 2 *)").firstAtOrAfter(monday, ZoneOffset.UTC));
        assertEquals(Optional.of(Instant.parse("2026-01-09T08:00:00Z")),
                ScheduleExpression.parse("cron(0 8 ? * FRI *)").firstAtOrAfter(monday, ZoneOffset.UTC));
        assertEquals(Optional.of(Instant.parse("2026-01-31T18:00:00Z")),
                ScheduleExpression.parse("cron(0 18 L * ? *)").firstAtOrAfter(monday, ZoneOffset.UTC));
    }

    @Test
    void cron_withAPastYearOnly_shouldNeverFire() {
        assertEquals(Optional.empty(), ScheduleExpression.parse("cron(0 0 1 1 ? 2020)")
                .firstAtOrAfter(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));
    }

    @Test
    void at_shouldFireOnceInItsZone() {
        ScheduleExpression e = ScheduleExpression.parse("at(2026-06-01T09:30:00)");
        assertEquals(Optional.of(Instant.parse("2026-06-01T01:30:00Z")),
                e.firstAtOrAfter(Instant.parse("2026-05-01T00:00:00Z"), SHANGHAI));
        assertEquals(Optional.empty(), e.nextAfter(Instant.parse("2026-06-01T01:30:00Z"), SHANGHAI));
        assertEquals(Optional.empty(), e.firstAtOrAfter(Instant.parse("2026-07-01T00:00:00Z"), SHANGHAI));
    }

    @Test
    void parse_shouldNormalizeCronSpacing() {
        assertEquals("cron(0 9 * * ? *)", ScheduleExpression.parse("  cron( 0  9 * * ?   * ) ").text());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "every day", "rate(0 minutes)", "rate(1 minutes)", "rate(5 minute)", "rate(2 weeks)",
            "rate(-1 minute)", "cron(0 9 * * *)", "cron(0 9 * * ? * *)", "cron(0 9 * * 1 *)", "cron(60 9 * * ? *)",
            "cron(0 24 * * ? *)", "cron(0 9 32 * ? *)", "cron(0 9 ? 13 * *)", "cron(0 9 ? * 8 *)", "cron(0 9 * * ? 1969)",
            "cron(0 9 ? * * *)x", "cron(a b c d e f)", "at(2026-13-01T00:00:00)", "at(2026-01-01)", "rate(1 minute"})
    void parse_shouldRefuseMalformedExpressions(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ScheduleExpression.parse(text));
        assertTrue(e.getMessage() != null && !e.getMessage().isBlank());
    }
}
