package org.socd.cli.logtest;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.socd.cli.correlation.OfflineCorrelation;
import org.socd.protocol.event.Event;
import org.socd.protocol.event.ReceiveMetadata;
import org.socd.protocol.syslog.SyslogDecoding;
import org.socd.rules.RuleMatch;
import org.socd.rules.correlation.CorrelationMatch;
import org.socd.rules.engine.RuleEngine;
import org.socd.rules.pack.LoadedRules;
import org.socd.rules.pack.RuleError;
import org.socd.rules.pack.RuleLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code soc logtest [--rules DIR]... [--time-zone ZONE] [FILE]}: shows how socd reads syslog
 * lines. Each raw line (from FILE, else stdin) goes through the daemon's own decoding (parser and
 * field decoders) and rule engine, offline, and comes out as one JSON object per line:
 * {@code {"event": {...}, "matches": [{"rule_id", "rule_title", "level"}]}}.
 */
@Command(name = "logtest", mixinStandardHelpOptions = true,
        description = {"Show how socd parses, decodes and matches syslog lines, offline.",
                "Reads raw lines from FILE (stdin when omitted) and prints one JSON object per line:",
                "{\"event\": {...}, \"matches\": [{\"rule_id\", \"rule_title\", \"level\"}]}."})
public final class LogtestCommand implements Callable<Integer> {

    /** What the daemon accepts by default; longer lines are cut the same way. */
    static final int DEFAULT_MAX_LINE_BYTES = 65_536;
    private static final String INPUT = "logtest";

    @Parameters(arity = "0..1", paramLabel = "FILE", description = "File of raw syslog lines; stdin when omitted or '-'.")
    Path file;

    @Option(names = "--rules", paramLabel = "DIR", description = "Rule directory added to the bundled pack (repeatable).")
    List<Path> ruleDirs = new ArrayList<>();

    @Option(names = "--time-zone", paramLabel = "ZONE", defaultValue = "UTC",
            description = "Zone of timestamps that carry none, as in socd's time_zone (default ${DEFAULT-VALUE}).")
    ZoneId timeZone;

    @Option(names = "--max-line-bytes", paramLabel = "N", defaultValue = "" + DEFAULT_MAX_LINE_BYTES,
            description = "Cut longer lines here, as socd's max_message_bytes does (default ${DEFAULT-VALUE}).")
    int maxLineBytes;

    @Spec
    CommandSpec spec;

    /** Where lines come from when no FILE is given; tests replace it. */
    InputStream stdin = System.in;

    private final ObjectMapper json = JsonMapper.builder().build();

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (maxLineBytes < 1) {
            err.println("soc logtest: --max-line-bytes must be at least 1, not " + maxLineBytes);
            err.flush();
            return 2;
        }
        LoadedRules rules = RuleLoader.load(ruleDirs);
        for (RuleError e : rules.errors()) {
            err.println("soc logtest: rule skipped: " + e.location() + ": " + e.message());
        }
        err.flush();
        Clock clock = Clock.systemUTC();
        SyslogDecoding decoding = SyslogDecoding.of(timeZone, clock);
        boolean fromStdin = file == null || file.toString().equals("-");
        try (InputStream in = fromStdin ? stdin : Files.newInputStream(file)) {
            run(new RawLineReader(in, maxLineBytes), decoding, rules, clock, out, err);
        } catch (NoSuchFileException e) {
            err.println("soc logtest: no such file: " + file.toAbsolutePath());
            err.flush();
            return 1;
        } catch (IOException e) {
            err.println("soc logtest: cannot read " + (fromStdin ? "stdin" : file.toAbsolutePath()) + ": " + e.getMessage());
            err.flush();
            return 1;
        }
        return 0;
    }

    private void run(RawLineReader reader, SyslogDecoding decoding, LoadedRules rules, Clock clock,
            PrintWriter out, PrintWriter err) throws IOException {
        RuleEngine engine = rules.engine();
        OfflineCorrelation correlation = new OfflineCorrelation(rules);
        String source = file == null ? "stdin" : file.toString();
        long number = 0;
        RawLineReader.Line line;
        while ((line = reader.next()) != null) {
            number++;
            if (line.truncated()) {
                err.println("soc logtest: line " + number + " is longer than " + maxLineBytes
                        + " bytes; cut there, as socd would (raise --max-line-bytes to see all of it)");
                err.flush();
            }
            Instant now = clock.instant();
            ReceiveMetadata meta = new ReceiveMetadata(INPUT, null, 0, now.getEpochSecond() * 1_000_000_000L + now.getNano());
            Event event = decoding.decode(line.bytes(), 0, line.length(), meta);
            List<Map<String, Object>> matches = new ArrayList<>();
            List<RuleMatch> ruleMatches = engine.evaluate(event);
            for (RuleMatch m : ruleMatches) {
                matches.add(match(m));
            }
            // A correlation rule (given with --rules) that fires on this line is listed after the
            // rules, with what made it fire; the lines before it are its window.
            for (CorrelationMatch fired : correlation.offer(ruleMatches, event, source + ":" + number)) {
                Map<String, Object> match = match(fired.rule());
                Map<String, Object> details = new LinkedHashMap<>();
                details.put("type", fired.correlation().type().sigmaName());
                details.put("group", fired.groupKey());
                details.put("value", fired.value());
                details.put("events", fired.eventCount());
                match.put("correlation", details);
                matches.add(match);
            }
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("event", event.fields());
            result.put("matches", matches);
            out.println(json.writeValueAsString(result));
            out.flush(); // one answer per line typed, when a user pastes lines interactively
        }
    }

    private static Map<String, Object> match(RuleMatch m) {
        Map<String, Object> match = new LinkedHashMap<>();
        match.put("rule_id", m.ruleId());
        match.put("rule_title", m.ruleTitle());
        match.put("level", m.level().sigmaName());
        return match;
    }
}
