package org.socd.rules.correlation;

import org.socd.rules.yaml.SourceLocation;

/**
 * One entry of a correlation's {@code rules}: a rule or correlation id or {@code name}, resolved
 * only after every file is loaded because it may name a rule of another file.
 *
 * @param text     the id or name as written
 * @param location where it was written, for "no such rule" errors
 */
public record RuleReference(String text, SourceLocation location) {}
