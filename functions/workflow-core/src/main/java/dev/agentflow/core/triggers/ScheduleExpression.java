package dev.agentflow.core.triggers;

import com.cronutils.model.Cron;
import com.cronutils.model.definition.CronConstraintsFactory;
import com.cronutils.model.definition.CronDefinition;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An EventBridge Scheduler schedule expression (EventBridge Scheduler User Guide, "Schedule types"):
 * {@code rate(value unit)} with unit {@code minute|minutes|hour|hours|day|days} (singular exactly when the
 * value is 1), {@code cron(minutes hours day-of-month month day-of-week year)} with the AWS field rules
 * (day-of-week 1–7 = SUN–SAT, {@code ? L W #}, one of day-of-month / day-of-week must be {@code ?}, year
 * 1970–2199), or {@code at(yyyy-mm-ddThh:mm:ss)}. Parsed with cron-utils under an AWS cron definition;
 * evaluated in a time zone. Immutable.
 */
public final class ScheduleExpression {

    /** The expression kinds. */
    public enum Kind { RATE, CRON, AT }

    private static final Pattern RATE = Pattern.compile("rate\\(\\s*(\\d{1,9})\\s+([a-z]+)\\s*\\)");
    private static final Pattern CRON = Pattern.compile("cron\\((.*)\\)");
    private static final Pattern AT = Pattern.compile("at\\((\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2})\\)");
    private static final Set<String> SINGULAR = Set.of("minute", "hour", "day");
    private static final Set<String> PLURAL = Set.of("minutes", "hours", "days");
    /** The AWS cron dialect: six fields, no seconds, year last. */
    private static final CronDefinition AWS_CRON = CronDefinitionBuilder.defineCron()
            .withMinutes().withValidRange(0, 59).and()
            .withHours().withValidRange(0, 23).and()
            .withDayOfMonth().withValidRange(1, 31).supportsL().supportsW().supportsLW().supportsQuestionMark().and()
            .withMonth().withValidRange(1, 12).and()
            .withDayOfWeek().withValidRange(1, 7).withMondayDoWValue(2).supportsHash().supportsL()
            .supportsQuestionMark().and()
            .withYear().withValidRange(1970, 2199).and()
            .withCronValidation(CronConstraintsFactory.ensureEitherDayOfWeekOrDayOfMonth())
            .instance();
    private static final CronParser PARSER = new CronParser(AWS_CRON);

    private final Kind kind;
    private final String text;
    private final Duration rate;
    private final ExecutionTime cron;
    private final LocalDateTime at;

    private ScheduleExpression(Kind kind, String text, Duration rate, ExecutionTime cron, LocalDateTime at) {
        this.kind = kind;
        this.text = text;
        this.rate = rate;
        this.cron = cron;
        this.at = at;
    }

    /**
     * Parses an expression.
     *
     * @param expression e.g. {@code rate(5 minutes)}, {@code cron(0 9 * * ? *)}, {@code at(2030-01-01T09:00:00)}
     * @throws IllegalArgumentException with a sentence saying what is wrong
     */
    public static ScheduleExpression parse(String expression) {
        if (expression == null || expression.isBlank()) {
            throw new IllegalArgumentException("The schedule expression is empty.");
        }
        String s = expression.trim();
        Matcher m = RATE.matcher(s);
        if (m.matches()) {
            return rate(s, m);
        }
        m = CRON.matcher(s);
        if (m.matches()) {
            return cron(s, m.group(1).trim());
        }
        m = AT.matcher(s);
        if (m.matches()) {
            try {
                return new ScheduleExpression(Kind.AT, s, null, null, LocalDateTime.parse(m.group(1)));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("'" + s + "' is not a valid at(yyyy-mm-ddThh:mm:ss) expression.", e);
            }
        }
        throw new IllegalArgumentException("'" + s + "' is not a schedule expression: use rate(value unit), "
                + "cron(minutes hours day-of-month month day-of-week year) or at(yyyy-mm-ddThh:mm:ss).");
    }

    private static ScheduleExpression rate(String s, Matcher m) {
        long value = Long.parseLong(m.group(1));
        String unit = m.group(2);
        if (value < 1) {
            throw new IllegalArgumentException("'" + s + "': the rate value must be a positive whole number.");
        }
        if (!SINGULAR.contains(unit) && !PLURAL.contains(unit)) {
            throw new IllegalArgumentException("'" + s + "': the rate unit must be minute(s), hour(s) or day(s).");
        }
        if (value == 1 != SINGULAR.contains(unit)) {
            throw new IllegalArgumentException("'" + s + "': use a singular unit for 1 and a plural one otherwise, "
                    + "e.g. rate(1 minute), rate(5 minutes).");
        }
        Duration unitLength = switch (unit.charAt(0)) {
            case 'm' -> Duration.ofMinutes(1);
            case 'h' -> Duration.ofHours(1);
            default -> Duration.ofDays(1);
        };
        return new ScheduleExpression(Kind.RATE, s, unitLength.multipliedBy(value), null, null);
    }

    private static ScheduleExpression cron(String s, String fields) {
        String[] parts = fields.split("\\s+");
        if (parts.length != 6) {
            throw new IllegalArgumentException("'" + s + "': a cron expression has six fields (minutes hours "
                    + "day-of-month month day-of-week year), this one has " + parts.length + ".");
        }
        if (!parts[2].equals("?") && !parts[4].equals("?")) {
            throw new IllegalArgumentException("'" + s + "': one of day-of-month and day-of-week must be '?'.");
        }
        Cron parsed;
        try {
            parsed = PARSER.parse(String.join(" ", parts));
            parsed.validate();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + s + "' is not a valid cron expression: " + e.getMessage(), e);
        }
        return new ScheduleExpression(Kind.CRON, "cron(" + String.join(" ", parts) + ")", null,
                ExecutionTime.forCron(parsed), null);
    }

    /** @return the kind */
    public Kind kind() {
        return kind;
    }

    /** @return the normalized expression text (cron fields single-spaced) */
    public String text() {
        return text;
    }

    /** @return the interval of a rate expression, or null */
    public Duration rate() {
        return rate;
    }

    /**
     * The first time the schedule fires at or after {@code from}: a rate schedule starts at once (EventBridge
     * Scheduler: without a StartDate a rate schedule starts invoking at creation), a cron schedule at its next
     * matching minute in {@code zone}, an at schedule at its time in {@code zone} (empty when that has passed).
     */
    public Optional<Instant> firstAtOrAfter(Instant from, ZoneId zone) {
        return switch (kind) {
            case RATE -> Optional.of(from);
            case CRON -> nextCron(from.truncatedTo(ChronoUnit.SECONDS).minusSeconds(1), zone);
            case AT -> {
                Instant when = at.atZone(zone).toInstant();
                yield when.isBefore(from.truncatedTo(ChronoUnit.SECONDS)) ? Optional.empty() : Optional.of(when);
            }
        };
    }

    /** The time after a firing at {@code fired}: {@code fired + rate}, the next cron match, or empty (at). */
    public Optional<Instant> nextAfter(Instant fired, ZoneId zone) {
        return switch (kind) {
            case RATE -> Optional.of(fired.plus(rate));
            case CRON -> nextCron(fired, zone);
            case AT -> Optional.empty();
        };
    }

    private Optional<Instant> nextCron(Instant after, ZoneId zone) {
        return cron.nextExecution(ZonedDateTime.ofInstant(after, zone == null ? ZoneOffset.UTC : zone))
                .map(ZonedDateTime::toInstant);
    }

    @Override
    public String toString() {
        return text;
    }
}
