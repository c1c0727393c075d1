package org.socd.correlator.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.IndexableField;
import org.junit.jupiter.api.Test;
import org.socd.rules.Level;

class AlertDocumentsTest {

    private static Alert alert(Instant timestamp, Instant detectedAt) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("message", "Failed password for root");
        event.put("severity", 4); // an int: what JSON reads back
        return new Alert("a1", "rule-ssh", "SSH brute force", Level.HIGH, List.of("attack.t1110", "attack.credential-access"),
                AlertStatus.NEW, "PC-01", "root", "10.0.0.5", timestamp, detectedAt, event);
    }

    /** What Lucene hands back when reading: the stored values only. */
    private static Document storedOnly(Document doc) {
        Document out = new Document();
        for (IndexableField f : doc) {
            if (f.fieldType().stored()) {
                out.add(f);
            }
        }
        return out;
    }

    @Test
    void instantsComeBackToTheNanosecond() {
        Alert a = alert(Instant.parse("2026-11-26T10:00:00.123456789Z"), Instant.parse("2026-11-26T10:00:01.000000001Z"));
        StoredAlert back = AlertDocuments.fromDocument(storedOnly(AlertDocuments.toDocument(StoredAlert.fresh(a), 1)));
        assertEquals(StoredAlert.fresh(a), back);
    }

    @Test
    void anEventTimeFarOutsideTheNanosecondRangeIsKeptToo() {
        // Garbage in (an event claiming the year 9999 or 1000) must still be indexed and shown.
        Alert a = alert(Instant.parse("9999-12-31T23:59:59.5Z"), Instant.parse("2026-11-26T10:00:01Z"));
        Alert b = alert(Instant.parse("1000-01-01T00:00:00Z"), Instant.parse("2026-11-26T10:00:01Z"));
        for (Alert x : List.of(a, b)) {
            assertEquals(StoredAlert.fresh(x),
                    AlertDocuments.fromDocument(storedOnly(AlertDocuments.toDocument(StoredAlert.fresh(x), 1))));
        }
    }

    @Test
    void documentsOfTheEarlierLayoutStillRead() {
        // Before: instants as ISO-8601 text, the event as a JSON string, keywords stored apart.
        Document old = new Document();
        old.add(new StoredField("id", "a1"));
        old.add(new StoredField("rule_id", "rule-ssh"));
        old.add(new StoredField("rule_title", "SSH brute force"));
        old.add(new StoredField("level", "high"));
        old.add(new StoredField("tags", "attack.t1110"));
        old.add(new StoredField("status", "new"));
        old.add(new StoredField("host", "PC-01"));
        old.add(new StringField("user", "root", Field.Store.YES));
        old.add(new StoredField("src_ip", "10.0.0.5"));
        old.add(new StoredField("timestamp", "2026-11-26T10:00:00.5Z"));
        old.add(new StoredField("detected_at", "2026-11-26T10:00:01Z"));
        old.add(new StoredField("event", "{\"message\":\"Failed password\",\"severity\":4}"));
        Alert a = AlertDocuments.fromDocument(old).alert();
        assertEquals(Instant.parse("2026-11-26T10:00:00.5Z"), a.timestamp());
        assertEquals(Instant.parse("2026-11-26T10:00:01Z"), a.detectedAt());
        assertEquals("Failed password", a.event().get("message"));
        assertEquals("PC-01", a.host());
    }
}
