package org.socd.correlator.alerts;

/** What an analyst does to an alert; {@link AlertStore#update} applies it and records it. */
public sealed interface AlertChange {

    /** new -> acknowledged. */
    record Acknowledge() implements AlertChange {
    }

    /** new or acknowledged -> closed, with why (e.g. "false positive: backup job"). */
    record Close(String resolution) implements AlertChange {
        public Close {
            if (resolution == null || resolution.isBlank()) {
                throw new IllegalArgumentException("closing an alert needs a resolution, e.g. \"false positive\"");
            }
        }
    }

    /** Sets who works on the alert; blank unassigns. */
    record Assign(String assignee) implements AlertChange {
    }

    /** Adds a note. */
    record AddNote(String text) implements AlertChange {
        public AddNote {
            if (text == null || text.isBlank()) {
                throw new IllegalArgumentException("a note needs text");
            }
        }
    }
}
