package org.socd.benchmarks;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.socd.correlator.alerts.Alert;
import org.socd.correlator.alerts.AlertStatus;
import org.socd.rules.Level;

/**
 * Deterministic synthetic alerts spread evenly over {@link #SPAN} before {@link #END}: 200 rules
 * with ATT&amp;CK tags, 5000 hosts ({@code host-00000}..), 2000 users, source addresses in
 * 10.0.0.0/8 (90%) and 192.168.0.0/16, and a syslog-like event per alert (about 600 bytes of
 * JSON, like a real sshd or sudo alert).
 */
final class SyntheticAlerts {

    static final Instant END = Instant.parse("2026-11-26T00:00:00Z");
    static final Duration SPAN = Duration.ofDays(60);

    private static final String[] WORDS = {"failed", "password", "accepted", "session", "opened", "closed",
            "invalid", "user", "sudo", "root", "connection", "reset", "authentication", "failure", "token",
            "service", "installed", "logon", "account", "locked", "policy", "changed", "firewall", "denied"};
    private static final String[] TACTICS = {"credential-access", "privilege-escalation", "persistence",
            "defense-evasion", "discovery", "lateral-movement", "execution", "initial-access"};
    private static final Level[] LEVELS = {Level.LOW, Level.LOW, Level.MEDIUM, Level.MEDIUM, Level.MEDIUM,
            Level.HIGH, Level.HIGH, Level.CRITICAL, Level.INFORMATIONAL, Level.MEDIUM};
    /** host-00000 .. host-04999, formatted once. */
    private static final String[] HOSTS = new String[5000];

    static {
        for (int h = 0; h < HOSTS.length; h++) {
            HOSTS[h] = String.format("host-%05d", h);
        }
    }

    private final SplittableRandom random = new SplittableRandom(42);
    private final long count;
    private final long spanMillis = SPAN.toMillis();
    private final long startMillis = END.toEpochMilli() - spanMillis;
    private long isoMinute = Long.MIN_VALUE;
    private String isoMinutePrefix;

    SyntheticAlerts(long count) {
        this.count = count;
    }

    // The generator runs on the indexing thread and is timed with it, so it must cost little
    // beside the store: String.format and Instant.toString were a fifth of that thread's CPU.
    // id() and iso() produce exactly the strings those did.

    /** {@code String.format("%032x", i)}. */
    static String id(long i) {
        String hex = Long.toHexString(i);
        return "0".repeat(32 - hex.length()) + hex;
    }

    /** {@code Instant.ofEpochMilli(millis).toString()}, with the date and minute formatted once a minute. */
    String iso(long millis) {
        long minute = Math.floorDiv(millis, 60_000L);
        if (minute != isoMinute) {
            String full = Instant.ofEpochMilli(minute * 60_000L).toString(); // yyyy-MM-ddTHH:mm:00Z
            isoMinutePrefix = full.substring(0, full.length() - 3);
            isoMinute = minute;
        }
        int inMinute = (int) Math.floorMod(millis, 60_000L);
        int seconds = inMinute / 1000;
        int ms = inMinute % 1000;
        StringBuilder b = new StringBuilder(24).append(isoMinutePrefix);
        if (seconds < 10) {
            b.append('0');
        }
        b.append(seconds);
        if (ms != 0) {
            b.append('.');
            if (ms < 100) {
                b.append('0');
            }
            if (ms < 10) {
                b.append('0');
            }
            b.append(ms);
        }
        return b.append('Z').toString();
    }

    /** The {@code i}-th alert (0-based) of {@code count}, detected in time order. */
    Alert next(long i) {
        int rule = random.nextInt(200);
        String host = HOSTS[random.nextInt(HOSTS.length)];
        String user = "user" + random.nextInt(2000);
        String src = random.nextInt(10) < 9
                ? "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(1, 255)
                : "192.168." + random.nextInt(256) + "." + random.nextInt(1, 255);
        Instant detected = Instant.ofEpochMilli(startMillis + i * spanMillis / count);
        StringBuilder message = new StringBuilder();
        for (int w = 0; w < 12; w++) {
            message.append(WORDS[random.nextInt(WORDS.length)]).append(' ');
        }
        // A rare word: about one alert in 1000 mentions kerberos, what an analyst hunts for.
        if (random.nextInt(1000) == 0) {
            message.append("kerberos ");
        }
        message.append("for ").append(user).append(" from ").append(src).append(" port ").append(random.nextInt(1024, 65535));
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("timestamp", iso(detected.toEpochMilli() - 300));
        event.put("received", iso(detected.toEpochMilli() - 200));
        event.put("facility", 4L);
        event.put("severity", 6L);
        event.put("hostname", host);
        event.put("appname", "sshd");
        event.put("procid", Integer.toString(random.nextInt(1, 99999)));
        event.put("message", message.toString());
        event.put("source_ip", "127.0.0.1");
        event.put("input", "syslog-tcp");
        event.put("src_ip", src);
        return new Alert(id(i), "rule-" + rule, "Synthetic rule " + rule + " " + WORDS[rule % WORDS.length],
                LEVELS[rule % LEVELS.length],
                List.of("attack." + TACTICS[rule % TACTICS.length], "attack.t" + (1000 + rule % 600)),
                AlertStatus.NEW, host, user, src, detected.minusMillis(300), detected, event);
    }
}
