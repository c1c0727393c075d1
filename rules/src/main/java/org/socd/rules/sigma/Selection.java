package org.socd.rules.sigma;

import java.util.List;

/** The content of one search identifier of a Sigma detection. */
public sealed interface Selection permits Selection.AllOf, Selection.AnyOf {

    /** A mapping: every term must hold. A plain keyword list is a single keyword term. */
    record AllOf(List<FieldTerm> terms) implements Selection {
        public AllOf {
            terms = List.copyOf(terms);
        }
    }

    /** A list of mappings (or of keywords mixed with mappings): one alternative must hold. */
    record AnyOf(List<Selection> alternatives) implements Selection {
        public AnyOf {
            alternatives = List.copyOf(alternatives);
        }
    }
}
