package org.socd.correlator.alerts;

import java.util.List;

/**
 * One page of search results.
 *
 * @param alerts     the alerts on this page, newest detection first
 * @param totalHits  how many alerts match in total (exact), which may exceed the page size
 * @param nextCursor pass to {@link AlertQuery#cursor()} for the next page; null on the last page
 */
public record AlertPage(List<StoredAlert> alerts, long totalHits, String nextCursor) {
    public AlertPage {
        alerts = List.copyOf(alerts);
    }
}
