package org.socd.cli.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.socd.cli.SocMain;
import org.socd.collector.config.DaemonConfig;
import org.socd.collector.daemon.Daemon;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code soc journal status} against a running daemon, before and after a restart. */
class JournalStatusIT {

    @TempDir
    Path dataDir;

    private Daemon start() {
        DaemonConfig d = DaemonConfig.defaults();
        return Daemon.start(new DaemonConfig(dataDir,
                new DaemonConfig.SyslogConfig("127.0.0.1", -1, 0, d.syslog().maxMessageBytes()),
                new DaemonConfig.ApiConfig("127.0.0.1", 0), List.of(), d.pipeline(), d.timeZone()), Clock.systemUTC());
    }

    @Test
    void statusShowsPositionsCheckpointAndLagAndSurvivesARestart() throws Exception {
        try (Daemon daemon = start()) {
            try (Socket s = new Socket()) {
                s.connect(daemon.syslogTcpAddress());
                OutputStream out = s.getOutputStream();
                for (int i = 0; i < 3; i++) {
                    out.write(("<13>Nov 26 10:00:00 statushost app: line " + i + "\n").getBytes(StandardCharsets.UTF_8));
                }
            }
            String url = daemon.apiUrl();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            JsonNode j;
            do {
                Thread.sleep(20);
                j = JsonMapper.builder().build().readTree(run(0, "--server", url, "journal", "status", "--format", "json"));
            } while ((j.path("newest_position").asLong() != 2 || j.path("checkpoint").asLong() != 3)
                    && System.nanoTime() < deadline);
            assertEquals(2, j.path("newest_position").asLong(), j.toString());
            assertEquals(3, j.path("checkpoint").asLong(), j.toString());
            assertEquals(0, j.path("lag_records").asLong());
            String text = run(0, "--server", url, "journal", "status");
            assertTrue(text.contains("positions:      0 .. 2"), text);
            assertTrue(text.contains("checkpoint:     3"), text);
            assertTrue(text.contains("unprocessed:    0 record(s)"), text);
            assertTrue(text.contains("accepting:      yes"), text);
        }
        try (Daemon daemon = start()) {
            String text = run(0, "--server", daemon.apiUrl(), "journal", "status");
            assertTrue(text.contains("checkpoint:     3"), "the checkpoint is durable: " + text);
            assertTrue(text.contains("unprocessed:    0 record(s)"), "nothing to replay after a clean stop: " + text);
        }
    }

    /** Runs soc with the admin token the daemon wrote to its data dir, as an operator next to it would. */
    private String run(int expectedExit, String... args) throws java.io.IOException {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = SocMain.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        String[] withToken = new String[args.length + 2];
        withToken[0] = "--token";
        withToken[1] = java.nio.file.Files.readString(dataDir.resolve("admin.token")).trim();
        System.arraycopy(args, 0, withToken, 2, args.length);
        assertEquals(expectedExit, cl.execute(withToken), err.toString());
        return out.toString();
    }
}
