package org.socd.collector.http;

/**
 * One Server-Sent Event.
 *
 * @param event the event type ({@code alert}, {@code update})
 * @param data  one line of JSON
 */
public record ServerSentEvent(String event, String data) {
    /** The wire form: {@code event:} and {@code data:} lines and a blank line. */
    public String wire() {
        return "event: " + event + "\ndata: " + data.replace("\n", "\ndata: ") + "\n\n";
    }
}
