package org.socd.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;
import org.socd.protocol.event.Event;
import org.socd.rules.engine.CompiledRule;
import org.socd.rules.engine.RuleEngine;
import org.socd.rules.events.EventFileReader;
import org.socd.rules.logsource.EventLogsource;
import org.socd.rules.matching.EventFields;
import org.socd.rules.pack.LoadedRules;
import org.socd.rules.pack.RuleLoader;

/**
 * Sigma evaluation with every rule of SigmaHQ loaded (rules, rules-emerging-threats,
 * rules-threat-hunting from {@code -Dsocd.sigma}, default {@code ../shared/sigma}) over a Windows
 * process-creation mix: the real events of {@code ../shared/sigma-regression-dev} (Sysmon 1, 11,
 * 13, 7, ...; mostly malicious) plus synthesized everyday Sysmon 1 and Security 4688 process
 * creations (mostly benign, as real traffic is), 1024 events cycled so the JIT sees variety.
 *
 * <p>{@code engine}: {@link RuleEngine#evaluate} (logsource index + literal pre-filter).
 * {@code naive}: the baseline, every rule's logsource check and matcher for every event.
 * {@code engineFreshEvents}: the engine over new copies of the mix, made outside the timing
 * before each pass. The other two cycle the same 1024 objects, whose strings keep their hash
 * codes and stay in cache; the daemon decodes new strings for every event. In the copies every
 * value string is a new instance; field names stay the canonical instances, as Jackson's
 * interned field names are in the daemon.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SigmaEvaluationBenchmark {

    static final int EVENTS = 1024;

    RuleEngine engine;
    Event[] events;
    private int next;

    @Setup
    public void load() throws IOException {
        Path sigma = Path.of(System.getProperty("socd.sigma", "../shared/sigma"));
        Path regression = Path.of(System.getProperty("socd.regression", "../shared/sigma-regression-dev"));
        LoadedRules loaded = RuleLoader.loadDirectories(List.of(
                sigma.resolve("rules"), sigma.resolve("rules-emerging-threats"), sigma.resolve("rules-threat-hunting")));
        if (loaded.ruleCount() < 3000) {
            throw new IllegalStateException("expected the SigmaHQ rule set under " + sigma.toAbsolutePath()
                    + ", loaded " + loaded.ruleCount() + " rules; pass -Dsocd.sigma=DIR");
        }
        engine = loaded.engine();
        List<Event> real = new ArrayList<>();
        if (Files.isDirectory(regression.resolve("events"))) {
            EventFileReader reader = new EventFileReader();
            try (Stream<Path> files = Files.list(regression.resolve("events"))) {
                for (Path file : files.sorted().toList()) {
                    reader.read(file, e -> real.add(e.event()));
                }
            }
        }
        Random random = new Random(42);
        events = new Event[EVENTS];
        for (int i = 0; i < EVENTS; i++) {
            // About one event in eight from the real (mostly malicious) set, the rest everyday activity.
            events[i] = !real.isEmpty() && i % 8 == 0 ? real.get((i / 8) % real.size()) : everyday(random);
        }
        System.err.printf("sigma benchmark: %d rules, %d rejected, %d real events in the mix%n",
                loaded.ruleCount(), loaded.errors().size(), real.size());
    }

    @Benchmark
    public void engine(Blackhole sink) {
        sink.consume(engine.evaluate(events[next++ & (EVENTS - 1)]));
    }

    /** New copies of the whole mix before each pass of {@link #engineFreshEvents}, outside its timing. */
    @State(Scope.Thread)
    public static class FreshEvents {
        Event[] copies;

        @Setup(Level.Invocation)
        public void copy(SigmaEvaluationBenchmark mix) {
            copies = new Event[EVENTS];
            for (int i = 0; i < EVENTS; i++) {
                copies[i] = Event.of(freshValues(mix.events[i].fields()));
            }
        }
    }

    /** One pass over the whole mix per invocation (about 10 ms), so the per-invocation setup is negligible. */
    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public void engineFreshEvents(FreshEvents fresh, Blackhole sink) {
        for (Event event : fresh.copies) {
            sink.consume(engine.evaluate(event));
        }
    }

    /** A deep copy in which every string value is a new instance (its hash code not computed yet). */
    @SuppressWarnings("unchecked")
    static <T> T freshValues(T value) {
        if (value instanceof String text) {
            return (T) new String(text.toCharArray());
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((name, inner) -> copy.put((String) name, freshValues(inner)));
            return (T) copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            list.forEach(inner -> copy.add(freshValues(inner)));
            return (T) copy;
        }
        return value;
    }

    @Benchmark
    public void naive(Blackhole sink) {
        sink.consume(naiveMatches(engine, events[next++ & (EVENTS - 1)]));
    }

    /** The baseline: every rule's logsource check and matcher, no index, no pre-filter. */
    static int naiveMatches(RuleEngine engine, Event event) {
        EventFields fields = new EventFields(event);
        EventLogsource logsource = engine.logsourceOf(event);
        fields.useAliases(logsource.fieldAliases());
        int matches = 0;
        for (CompiledRule rule : engine.rules()) {
            if (logsource.satisfies(rule.logsource()) && rule.matcher().matches(fields)) {
                matches++;
            }
        }
        return matches;
    }

    private static final String[][] PROCESSES = {
        {"C:\\Windows\\System32\\svchost.exe", "svchost.exe -k netsvcs -p -s Schedule", "C:\\Windows\\System32\\services.exe"},
        {"C:\\Windows\\System32\\conhost.exe", "\\??\\C:\\Windows\\system32\\conhost.exe 0xffffffff -ForceV1", "C:\\Windows\\System32\\cmd.exe"},
        {"C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe",
            "\"C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe\" --type=renderer --lang=en-US --renderer-client-id=%d",
            "C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe"},
        {"C:\\Windows\\System32\\RuntimeBroker.exe", "C:\\Windows\\System32\\RuntimeBroker.exe -Embedding", "C:\\Windows\\System32\\svchost.exe"},
        {"C:\\Windows\\System32\\backgroundTaskHost.exe",
            "\"C:\\Windows\\system32\\backgroundTaskHost.exe\" -ServerName:BackgroundTaskHost.WebAccountProvider",
            "C:\\Windows\\System32\\svchost.exe"},
        {"C:\\Program Files\\Microsoft Office\\root\\Office16\\OUTLOOK.EXE",
            "\"C:\\Program Files\\Microsoft Office\\Root\\Office16\\OUTLOOK.EXE\" /recycle", "C:\\Windows\\explorer.exe"},
        {"C:\\Windows\\System32\\taskhostw.exe", "taskhostw.exe {222A245B-E637-4AE9-A93F-A59CA119A75E}", "C:\\Windows\\System32\\svchost.exe"},
        {"C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe",
            "powershell.exe -NoProfile -ExecutionPolicy Bypass -File C:\\ProgramData\\Tools\\inventory%d.ps1",
            "C:\\Windows\\System32\\svchost.exe"},
        {"C:\\Windows\\System32\\cmd.exe", "C:\\Windows\\system32\\cmd.exe /c \"C:\\Scripts\\backup%d.bat\"", "C:\\Windows\\explorer.exe"},
        {"C:\\Program Files\\Git\\cmd\\git.exe", "git.exe status --porcelain --untracked-files=%d", "C:\\Program Files\\Microsoft VS Code\\Code.exe"},
        {"C:\\Windows\\System32\\msiexec.exe", "C:\\Windows\\system32\\msiexec.exe /V", "C:\\Windows\\System32\\services.exe"},
        {"C:\\Windows\\System32\\SearchProtocolHost.exe",
            "\"C:\\Windows\\system32\\SearchProtocolHost.exe\" Global\\UsGthrFltPipeMssGthrPipe%d Global\\UsGthrCtrlFltPipeMssGthrPipe%d 1 -2147483646",
            "C:\\Windows\\System32\\SearchIndexer.exe"},
    };

    private static Event everyday(Random random) {
        String[] p = PROCESSES[random.nextInt(PROCESSES.length)];
        String commandLine = p[1].replace("%d", Integer.toString(random.nextInt(100_000)));
        String user = random.nextBoolean() ? "CORP\\alice" : "NT AUTHORITY\\SYSTEM";
        String host = "WS-" + (1000 + random.nextInt(500)) + ".corp.example";
        Event event = new Event();
        if (random.nextInt(4) == 0) {
            event.put("Channel", "Security").put("EventID", 4688).put("Provider_Name", "Microsoft-Windows-Security-Auditing")
                    .put("Computer", host).put("NewProcessName", p[0]).put("CommandLine", commandLine)
                    .put("ParentProcessName", p[2]).put("SubjectUserName", user.substring(user.indexOf('\\') + 1))
                    .put("SubjectDomainName", user.substring(0, user.indexOf('\\')))
                    .put("NewProcessId", "0x" + Integer.toHexString(random.nextInt(65536)))
                    .put("TokenElevationType", "%%1938").put("MandatoryLabel", "S-1-16-8192");
        } else {
            String name = p[0].substring(p[0].lastIndexOf('\\') + 1);
            event.put("Channel", "Microsoft-Windows-Sysmon/Operational").put("EventID", 1)
                    .put("Provider_Name", "Microsoft-Windows-Sysmon").put("Computer", host)
                    .put("UtcTime", "2025-11-28 08:" + (10 + random.nextInt(50)) + ":20.964")
                    .put("ProcessGuid", "{0197231E-5D9C-6929-4111-0000000" + random.nextInt(100_000) + "}")
                    .put("ProcessId", random.nextInt(65536)).put("Image", p[0])
                    .put("FileVersion", "10.0.19041.1").put("Description", name).put("Product", "Microsoft Windows")
                    .put("Company", "Microsoft Corporation").put("OriginalFileName", name)
                    .put("CommandLine", commandLine).put("CurrentDirectory", "C:\\Windows\\system32\\")
                    .put("User", user).put("LogonId", "0x3e7").put("TerminalSessionId", 0).put("IntegrityLevel", "System")
                    .put("Hashes", "SHA256=" + Long.toHexString(random.nextLong()) + Long.toHexString(random.nextLong()))
                    .put("ParentImage", p[2]).put("ParentCommandLine", p[2]).put("ParentUser", "NT AUTHORITY\\SYSTEM");
        }
        return event;
    }
}
