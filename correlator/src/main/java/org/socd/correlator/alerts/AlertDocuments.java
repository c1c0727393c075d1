package org.socd.correlator.alerts;

import java.net.InetAddress;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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
 * detail. The fields are indexed only; what a search shows is one stored {@link AlertRecord}.
 * Documents written before the record (a stored field per attribute) are still read.
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
    /** The stored {@link AlertRecord}: everything a search shows, in one value. */
    static final String RECORD = "record";
    /** Stored fields of indexes written before the record, still read. */
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
    private static final long NANOS = 1_000_000_000L;
    private static final Map<List<String>, AttackTags> ATTACK_TAGS = new ConcurrentHashMap<>();
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

    /** A document for {@code stored} with a buffer of its own (the store reuses a {@link Builder}). */
    static Document toDocument(StoredAlert stored, long seq) {
        return new Builder().document(stored, seq);
    }

    /**
     * Builds documents with one reused record buffer. Not thread-safe: the store uses one under
     * its write lock. A document is valid until the next call: {@code IndexWriter} copies the
     * record when it adds the document.
     */
    static final class Builder {
        private final AlertRecord.Buffer record = new AlertRecord.Buffer();

        Document document(StoredAlert stored, long seq) {
            Alert alert = stored.alert();
            Document doc = new Document();
            // Indexed only: what a search shows comes from the record below.
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
            AttackTags attack = attackTags(alert.tags());
            for (String tactic : attack.tactics()) {
                addKeyword(doc, TACTICS, tactic);
            }
            for (String technique : attack.techniques()) {
                addKeyword(doc, TECHNIQUES, technique);
            }
            doc.add(new TextField(RULE_TITLE, alert.ruleTitle(), Field.Store.NO));
            // Syslog events say "message", Windows events "Message".
            Object message = alert.event().getOrDefault(MESSAGE, alert.event().get("Message"));
            if (message != null) {
                doc.add(new TextField(MESSAGE, message.toString(), Field.Store.NO));
            }
            if (stored.resolution() != null) {
                doc.add(new TextField(RESOLUTION, stored.resolution(), Field.Store.NO));
            }
            for (Note note : stored.notes()) {
                doc.add(new TextField(NOTES, note.text(), Field.Store.NO));
            }
            addInstant(doc, TIMESTAMP, alert.timestamp());
            addInstant(doc, DETECTED_AT, alert.detectedAt());
            doc.add(new NumericDocValuesField(SEQ, seq));
            if (stored.touched()) {
                doc.add(new StringField(TOUCHED, "1", Field.Store.NO));
            }
            record.reset();
            AlertRecord.write(stored, seq, record);
            doc.add(new StoredField(RECORD, record.bytes()));
            return doc;
        }
    }

    static StoredAlert fromDocument(Document doc) {
        BytesRef record = doc.getBinaryValue(RECORD);
        if (record != null) {
            return AlertRecord.read(record);
        }
        // Indexes written before the record: a stored field per attribute.
        List<String> tags = List.of(doc.getValues(TAGS));
        Map<String, Object> event = readEvent(doc);
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
                instant(doc, TIMESTAMP),
                instant(doc, DETECTED_AT),
                event);
        String notes = doc.get(NOTES_JSON);
        String history = doc.get(HISTORY_JSON);
        return new StoredAlert(alert, doc.get(ASSIGNEE), doc.get(RESOLUTION),
                notes == null ? List.of() : JSON.readValue(notes, NOTES_TYPE),
                history == null ? List.of() : JSON.readValue(history, HISTORY_TYPE));
    }

    private static Map<String, Object> readEvent(Document doc) {
        BytesRef bytes = doc.getBinaryValue(EVENT);
        if (bytes != null) {
            return JSON.readValue(bytes.bytes, bytes.offset, bytes.length, EVENT_TYPE);
        }
        String text = doc.get(EVENT); // indexes written before the event was stored as bytes
        return text == null ? Map.of() : JSON.readValue(text, EVENT_TYPE);
    }

    private static Instant instant(Document doc, String field) {
        var f = doc.getField(field);
        Number n = f.numericValue();
        // Older indexes stored the ISO-8601 text.
        return n == null ? Instant.parse(f.stringValue())
                : Instant.ofEpochSecond(Math.floorDiv(n.longValue(), NANOS), Math.floorMod(n.longValue(), NANOS));
    }

    /** The ATT&amp;CK names of one rule's tags; rules are few, so each list is derived once. */
    private static AttackTags attackTags(List<String> tags) {
        AttackTags known = ATTACK_TAGS.get(tags);
        if (known == null) {
            if (ATTACK_TAGS.size() > 10_000) {
                ATTACK_TAGS.clear(); // a flood of distinct tag lists must not grow the heap
            }
            known = new AttackTags(Attack.tactics(tags), Attack.techniques(tags));
            ATTACK_TAGS.put(tags, known);
        }
        return known;
    }

    private record AttackTags(List<String> tactics, List<String> techniques) {
    }

    /** The sequence number stored with the document. */
    static long seq(Document doc) {
        BytesRef record = doc.getBinaryValue(RECORD);
        if (record != null) {
            return AlertRecord.seq(record);
        }
        var f = doc.getField(SEQ);
        return f == null ? 0 : f.numericValue().longValue();
    }

    /** The alert id stored with the document. */
    static String id(Document doc) {
        BytesRef record = doc.getBinaryValue(RECORD);
        return record != null ? AlertRecord.id(record) : doc.get(ID);
    }

    /** The rule title stored with the document. */
    static String ruleTitle(Document doc) {
        BytesRef record = doc.getBinaryValue(RECORD);
        return record != null ? AlertRecord.ruleTitle(record) : doc.get(RULE_TITLE);
    }

    /** How keyword values are indexed; queries get the same treatment from the analyzer. */
    static String keyword(String value) {
        return value.toLowerCase(Locale.ROOT);
    }

    private static void addKeyword(Document doc, String field, String value) {
        if (value == null) {
            return;
        }
        // Indexed lower-cased (analysts match case-insensitively); the record keeps the value
        // as the machine reported it.
        String indexed = value.length() > MAX_TERM_CHARS ? value.substring(0, MAX_TERM_CHARS) : value;
        doc.add(new StringField(field, keyword(indexed), Field.Store.NO));
        if (GROUP_FIELDS.contains(field)) {
            doc.add(new SortedSetDocValuesField(field, new BytesRef(indexed)));
        }
    }

    private static void addIp(Document doc, String field, String value) {
        if (value == null) {
            return;
        }
        // A value that is no address (a host name in a src_ip field) stays visible (in the
        // record) but is not indexed as an address: there is nothing to compare it with.
        InetAddress address = IpLiterals.parse(value);
        if (address != null) {
            doc.add(new InetAddressPoint(field, address));
        }
    }

    private static void addInstant(Document doc, String field, Instant instant) {
        long millis = instant.toEpochMilli();
        doc.add(new LongPoint(field, millis));
        // Detection time is sorted and counted by. Event time's doc values are read by nothing
        // yet, but Lucene 9 wants one schema per field in an index: dropping them would refuse
        // every alert on a data dir written before.
        doc.add(new NumericDocValuesField(field, millis));
    }
}
