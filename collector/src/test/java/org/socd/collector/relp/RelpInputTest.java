package org.socd.collector.relp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.EventLoopGroup;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.socd.collector.journal.Journal;
import org.socd.collector.journal.JournalSettings;
import org.socd.collector.net.Transport;

/** The RELP session over a real socket, against a real journal. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RelpInputTest {

    @TempDir
    Path dir;

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private Journal journal;
    private EventLoopGroup group;
    private RelpInput input;

    @BeforeEach
    void start() throws IOException {
        journal = Journal.open(new JournalSettings(dir, 1 << 20, 5, 1 << 20, 1 << 20, 1 << 30, Duration.ofDays(1), 0),
                registry);
        Transport t = Transport.best();
        group = t.newGroup(1);
        input = RelpInput.start(t, group, group, new java.net.InetSocketAddress("127.0.0.1", 0), journal, registry);
    }

    @AfterEach
    void stop() {
        input.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        journal.close();
    }

    private Socket connect() throws IOException {
        Socket s = new Socket("127.0.0.1", input.localAddress().getPort());
        s.setSoTimeout(20_000);
        return s;
    }

    private static void send(Socket s, String frames) throws IOException {
        OutputStream out = s.getOutputStream();
        out.write(frames.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** Reads one response frame, data included (it may contain LFs: DATALEN says how much). */
    private static String response(BufferedReader in) throws IOException {
        StringBuilder header = new StringBuilder();
        int spaces = 0;
        int c;
        while ((c = in.read()) >= 0) {
            if (c == ' ' && ++spaces == 3) {
                break;
            }
            if (c == '\n' && spaces == 2) {
                return header.toString(); // DATALEN 0
            }
            header.append((char) c);
        }
        int length = Integer.parseInt(header.substring(header.lastIndexOf(" ") + 1));
        char[] data = new char[length];
        int read = 0;
        while (read < length) {
            read += in.read(data, read, length - read);
        }
        assertEquals('\n', in.read(), "frame trailer");
        return header + " " + new String(data);
    }

    private static String msg(String text) {
        return "<13>Nov 26 10:00:00 relphost app: " + text;
    }

    private static String frame(long txnr, String command, String data) {
        int length = data.getBytes(StandardCharsets.UTF_8).length;
        return txnr + " " + command + " " + length + (length > 0 ? " " + data : "") + "\n";
    }

    @Test
    void openSyslogCloseAreAnsweredInOrderAndMessagesAreDurableFirst() throws Exception {
        try (Socket s = connect()) {
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
            send(s, frame(1, "open", "relp_version=0\nrelp_software=test\ncommands=syslog")
                    + frame(2, "syslog", msg("one")) + frame(3, "syslog", msg("two")) + frame(4, "bogus", "x")
                    + frame(5, "close", ""));
            String open = response(in);
            assertTrue(open.startsWith("1 rsp "), open);
            assertTrue(open.contains("200 OK\n") && open.contains("relp_version=0") && open.contains("commands=syslog"), open);
            assertEquals("2 rsp 6 200 OK", response(in));
            assertTrue(journal.durableEnd() >= 1, "answered before the message was durable");
            assertEquals("3 rsp 6 200 OK", response(in));
            assertTrue(response(in).startsWith("4 rsp ") , "unknown commands get an answer too");
            assertEquals("5 rsp 6 200 OK", response(in));
            assertEquals(-1, in.read(), "the server closes after close");
        }
        assertEquals(2, journal.durableEnd());
    }

    @Test
    void aRetransmissionOnANewConnectionIsAnsweredButNotJournaledTwice() throws Exception {
        for (int attempt = 0; attempt < 2; attempt++) {
            try (Socket s = connect()) {
                BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
                send(s, frame(1, "open", "relp_version=0\ncommands=syslog") + frame(2, "syslog", msg("only once")));
                response(in);
                assertEquals("2 rsp 6 200 OK", response(in));
            }
        }
        assertEquals(1, journal.durableEnd(), "the second copy was recognised");
        assertEquals(1.0, registry.get("socd.relp.duplicates").counter().count());
    }

    @Test
    void garbageAndOversizedFramesEndTheSessionWithServercloseAndAreCounted() throws Exception {
        for (String bad : new String[] {"GET / HTTP/1.1\r\n\r\n", "1 syslog 999999999 x\n", "1 syslog 5 abcdefgh\n"}) {
            try (Socket s = connect()) {
                BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
                send(s, bad);
                assertEquals("0 serverclose 0", in.readLine(), "for " + bad.trim());
                assertEquals(null, in.readLine());
            }
        }
        assertEquals(3.0, registry.get("socd.relp.errors").tag("reason", "framing").counter().count());
        assertEquals(0, journal.durableEnd(), "nothing from garbage reaches the journal");
        try (Socket s = connect()) {
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
            send(s, frame(1, "syslog", msg("before open")));
            assertTrue(response(in).startsWith("1 rsp ") , "a syslog before open is refused, the input survives");
        }
    }

    @Test
    void whileTheJournalRefusesRecordsAnswersWaitAndThenComeByThemselves() throws Exception {
        input.close();
        journal.close();
        journal = Journal.open(new JournalSettings(dir.resolve("tight"), 64 * 1024, 5, 1 << 20, 256 * 1024,
                128 * 1024, Duration.ofDays(1), 0), registry);
        Transport t = Transport.best();
        input = RelpInput.start(t, group, group, new java.net.InetSocketAddress("127.0.0.1", 0), journal, registry);
        byte[] filler = msg("filler ".repeat(20)).getBytes(StandardCharsets.UTF_8);
        var meta = new org.socd.protocol.event.ReceiveMetadata("syslog-tcp", "127.0.0.1", 1, 1);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (journal.blocked() != Journal.Blocked.BUDGET && System.nanoTime() < deadline) {
            journal.offer(filler, 0, filler.length, meta);
            Thread.sleep(1);
        }
        assertEquals(Journal.Blocked.BUDGET, journal.blocked(), "the unprocessed records fill the budget");
        try (Socket s = connect()) {
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
            send(s, frame(1, "open", "relp_version=0\ncommands=syslog") + frame(2, "syslog", msg("waits")));
            assertTrue(response(in).startsWith("1 rsp "));
            s.setSoTimeout(300);
            assertThrows(java.net.SocketTimeoutException.class, () -> response(in), "no 200 while not journaled");
            s.setSoTimeout(20_000);
            journal.checkpoint(journal.durableEnd()); // the pipeline caught up: retention may free space
            assertEquals("2 rsp 6 200 OK", response(in), "the answer comes once the journal takes the message");
        }
        var rec = new org.socd.collector.journal.JournalRecord();
        try (var reader = journal.reader(journal.durableEnd() - 1)) {
            assertTrue(reader.next(rec));
        }
        assertEquals(msg("waits"), new String(rec.data(), 0, rec.length(), StandardCharsets.UTF_8),
                "the message is the newest record, journaled once");
    }
}
