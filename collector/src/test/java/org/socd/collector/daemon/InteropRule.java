package org.socd.collector.daemon;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A test-only Sigma rule that turns every syslog event from the program {@code interop} into an
 * alert, so interoperability tests can see, count and inspect each message a real sender
 * delivered through the daemon's API.
 */
final class InteropRule {

    /** The appname (RFC 3164 tag) test senders use. */
    static final String APPNAME = "interop";

    private InteropRule() {
    }

    /** Writes the rule into {@code parent}/interop-rules and returns that directory. */
    static Path directory(Path parent) {
        Path dir = parent.resolve("interop-rules");
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("interop_every_message.yml"), """
                    title: Interop test sender message
                    id: 9b1c3f0e-7a52-4d0f-8c77-3f5e2f0d1a11
                    status: test
                    description: Every message from the test program 'interop' becomes an alert, so tests can count them.
                    author: socd tests
                    date: 2026-11-26
                    logsource:
                        product: linux
                        service: syslog
                    detection:
                        selection:
                            appname: interop
                        condition: selection
                    level: informational
                    """);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }
}
