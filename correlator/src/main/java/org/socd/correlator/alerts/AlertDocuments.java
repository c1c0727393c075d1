package org.socd.correlator.alerts;

import java.net.InetAddress;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.InetAddressPoint;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedSetDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.Term;
import org.apache.lucene.util.BytesRef;
import org.socd.rules.Level;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The mapping between a {@link StoredAlert} and its Lucene document. The field names are the
 * names analysts type in queries, so they are part of the product, not an implementation
 * detail.
 */
final class AlertDocuments {

    static final String ID = "id";
    static final String RULE_ID = "rule_id";
    static final String RULE_TITLE = "rule_title";
    static final String LEVEL = "level";
    static final String TAGS = "tags";
    static final String TACTICS = "tactics";
    static final String TECHNIQUES = "techniques";
    static final String STATUS = "status";
    static final String HOST = "host";
    static final String USER = "user";
    static final String SRC_IP = "src_ip";
    static final String DST_IP = "dst_ip";
    static final String AGENT_ID = "agent_id";
    static final String ASSIGNEE = "assignee";
    static final String RESOLUTION = "resolution";
    static final String NOTES = "notes";
    static final String MESSAGE = "message";
    static final String TIMESTAMP = "timestamp";
    static final String DETECTED_AT = "detected_at";
    static final String EVENT = "event";
    /** Indexing order, the tie-breaker of one millisecond and half of the paging cursor. */
    static final String SEQ = "seq";
    /** Marks alerts an analyst has changed, so the store can find them again after a restart. */
    static final String TOUCHED = "touched";
    private static final String NOTES_JSON = "notes_json";
    private static final String HISTORY_JSON = "history_json";

    /** Exact-match fields: indexed lower-cased so {@code level:HIGH} and {@code host:pc-01*} match. */
    static final Set<String> KEYWORD_FIELDS = Set.of(ID, RULE_ID, LEVEL, TAGS, TACTICS, TECHNIQUES, STATUS, HOST,
            USER, AGENT_ID, ASSIGNEE);
    /** Fields counted by stats, which carry sorted-set doc values as well. */
    static final Set<String> GROUP_FIELDS = Set.of(RULE_ID, HOST, LEVEL, TACTICS);
    /** IP addresses, indexed as points for exact, range and CIDR queries. */
    static final Set<String> IP_FIELDS = Set.of(SRC_IP, DST_IP);
    /** Analysed free-text fields; a query term without a field searches these. */
    static final List<String> TEXT_FIELDS = List.of(MESSAGE, RULE_TITLE);
    /** Instants, indexed as epoch milliseconds for ranges and sorting. */
    static final Set<String> TIME_FIELDS = Set.of(TIMESTAMP, DETECTED_AT);

    /** Lucene refuses longer terms; a longer value is still stored, just not indexed whole. */
    private static final int MAX_TERM_CHARS = 8000;

    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<LinkedHashMap<String, Object>> EVENT_TYPE = new TypeReference<>() {
    };
    private static final TypeReference<List<Note>> NOTES_TYPE = new TypeReference<>() {
    };
    private static final TypeReference<List<HistoryEntry>> HISTORY_TYPE = new TypeReference<>() {
    };

    private AlertDocuments() {
    }

    /** The term that identifies an alert's document, for updates and lookups. */
    static Term idTerm(String id) {
        return new Term(ID, keyword(id));
    }

