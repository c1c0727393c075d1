package org.socd.rules.sigma;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.socd.rules.sigma.Condition.And;
import org.socd.rules.sigma.Condition.Identifier;
import org.socd.rules.sigma.Condition.Not;
import org.socd.rules.sigma.Condition.Or;
import org.socd.rules.sigma.Condition.Quantified;
import org.socd.rules.sigma.Condition.Quantifier;
import org.socd.rules.yaml.RuleSyntaxException;
import org.socd.rules.yaml.SourceLocation;

class ConditionParserTest {

    private static final SourceLocation AT = new SourceLocation("r.yml", 9, 16);

    private static Condition parse(String text) {
        return ConditionParser.parse(text, AT);
    }

    private static Identifier id(String name) {
        return new Identifier(name);
    }

    @Test
    void precedenceIsNotThenAndThenOr() {
        assertEquals(new Or(List.of(id("a"), new And(List.of(id("b"), new Not(id("c")))))),
                parse("a or b and not c"));
        assertEquals(new Or(List.of(new And(List.of(new Not(id("a")), id("b"))), id("c"))),
                parse("not a and b or c"));
        assertEquals(new And(List.of(new Or(List.of(id("a"), id("b"))), id("c"))), parse("(a or b) and c"));
        assertEquals(new Not(new Not(id("a"))), parse("not not a"));
        assertEquals(new And(List.of(id("a"), id("b"), id("c"))), parse("a and b and c"));
    }

    @Test
    void quantifiers() {
        assertEquals(new Quantified(Quantifier.ONE, "selection*"), parse("1 of selection*"));
        assertEquals(new Quantified(Quantifier.ALL, null), parse("all of them"));
        assertEquals(new And(List.of(new Quantified(Quantifier.ONE, "sel*"), new Not(new Quantified(Quantifier.ONE, "filter*")))),
                parse("1 of sel* and not 1 of filter*"));
        assertEquals(new And(List.of(id("a"), id("b"))), parse("a and(b)"));
    }

    @Test
    void errorsSayWhereAndWhat() {
        assertError("selection and", "ends early");
        assertError("(selection", "ends early; expected ')'");
        assertError("selection)", "at character 10: unexpected ')'");
        assertError("2 of sel*", "only '1 of' and 'all of'");
        assertError("1 sel*", "expected 'of'");
        assertError("selection | count() > 5", "aggregations");
        assertError("selection selection2", "at character 11");
        assertError("  ", "empty");
        assertError("all of and", "expected 'them' or an identifier pattern");
    }

    private static void assertError(String condition, String expected) {
        RuleSyntaxException e = assertThrows(RuleSyntaxException.class, () -> parse(condition));
        assertEquals(AT, e.location());
        assertTrue(e.getMessage().contains(expected), () -> "'" + e.getMessage() + "' lacks '" + expected + "'");
    }
}
