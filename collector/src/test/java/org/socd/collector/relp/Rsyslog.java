package org.socd.collector.relp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A real rsyslogd with its own configuration: imtcp on a free loopback port (the test feeds
 * it) and omrelp forwarding everything to socd, retrying forever while socd is down.
 */
final class Rsyslog implements AutoCloseable {

    static final Path BINARY = Path.of("/usr/sbin/rsyslogd");

    private final Process process;
    final int inputPort;
    private final Path log;

    private Rsyslog(Process process, int inputPort, Path log) {
        this.process = process;
        this.inputPort = inputPort;
        this.log = log;
    }

    static void assumeInstalled() {
        boolean omrelp;
        // The module directory is per architecture (/usr/lib/x86_64-linux-gnu/rsyslog, ...).
        try (var dirs = Files.newDirectoryStream(Path.of("/usr/lib"))) {
            omrelp = false;
            for (Path d : dirs) {
                omrelp |= Files.exists(d.resolve("rsyslog/omrelp.so"));
            }
        } catch (IOException e) {
            omrelp = false;
        }
        Assumptions.assumeTrue(Files.isExecutable(BINARY) && omrelp,
                "rsyslog and rsyslog-relp are not installed; .ci/run installs them");
    }

    static Rsyslog start(Path dir, int relpPort) throws IOException {
        return start(dir, relpPort, "");
    }

    /** @param omrelpOptions extra omrelp action parameters, e.g. {@code tls="on" tls.caCert="..."} */
    static Rsyslog start(Path dir, int relpPort, String omrelpOptions) throws IOException {
        int inputPort = SocdProcess.freePort();
        Path work = Files.createDirectories(dir.resolve("rsyslog-work"));
        Path conf = dir.resolve("rsyslog.conf");
        Files.writeString(conf, """
                global(workDirectory="%s")
                module(load="imtcp")
                module(load="omrelp")
                input(type="imtcp" address="127.0.0.1" port="%d" ruleset="fwd")
                ruleset(name="fwd") {
                  action(type="omrelp" target="127.0.0.1" port="%d" windowSize="1024" %s
                         action.resumeRetryCount="-1" action.resumeInterval="1"
                         queue.type="LinkedList" queue.size="300000" queue.dequeueBatchSize="512")
                }
                """.formatted(work, inputPort, relpPort, omrelpOptions));
        Path log = dir.resolve("rsyslog.log");
        Process p = new ProcessBuilder(BINARY.toString(), "-n", "-f", conf.toString(), "-i",
                dir.resolve("rsyslog.pid").toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Rsyslog r = new Rsyslog(p, inputPort, log);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new AssertionError("rsyslogd exited: " + r.logText());
            }
            try (var s = new java.net.Socket("127.0.0.1", inputPort)) {
                return r;
            } catch (IOException notYet) {
                SocdProcess.sleep(100);
            }
        }
        throw new AssertionError("rsyslogd did not listen on " + inputPort + ": " + r.logText());
    }

    String logText() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log)";
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