    static Document toDocument(StoredAlert stored, long seq) {
        Alert alert = stored.alert();
        Document doc = new Document();
        addKeyword(doc, ID, alert.id());
        addKeyword(doc, RULE_ID, alert.ruleId());
        addKeyword(doc, LEVEL, alert.level().sigmaName());
        addKeyword(doc, STATUS, alert.status().jsonName());
        addKeyword(doc, HOST, alert.host());
        addKeyword(doc, USER, alert.user());
        addKeyword(doc, AGENT_ID, stored.agentId());
        addKeyword(doc, ASSIGNEE, stored.assignee());
        addIp(doc, SRC_IP, alert.srcIp());
        addIp(doc, DST_IP, stored.dstIp());
        for (String tag : alert.tags()) {
            addKeyword(doc, TAGS, tag);
        }
        for (String tactic : stored.tactics()) {
            addKeyword(doc, TACTICS, tactic);
        }
        for (String technique : stored.techniques()) {
            addKeyword(doc, TECHNIQUES, technique);
        }
        // Titles are stored for display; the message is only indexed because the event JSON
        // already holds it and storing it twice would double the index for nothing.
        doc.add(new TextField(RULE_TITLE, alert.ruleTitle(), Field.Store.YES));
        // Syslog events say "message", Windows events "Message".
        Object message = alert.event().getOrDefault(MESSAGE, alert.event().get("Message"));
        if (message != null) {
            doc.add(new TextField(MESSAGE, message.toString(), Field.Store.NO));
        }
        if (stored.resolution() != null) {
            doc.add(new TextField(RESOLUTION, stored.resolution(), Field.Store.YES));
        }
        for (Note note : stored.notes()) {
            doc.add(new TextField(NOTES, note.text(), Field.Store.NO));
        }
        addInstant(doc, TIMESTAMP, alert.timestamp());
        addInstant(doc, DETECTED_AT, alert.detectedAt());
        doc.add(new NumericDocValuesField(SEQ, seq));
        doc.add(new StoredField(SEQ, seq));
        doc.add(new StoredField(EVENT, JSON.writeValueAsString(alert.event())));
        if (stored.touched()) {
            doc.add(new StringField(TOUCHED, "1", Field.Store.NO));
            doc.add(new StoredField(NOTES_JSON, JSON.writeValueAsString(stored.notes())));
            doc.add(new StoredField(HISTORY_JSON, JSON.writeValueAsString(stored.history())));
        }
        return doc;
    }

    static StoredAlert fromDocument(Document doc) {
        List<String> tags = List.of(doc.getValues(TAGS));
        String eventJson = doc.get(EVENT);
        Map<String, Object> event = eventJson == null ? Map.of() : JSON.readValue(eventJson, EVENT_TYPE);
        Alert alert = new Alert(
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
        String notes = doc.get(NOTES_JSON);
        String history = doc.get(HISTORY_JSON);
        return new StoredAlert(alert, doc.get(ASSIGNEE), doc.get(RESOLUTION),
                notes == null ? List.of() : JSON.readValue(notes, NOTES_TYPE),
                history == null ? List.of() : JSON.readValue(history, HISTORY_TYPE));
    }

    /** The sequence number stored with the document. */
    static long seq(Document doc) {
        var f = doc.getField(SEQ);
        return f == null ? 0 : f.numericValue().longValue();
    }

    /** How keyword values are indexed; queries get the same treatment from the analyzer. */
    static String keyword(String value) {
        return value.toLowerCase(Locale.ROOT);
    }

    private static void addKeyword(Document doc, String field, String value) {
        if (value == null) {
            return;
        }
        String indexed = value.length() > MAX_TERM_CHARS ? value.substring(0, MAX_TERM_CHARS) : value;
        // Indexed lower-cased, stored as given: analysts match case-insensitively but see
        // the host name the way the machine reported it.
        doc.add(new StringField(field, keyword(indexed), Field.Store.NO));
        doc.add(new StoredField(field, value));
        if (GROUP_FIELDS.contains(field)) {
            doc.add(new SortedSetDocValuesField(field, new BytesRef(indexed)));
        }
    }

    private static void addIp(Document doc, String field, String value) {
        if (value == null) {
            return;
        }
        doc.add(new StoredField(field, value));
        // A value that is no address (a host name in a src_ip field) stays visible but is not
        // indexed as an address: there is nothing to compare it with.
        InetAddress address = IpLiterals.parse(value);
        if (address != null) {
            doc.add(new InetAddressPoint(field, address));
        }
    }

    private static void addInstant(Document doc, String field, Instant instant) {
        long millis = instant.toEpochMilli();
        doc.add(new LongPoint(field, millis));
        doc.add(new NumericDocValuesField(field, millis));
        // Stored as text so the instant comes back exactly, nanoseconds included.
        doc.add(new StoredField(field, instant.toString()));
    }
}
