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
    void theRecordIsTheOnlyStoredField() {
        Alert a = alert(Instant.parse("2026-11-26T10:00:00Z"), Instant.parse("2026-11-26T10:00:01Z"));
        Document doc = AlertDocuments.toDocument(new StoredAlert(a, "Bob", "benign",
                List.of(new Note(Instant.parse("2026-11-26T11:00:00Z"), "bob", "looked")),
                List.of(new HistoryEntry(Instant.parse("2026-11-26T11:00:00Z"), "bob", "noted", "looked"))), 7);
        List<String> stored = new java.util.ArrayList<>();
        for (IndexableField f : doc) {
            if (f.fieldType().stored()) {
                stored.add(f.name());
            }
        }
        assertEquals(List.of(AlertDocuments.RECORD), stored);
        assertEquals(7, AlertDocuments.seq(doc));
        assertEquals("a1", AlertDocuments.id(doc));
        assertEquals("SSH brute force", AlertDocuments.ruleTitle(doc));
        StoredAlert back = AlertDocuments.fromDocument(storedOnly(doc));
        assertEquals("Bob", back.assignee());
        assertEquals("benign", back.resolution());
        assertEquals("looked", back.notes().get(0).text());
        assertEquals("noted", back.history().get(0).action());
        assertEquals("PC-01", back.alert().host());
    }

    @Test
    void documentsOfThePerFieldLayoutStillRead() {
        // Before the record: a stored field per attribute, instants as epoch nanoseconds, the
        // event as JSON bytes, notes and history as JSON text.
        Document old = new Document();
        old.add(new StringField("id", "a1", Field.Store.YES));
        old.add(new StringField("rule_id", "rule-ssh", Field.Store.YES));
        old.add(new StoredField("rule_title", "SSH brute force"));
        old.add(new StringField("level", "high", Field.Store.YES));
        old.add(new StringField("tags", "attack.t1110", Field.Store.YES));
        old.add(new StringField("status", "acknowledged", Field.Store.YES));
        old.add(new StoredField("host", "PC-01"));
        old.add(new StoredField("src_ip", "10.0.0.5"));
        old.add(new StoredField("assignee", "bob"));
        old.add(new StoredField("timestamp", 1_795_687_200_500_000_001L));
        old.add(new StoredField("detected_at", 1_795_687_201_000_000_000L));
        old.add(new StoredField("seq", 42L));
        old.add(new StoredField("event", "{\"message\":\"Failed password\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        old.add(new StoredField("notes_json", "[{\"at\":\"2026-11-26T11:00:00Z\",\"author\":\"bob\",\"text\":\"looked\"}]"));
        StoredAlert s = AlertDocuments.fromDocument(old);
        assertEquals(Instant.parse("2026-11-26T10:00:00.500000001Z"), s.alert().timestamp());
        assertEquals(Instant.parse("2026-11-26T10:00:01Z"), s.alert().detectedAt());
        assertEquals(AlertStatus.ACKNOWLEDGED, s.status());
        assertEquals("bob", s.assignee());
        assertEquals("looked", s.notes().get(0).text());
        assertEquals("Failed password", s.alert().event().get("message"));
        assertEquals(42, AlertDocuments.seq(old));
        assertEquals("a1", AlertDocuments.id(old));
        assertEquals("SSH brute force", AlertDocuments.ruleTitle(old));
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
