package org.socd.rules.yaml;

/**
 * A rule file cannot be used: says what is wrong and where. Unchecked because it always travels
 * straight up to the loader, which turns it into a {@code RuleError} and skips the file.
 */
public final class RuleSyntaxException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final SourceLocation location;
    private final String problem;

    public RuleSyntaxException(SourceLocation location, String problem) {
        super(location + ": " + problem);
        this.location = location;
        this.problem = problem;
    }

    public SourceLocation location() {
        return location;
    }

    /** The message without the location prefix. */
    public String problem() {
        return problem;
    }
}
