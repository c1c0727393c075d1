package org.socd.correlator.alerts;

import java.util.List;

/**
 * One page of search results.
 *
 * @param alerts    the alerts on this page, newest detection first
 * @param totalHits how many alerts match in total (exact), which may exceed the page size
 */
public record AlertPage(List<Alert> alerts, long totalHits) {
    public AlertPage {
        alerts = List.copyOf(alerts);
    }
}
