package org.socd.correlator.alerts;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.Term;
import org.socd.rules.Level;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The mapping between an {@link Alert} and its Lucene document. The field names are the
 * names analysts type in queries, so they are part of the product, not an implementation
 * detail.
 */
final class AlertDocuments {

    static final String ID = "id";
    static final String RULE_ID = "rule_id";
    static final String RULE_TITLE = "rule_title";
    static final String LEVEL = "level";
    static final String TAGS = "tags";
    static final String STATUS = "status";
    static final String HOST = "host";
    static final String USER = "user";
    static final String SRC_IP = "src_ip";
    static final String MESSAGE = "message";
    static final String TIMESTAMP = "timestamp";
    static final String DETECTED_AT = "detected_at";
    static final String EVENT = "event";

    /** Exact-match fields: indexed lower-cased so {@code level:HIGH} and {@code host:pc-01*} match. */
    static final Set<String> KEYWORD_FIELDS = Set.of(ID, RULE_ID, LEVEL, TAGS, STATUS, HOST, USER, SRC_IP);
    /** Analysed free-text fields; a query term without a field searches these. */
    static final List<String> TEXT_FIELDS = List.of(MESSAGE, RULE_TITLE);
    /** Instants, indexed as epoch milliseconds for ranges and sorting. */
    static final Set<String> TIME_FIELDS = Set.of(TIMESTAMP, DETECTED_AT);

    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<LinkedHashMap<String, Object>> EVENT_TYPE = new TypeReference<>() {
    };

    private AlertDocuments() {
    }

    /** The term that identifies an alert's document, for updates and lookups. */
    static Term idTerm(String id) {
        return new Term(ID, keyword(id));
    }

    static Document toDocument(Alert alert) {
        Document doc = new Document();
        addKeyword(doc, ID, alert.id());
        addKeyword(doc, RULE_ID, alert.ruleId());
        addKeyword(doc, LEVEL, alert.level().sigmaName());
        addKeyword(doc, STATUS, alert.status().jsonName());
        addKeyword(doc, HOST, alert.host());
        addKeyword(doc, USER, alert.user());
        addKeyword(doc, SRC_IP, alert.srcIp());
        for (String tag : alert.tags()) {
            addKeyword(doc, TAGS, tag);
        }
        // Titles are stored for display; the message is only indexed because the event JSON
        // already holds it and storing it twice would double the index for nothing.
        doc.add(new TextField(RULE_TITLE, alert.ruleTitle(), Field.Store.YES));
        // Syslog events say "message", Windows events "Message".
        Object message = alert.event().getOrDefault(MESSAGE, alert.event().get("Message"));
        if (message != null) {
            doc.add(new TextField(MESSAGE, message.toString(), Field.Store.NO));
        }
        addInstant(doc, TIMESTAMP, alert.timestamp());
        addInstant(doc, DETECTED_AT, alert.detectedAt());
        doc.add(new StoredField(EVENT, JSON.writeValueAsString(alert.event())));
        return doc;
    }

    static Alert fromDocument(Document doc) {
        List<String> tags = List.of(doc.getValues(TAGS));
        String eventJson = doc.get(EVENT);
        Map<String, Object> event = eventJson == null ? Map.of() : JSON.readValue(eventJson, EVENT_TYPE);
        return new Alert(
                doc.get(ID),
                doc.get(RULE_ID),
                doc.get(RULE_TITLE),
                Level.parse(doc.get(LEVEL)),
                tags,
                AlertStatus.parse(doc.get(STATUS)),
                doc.get(HOST),
                doc.get(USER),
                doc.get(SRC_IP),
                Instant.parse(doc.get(TIMESTAMP)),
                Instant.parse(doc.get(DETECTED_AT)),
                event);
    }

    /** How keyword values are indexed; queries get the same treatment from the analyzer. */
    static String keyword(String value) {
        return value.toLowerCase(Locale.ROOT);
    }

    private static void addKeyword(Document doc, String field, String value) {
        if (value == null) {
            return;
        }
        // Indexed lower-cased, stored as given: analysts match case-insensitively but see
        // the host name the way the machine reported it.
        doc.add(new StringField(field, keyword(value), Field.Store.NO));
        doc.add(new StoredField(field, value));
    }

    private static void addInstant(Document doc, String field, Instant instant) {
        long millis = instant.toEpochMilli();
        doc.add(new LongPoint(field, millis));
        doc.add(new NumericDocValuesField(field, millis));
        // Stored as text so the instant comes back exactly, nanoseconds included.
        doc.add(new StoredField(field, instant.toString()));
    }
}
