package org.socd.cli.output;

import java.util.Map;

/**
 * ANSI colours for alert levels, on only when a person is looking: stdout is a terminal,
 * {@code NO_COLOR} is not set (https://no-color.org) and {@code TERM} is not {@code dumb}.
 */
public final class Colors {

    private static final String RESET = "\u001b[0m";
    private static final Map<String, String> BY_LEVEL = Map.of(
            "critical", "\u001b[1;97;41m", // bold white on red: cannot be missed
            "high", "\u001b[1;31m",
            "medium", "\u001b[33m",
            "low", "\u001b[36m",
            "informational", "\u001b[2m");

    private final boolean enabled;

    public Colors(boolean enabled) {
        this.enabled = enabled;
    }

    /** Colours when stdout is a terminal and neither NO_COLOR nor TERM=dumb says otherwise. */
    public static Colors auto(Map<String, String> env) {
        boolean terminal = System.console() != null;
        boolean noColor = env.containsKey("NO_COLOR") && !env.get("NO_COLOR").isEmpty();
        boolean dumb = "dumb".equals(env.get("TERM"));
        return new Colors(terminal && !noColor && !dumb);
    }

    public boolean enabled() {
        return enabled;
    }

    /** {@code text} in the colour of {@code level}; unchanged when colours are off or the level is unknown. */
    public String level(String level, String text) {
        String code = level == null ? null : BY_LEVEL.get(level.toLowerCase(java.util.Locale.ROOT));
        return enabled && code != null ? code + text + RESET : text;
    }

    public String bold(String text) {
        return enabled ? "\u001b[1m" + text + RESET : text;
    }
}
