package org.socd.correlator.alerts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.core.KeywordTokenizerFactory;
import org.apache.lucene.analysis.core.LowerCaseFilterFactory;
import org.apache.lucene.analysis.custom.CustomAnalyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.InetAddressPoint;
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
            return parser.parse(quoteAddresses(text));
        } catch (ParseException e) {
            throw new AlertQueryException("bad alert query: " + e.getMessage()
                    + " (syntax: Lucene classic query syntax, e.g. host:pc-01* AND level:high)", e);
        }
    }

    /**
     * Puts CIDR blocks and IPv6 addresses after an address field in quotes: the classic syntax
     * reads {@code /} as the start of a regular expression and {@code :} as a field separator,
     * and analysts should not have to know that to type {@code src_ip:10.0.0.0/8}.
     */
    static String quoteAddresses(String text) {
        return ADDRESS_TERM.matcher(text).replaceAll("$1:\"$2\"");
    }

    private static final Pattern ADDRESS_TERM = Pattern.compile(
            "(?<![\\w.])(src_ip|dst_ip):([0-9A-Fa-f.]+/\\d{1,3}|[0-9A-Fa-f.]*:[0-9A-Fa-f:.]*(?:/\\d{1,3})?)(?=$|[\\s)])");

    /** The classic parser with instants for the time fields and addresses for the IP fields. */
    private static final class Parser extends MultiFieldQueryParser {
        Parser(Analyzer analyzer) {
            super(AlertDocuments.TEXT_FIELDS.toArray(String[]::new), analyzer);
            // A leading wildcard scans every term of a field; on a year of alerts that stalls
            // the index for everybody, so analysts get an error instead.
            setAllowLeadingWildcard(false);
        }

        @Override
        protected Query getPrefixQuery(String field, String termStr) throws ParseException {
            if (field != null && AlertDocuments.IP_FIELDS.contains(field)) {
                return octetPrefix(field, termStr);
            }
            return super.getPrefixQuery(field, termStr);
        }

        @Override
        protected Query getWildcardQuery(String field, String termStr) throws ParseException {
            if (field != null && AlertDocuments.IP_FIELDS.contains(field)) {
                if (termStr.endsWith(".*")) {
                    return octetPrefix(field, termStr.substring(0, termStr.length() - 1));
                }
                throw new ParseException(field + ": wildcards on addresses only end whole octets (10.0.0.*);"
                        + " use a CIDR block such as " + field + ":10.0.0.0/24 or a range [10.0.0.1 TO 10.0.0.99]");
            }
            return super.getWildcardQuery(field, termStr);
        }

        @Override
        protected Query getRangeQuery(String field, String part1, String part2,
                                      boolean startInclusive, boolean endInclusive) throws ParseException {
            if (field != null && AlertDocuments.IP_FIELDS.contains(field)) {
                return addressRange(field, part1, part2, startInclusive, endInclusive);
            }
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
            if (field != null && AlertDocuments.IP_FIELDS.contains(field)) {
                return address(field, queryText);
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
            if (field != null && AlertDocuments.IP_FIELDS.contains(field)) {
                return address(field, queryText);
            }
            return super.getFieldQuery(field, queryText, slop);
        }

        /** An address ({@code 10.0.0.5}, {@code 2001:db8::1}) or a CIDR block ({@code 10.0.0.0/8}). */
        private static Query address(String field, String text) throws ParseException {
            int slash = text.indexOf('/');
            InetAddress address = literal(field, slash < 0 ? text : text.substring(0, slash));
            if (slash < 0) {
                return InetAddressPoint.newExactQuery(field, address);
            }
            int bits = address.getAddress().length * 8;
            int prefix;
            try {
                prefix = Integer.parseInt(text.substring(slash + 1));
            } catch (NumberFormatException e) {
                prefix = -1;
            }
            if (prefix < 0 || prefix > bits) {
                throw new ParseException(field + ": '" + text + "' has a bad prefix length; use 0 to " + bits
                        + ", e.g. " + field + ":10.0.0.0/8");
            }
            return InetAddressPoint.newPrefixQuery(field, address, prefix);
        }

        /** {@code 10.0.0.*} or {@code 10.0.} as the CIDR block of the whole octets given. */
        private static Query octetPrefix(String field, String text) throws ParseException {
            String t = text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
            String[] parts = t.split("\\.");
            if (parts.length < 1 || parts.length > 3 || !t.matches("\\d{1,3}(\\.\\d{1,3}){0,2}")) {
                throw new ParseException(field + ": '" + text + "*' is not a prefix of whole IPv4 octets;"
                        + " use a CIDR block such as " + field + ":10.0.0.0/8");
            }
            StringBuilder full = new StringBuilder(t);
            for (int i = parts.length; i < 4; i++) {
                full.append(".0");
            }
            return InetAddressPoint.newPrefixQuery(field, literal(field, full.toString()), parts.length * 8);
        }

        private static Query addressRange(String field, String part1, String part2,
                                          boolean startInclusive, boolean endInclusive) throws ParseException {
            InetAddress lower = part1 == null ? null : literal(field, part1);
            InetAddress upper = part2 == null ? null : literal(field, part2);
            boolean v6 = (lower != null && lower.getAddress().length == 16) || (upper != null && upper.getAddress().length == 16);
            try {
                if (lower == null) {
                    lower = InetAddress.getByName(v6 ? "::" : "0.0.0.0");
                } else if (!startInclusive) {
                    lower = InetAddressPoint.nextUp(lower);
                }
                if (upper == null) {
                    upper = InetAddress.getByName(v6 ? "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff" : "255.255.255.255");
                } else if (!endInclusive) {
                    upper = InetAddressPoint.nextDown(upper);
                }
            } catch (java.net.UnknownHostException | ArithmeticException e) {
                throw new ParseException(field + ": empty address range [" + part1 + " TO " + part2 + "]");
            }
            return InetAddressPoint.newRangeQuery(field, lower, upper);
        }

        private static InetAddress literal(String field, String text) throws ParseException {
            InetAddress address = IpLiterals.parse(text);
            if (address == null) {
                throw new ParseException(field + " takes IP addresses or CIDR blocks such as 10.0.0.5, 10.0.0.0/8"
                        + " or \"2001:db8::/32\", not '" + text + "'");
            }
            return address;
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
