package org.socd.collector.journal;

import java.util.LinkedHashMap;
import java.util.Map;
import org.socd.collector.http.ApiRequest;
import org.socd.collector.http.ApiResponse;
import org.socd.collector.http.Endpoint;

/** {@code GET /api/v1/journal}: the journal's {@link JournalStatus} as JSON with snake_case keys. */
public final class JournalEndpoint implements Endpoint {

    public static final String PATH = "/api/v1/journal";

    private final Journal journal;

    public JournalEndpoint(Journal journal) {
        this.journal = journal;
    }

    @Override
    public ApiResponse handle(ApiRequest request) {
        return ApiResponse.ok(toJson(journal.status()));
    }

    static Map<String, Object> toJson(JournalStatus s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("enabled", true);
        m.put("dir", s.dir());
        m.put("size_bytes", s.sizeBytes());
        m.put("segments", s.segments());
        m.put("oldest_position", s.oldestPosition());
        m.put("newest_position", s.newestPosition());
        m.put("checkpoint", s.checkpoint());
        m.put("lag_records", s.lagRecords());
        m.put("lag_seconds", Double.isNaN(s.lagSeconds()) ? null : s.lagSeconds());
        m.put("blocked", s.blocked());
        m.put("corrupt_records", s.corruptRecords());
        m.put("truncated_bytes", s.truncatedBytes());
        return m;
    }
}
