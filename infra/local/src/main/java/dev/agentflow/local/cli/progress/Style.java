package dev.agentflow.local.cli.progress;

import java.util.Map;

/**
 * How progress is drawn on standard error.
 *
 * @param interactive stderr is a terminal: a spinner line rewritten in place while waiting; otherwise a plain
 *                    "still running" line every {@link ProgressRenderer#QUIET_PERIOD_MS} ms
 * @param color       ANSI colours
 * @param unicode     symbols such as ✓ ✗ ●; otherwise ASCII
 */
public record Style(boolean interactive, boolean color, boolean unicode) {

    /** No terminal, no colour, ASCII: logs and tests. */
    public static Style plain() {
        return new Style(false, false, false);
    }

    /**
     * From the environment the launcher sets: {@code AGENTFLOW_STDERR_TTY=1} when stderr is a terminal (a JVM
     * cannot tell by itself when stdout is piped, as in {@code ./agentflow run … | jq}); {@code NO_COLOR}
     * (no-color.org) and {@code TERM=dumb} turn colour off; unicode unless the locale is not UTF-8.
     */
    public static Style fromEnvironment(Map<String, String> env) {
        boolean tty = "1".equals(env.get("AGENTFLOW_STDERR_TTY")) && !"dumb".equals(env.get("TERM"));
        boolean color = tty && env.get("NO_COLOR") == null;
        String locale = (env.getOrDefault("LC_ALL", "") + env.getOrDefault("LC_CTYPE", "") + env.getOrDefault("LANG", ""))
                .toUpperCase(java.util.Locale.ROOT);
        boolean unicode = locale.isEmpty() || locale.contains("UTF-8") || locale.contains("UTF8");
        return new Style(tty, color, unicode);
    }
}
