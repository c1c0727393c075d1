/**
 * Alerts: the {@link org.socd.correlator.alerts.Alert} value, the
 * {@link org.socd.correlator.alerts.AlertSink} the pipeline feeds, and the Lucene-backed
 * {@link org.socd.correlator.alerts.AlertStore} analysts search and triage, with Lucene classic syntax
 * over the fields {@code id, rule_id, rule_title, level, tags, tactics, techniques, status, host, user, src_ip, dst_ip, agent_id, assignee,
 * message, timestamp, detected_at}.
 */
package org.socd.correlator.alerts;
