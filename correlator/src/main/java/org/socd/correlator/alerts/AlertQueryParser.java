package org.socd.correlator.alerts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.core.KeywordTokenizerFactory;
import org.apache.lucene.analysis.core.LowerCaseFilterFactory;
import org.apache.lucene.analysis.custom.CustomAnalyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.queryparser.classic.MultiFieldQueryParser;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;

/**
 * Turns what an analyst types into a Lucene query: classic syntax, free text over
 * {@code message} and {@code rule_title}, case-insensitive keyword fields, and ISO-8601
 * ranges on {@code timestamp} and {@code detected_at}.
 *
 * <p>Not thread-safe (the classic parser keeps state); make one per search, they are cheap.
 */
final class AlertQueryParser {

    private final Analyzer analyzer;

    AlertQueryParser(Analyzer analyzer) {
        this.analyzer = analyzer;
    }

    /**
     * The analyzer for indexing and querying alerts. Keyword fields keep the whole value as
     * one lower-cased token, matching how {@link AlertDocuments} indexes them; everything
     * else goes through the standard analyzer.
     */
    static Analyzer analyzer() {
        try {
            Analyzer keyword = CustomAnalyzer.builder()
                    .withTokenizer(KeywordTokenizerFactory.class)
                    .addTokenFilter(LowerCaseFilterFactory.class)
                    .build();
            Map<String, Analyzer> perField = new HashMap<>();
            for (String field : AlertDocuments.KEYWORD_FIELDS) {
                perField.put(field, keyword);
            }
            return new PerFieldAnalyzerWrapper(new StandardAnalyzer(), perField);
        } catch (IOException e) {
            // Only loading resource files can fail here, and these factories use none.
            throw new UncheckedIOException("cannot build the alert query analyzer", e);
        }
    }

    /** Parses {@code text}; blank means all alerts. */
    Query parse(String text) {
        if (text == null || text.isBlank()) {
            return new MatchAllDocsQuery();
        }
        Parser parser = new Parser(analyzer);
        try {
            return parser.parse(text);
        } catch (ParseException e) {
            throw new AlertQueryException("bad alert query: " + e.getMessage()
                    + " (syntax: Lucene classic query syntax, e.g. host:pc-01* AND level:high)", e);
        }
    }

    /** The classic parser with instants for the time fields. */
    private static final class Parser extends MultiFieldQueryParser {
        Parser(Analyzer analyzer) {
            super(AlertDocuments.TEXT_FIELDS.toArray(String[]::new), analyzer);
            // A leading wildcard scans every term of a field; on a year of alerts that stalls
            // the index for everybody, so analysts get an error instead.
            setAllowLeadingWildcard(false);
        }

        @Override
        protected Query getRangeQuery(String field, String part1, String part2,
                                      boolean startInclusive, boolean endInclusive) throws ParseException {
            if (field == null || !AlertDocuments.TIME_FIELDS.contains(field)) {
                return super.getRangeQuery(field, part1, part2, startInclusive, endInclusive);
            }
            long lower = part1 == null ? Long.MIN_VALUE : millis(field, part1);
            long upper = part2 == null ? Long.MAX_VALUE : millis(field, part2);
            if (part1 != null && !startInclusive) {
                lower = lower == Long.MAX_VALUE ? lower : lower + 1;
            }
            if (part2 != null && !endInclusive) {
                upper = upper == Long.MIN_VALUE ? upper : upper - 1;
            }
            return LongPoint.newRangeQuery(field, lower, upper);
        }

        @Override
        protected Query getFieldQuery(String field, String queryText, boolean quoted) throws ParseException {
            if (field != null && AlertDocuments.TIME_FIELDS.contains(field)) {
                return LongPoint.newExactQuery(field, millis(field, queryText));
            }
            return super.getFieldQuery(field, queryText, quoted);
        }

        // Quoted terms take this path, and MultiFieldQueryParser's version calls the
        // three-argument form with invokespecial, bypassing the override above.
        @Override
        protected Query getFieldQuery(String field, String queryText, int slop) throws ParseException {
            if (field != null && AlertDocuments.TIME_FIELDS.contains(field)) {
                return LongPoint.newExactQuery(field, millis(field, queryText));
            }
            return super.getFieldQuery(field, queryText, slop);
        }

        /** ISO-8601 instant, offset date-time, local date-time (UTC) or date (UTC midnight). */
        private static long millis(String field, String text) throws ParseException {
            String value = text.trim();
            try {
                if (value.length() == 10) {
                    return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
                }
                if (value.endsWith("Z") || value.endsWith("z")) {
                    return Instant.parse(value.toUpperCase(java.util.Locale.ROOT)).toEpochMilli();
                }
                if (value.matches(".*[+-]\\d\\d:?\\d\\d$")) {
                    return OffsetDateTime.parse(value).toInstant().toEpochMilli();
                }
                return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC).toEpochMilli();
            } catch (DateTimeException e) {
                throw new ParseException("field '" + field + "' takes ISO-8601 times such as 2026-11-26T10:00:00Z"
                        + " or 2026-11-26, not '" + text + "'");
            }
        }
    }
}
