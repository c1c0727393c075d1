package org.socd.rules.pack;

/**
 * A rule file that was skipped, and why.
 *
 * @param location {@code file:line:col} when known, else the file
 * @param message  what is wrong and what to do about it
 */
public record RuleError(String location, String message) {

    @Override
    public String toString() {
        return location + ": " + message;
    }
}
