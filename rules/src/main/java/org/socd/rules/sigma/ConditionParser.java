package org.socd.rules.sigma;

import java.util.ArrayList;
import java.util.List;
import org.socd.rules.yaml.RuleSyntaxException;
import org.socd.rules.yaml.SourceLocation;

/**
 * Parses a Sigma condition by recursive descent with the specification's precedence, loosest
 * first: {@code or}, {@code and}, {@code not}, {@code 1/all of}, parentheses. Keywords are
 * lower-case as in the specification; anything else that is not a parenthesis is an identifier
 * or an identifier pattern.
 */
public final class ConditionParser {

    private static final String AGGREGATION = "aggregations after '|' (count(), near) are Sigma 1 syntax and "
            + "not supported; express them as a Sigma correlation rule";

    private final String text;
    private final SourceLocation location;
    private final List<Token> tokens;
    private int position;
    private int depth;

    /** Nesting of parentheses and 'not' beyond any real rule; bounds the recursion so a hostile rule cannot overflow the stack. */
    static final int MAX_DEPTH = 64;

    private record Token(String text, int offset) {}

    private ConditionParser(String text, SourceLocation location) {
        this.text = text;
        this.location = location;
        this.tokens = tokenize(text);
    }

    /**
     * Parses {@code text}; {@code location} is where the condition was written, for errors.
     *
     * @throws RuleSyntaxException naming the offending character position and what was expected
     */
    public static Condition parse(String text, SourceLocation location) {
        ConditionParser parser = new ConditionParser(text, location);
        if (parser.tokens.isEmpty()) {
            throw new RuleSyntaxException(location, "the condition is empty; write e.g. 'selection and not filter'");
        }
        Condition condition = parser.parseOr();
        if (parser.position < parser.tokens.size()) {
            Token extra = parser.tokens.get(parser.position);
            if (extra.text().equals("|")) {
                throw parser.error(extra, AGGREGATION);
            }
            throw parser.error(extra, "unexpected '" + extra.text() + "'; expected 'and', 'or' or the end of the condition");
        }
        return condition;
    }

    private Condition parseOr() {
        List<Condition> operands = new ArrayList<>();
        operands.add(parseAnd());
        while (accept("or")) {
            operands.add(parseAnd());
        }
        return operands.size() == 1 ? operands.get(0) : new Condition.Or(operands);
    }

    private Condition parseAnd() {
        List<Condition> operands = new ArrayList<>();
        operands.add(parseNot());
        while (accept("and")) {
            operands.add(parseNot());
        }
        return operands.size() == 1 ? operands.get(0) : new Condition.And(operands);
    }

    private Condition parseNot() {
        if (++depth > MAX_DEPTH) {
            throw error(tokens.get(Math.min(position, tokens.size() - 1)), "the condition nests deeper than " + MAX_DEPTH
                    + " levels of parentheses/'not'; simplify it");
        }
        try {
            if (accept("not")) {
                return new Condition.Not(parseNot());
            }
            return parsePrimary();
        } finally {
            depth--;
        }
    }

    private Condition parsePrimary() {
        Token token = next("an identifier, 'not', '1 of', 'all of' or '('");
        switch (token.text()) {
            case "(": {
                Condition inner = parseOr();
                Token close = next("')'");
                if (!close.text().equals(")")) {
                    throw error(close, "expected ')' to close the '(' at character " + (token.offset() + 1));
                }
                return inner;
            }
            case "1":
            case "all": {
                Token of = next("'of'");
                if (!of.text().equals("of")) {
                    throw error(of, "expected 'of' after '" + token.text() + "'");
                }
                Token target = next("'them' or an identifier pattern");
                if (isReserved(target.text()) && !target.text().equals("them")) {
                    throw error(target, "expected 'them' or an identifier pattern after '" + token.text() + " of'");
                }
                Condition.Quantifier quantifier =
                        token.text().equals("1") ? Condition.Quantifier.ONE : Condition.Quantifier.ALL;
                return new Condition.Quantified(quantifier, target.text().equals("them") ? null : target.text());
            }
            case "|":
                throw error(token, AGGREGATION);
            default:
                if (isReserved(token.text()) || token.text().equals(")")) {
                    throw error(token, "unexpected '" + token.text()
                            + "'; expected an identifier, 'not', '1 of', 'all of' or '('");
                }
                if (token.text().matches("\\d+")) {
                    throw error(token, "'" + token.text() + " of' is not Sigma; only '1 of' and 'all of' exist");
                }
                return new Condition.Identifier(token.text());
        }
    }

    private static boolean isReserved(String word) {
        return switch (word) {
            case "and", "or", "not", "of", "them", "(", ")", "|" -> true;
            default -> false;
        };
    }

    private boolean accept(String keyword) {
        if (position < tokens.size() && tokens.get(position).text().equals(keyword)) {
            position++;
            return true;
        }
        return false;
    }

    private Token next(String expected) {
        if (position >= tokens.size()) {
            throw new RuleSyntaxException(location, "condition '" + text + "' ends early; expected " + expected);
        }
        return tokens.get(position++);
    }

    private RuleSyntaxException error(Token token, String problem) {
        return new RuleSyntaxException(location,
                "condition '" + text + "', at character " + (token.offset() + 1) + ": " + problem);
    }

    private static List<Token> tokenize(String text) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '(' || c == ')' || c == '|') {
                tokens.add(new Token(String.valueOf(c), i));
                i++;
            } else {
                int start = i;
                while (i < text.length() && !Character.isWhitespace(text.charAt(i))
                        && "()|".indexOf(text.charAt(i)) < 0) {
                    i++;
                }
                tokens.add(new Token(text.substring(start, i), start));
            }
        }
        return tokens;
    }
}
