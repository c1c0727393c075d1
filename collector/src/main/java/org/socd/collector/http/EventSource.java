package org.socd.collector.http;

import java.util.function.Consumer;

/** Something a client can follow as Server-Sent Events (see {@link ApiResponse#eventStream}). */
@FunctionalInterface
public interface EventSource {
    /**
     * Starts sending events to {@code sink} (called from any thread).
     *
     * @return what stops it, called when the client goes away
     */
    Runnable subscribe(Consumer<ServerSentEvent> sink);
}
