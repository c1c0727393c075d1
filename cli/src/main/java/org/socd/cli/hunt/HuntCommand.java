package org.socd.cli.hunt;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.socd.cli.correlation.OfflineCorrelation;
import org.socd.cli.rules.RuleConfigOptions;
import org.socd.rules.Level;
import org.socd.rules.RuleMatch;
import org.socd.rules.correlation.CorrelationMatch;
import org.socd.rules.events.EventFileReader;
import org.socd.rules.events.SourcedEvent;
import org.socd.rules.pack.LoadedRules;
import org.socd.rules.pack.RuleError;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code soc hunt --rules DIR... --events FILE_OR_DIR...}: offline evaluation of Sigma rules and
 * correlation rules over event files (in file order), matches on stdout (JSON lines or a table),
 * progress and a summary on stderr.
 */
@Command(name = "hunt", mixinStandardHelpOptions = true,
        description = {"Run Sigma rules over event files offline: JSON lines, evtx_dump JSON, raw syslog.",
                "Matches go to stdout, one per line; progress (on a terminal) and the summary go to stderr.",
                "Exit status: 0 done (with or without matches), 2 no usable rules, events or configuration."})
public final class HuntCommand implements Callable<Integer> {

    /** Inputs smaller than this finish before a progress bar would help. */
    private static final long PROGRESS_MIN_BYTES = 8L * 1024 * 1024;

    @Option(names = "--rules", required = true, arity = "1..*", paramLabel = "DIR",
            description = "Rule directories or files (recursively).")
    List<Path> rules;

    @Option(names = "--events", required = true, arity = "1..*", paramLabel = "FILE_OR_DIR",
            description = "Event files, or directories of them (recursively).")
    List<Path> events;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "jsonl",
            description = "jsonl or table (default ${DEFAULT-VALUE}).")
    MatchWriter.Format format;

    @Option(names = "--min-level", paramLabel = "LEVEL", defaultValue = "informational",
            description = "Only rules of this level or above: informational, low, medium, high, critical.")
    String minLevel;

    @Mixin
    RuleConfigOptions config;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Level threshold;
        try {
            threshold = Level.parse(minLevel);
        } catch (IllegalArgumentException e) {
            err.println("soc: --min-level: " + e.getMessage());
            err.flush();
            return 2;
        }
        LoadedRules loaded;
        try {
            loaded = config.load(rules);
        } catch (RuleConfigOptions.ConfigException e) {
            err.println("soc: " + e.getMessage());
            err.flush();
            return 2;
        }
        for (RuleError error : loaded.errors()) {
            err.println("soc: skipped rule " + error);
        }
        if (loaded.ruleCount() == 0) {
            err.println("soc: no usable rules in " + rules);
            err.flush();
            return 2;
        }
        List<Path> files;
        try {
            files = eventFiles();
        } catch (IOException | UncheckedIOException e) {
            err.println("soc: cannot list events: " + e.getMessage());
            err.flush();
            return 2;
        }
        long totalBytes = 0;
        for (Path file : files) {
            try {
                totalBytes += Files.size(file);
            } catch (IOException e) {
                // Reported when the file is read.
            }
        }
        HuntSummary summary = new HuntSummary();
        MatchWriter writer = new MatchWriter(format, out);
        Progress progress = System.console() != null && totalBytes >= PROGRESS_MIN_BYTES
                ? new Progress(err, totalBytes) : null;
        EventFileReader reader = new EventFileReader();
        OfflineCorrelation correlating = new OfflineCorrelation(loaded);
        long started = System.nanoTime();
        long doneBytes = 0;
        for (Path file : files) {
            long base = doneBytes;
            try (InputStream in = new Counting(Files.newInputStream(file), progress, base)) {
                EventFileReader.Outcome outcome = reader.read(in, file.toString(), e -> evaluate(loaded, correlating, threshold, e, writer, summary));
                summary.fileRead(outcome);
                if (outcome.badRecords() > 0) {
                    err.println((progress != null ? "\r" : "") + "soc: " + file + ": " + outcome.badRecords()
                            + " unusable records, first: " + outcome.firstProblem());
                }
            } catch (IOException e) {
                err.println("soc: cannot read " + file + ": " + e.getMessage());
                summary.unreadable();
            }
            try {
                doneBytes += Files.size(file);
            } catch (IOException e) {
                // Already reported.
            }
        }
        out.flush();
        if (progress != null) {
            progress.finish();
        }
        summary.print(err, System.nanoTime() - started, files.size());
        err.flush();
        return files.isEmpty() ? 2 : 0;
    }

    private static void evaluate(LoadedRules loaded, OfflineCorrelation correlating, Level threshold, SourcedEvent event,
                                 MatchWriter writer, HuntSummary summary) {
        summary.event();
        List<RuleMatch> matches = loaded.engine().evaluate(event.event());
        for (int i = 0; i < matches.size(); i++) {
            RuleMatch match = matches.get(i);
            // As in the daemon: a rule a correlation references without 'generate: true' only feeds it.
            if (match.level().compareTo(threshold) >= 0 && loaded.correlations().alertsOnItsOwn(match.ruleId())) {
                writer.write(match, event);
                summary.match(match);
            }
        }
        for (CorrelationMatch match : correlating.offer(matches, event.event(), event.source())) {
            if (match.alerts() && match.rule().level().compareTo(threshold) >= 0) {
                writer.write(match);
                summary.match(match.rule());
            }
        }
    }

    private List<Path> eventFiles() throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path path : events) {
            if (Files.isDirectory(path)) {
                try (Stream<Path> walk = Files.walk(path)) {
                    walk.filter(Files::isRegularFile).sorted().forEach(files::add);
                }
            } else if (Files.isRegularFile(path)) {
                files.add(path);
            } else {
                throw new IOException(path + " is neither a file nor a directory");
            }
        }
        return files;
    }

    /** Counts bytes read to drive the progress bar. */
    private static final class Counting extends FilterInputStream {
        private final Progress progress;
        private final long base;
        private long count;

        Counting(InputStream in, Progress progress, long base) {
            super(in);
            this.progress = progress;
            this.base = base;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                advance(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                advance(n);
            }
            return n;
        }

        private void advance(int n) {
            count += n;
            if (progress != null) {
                progress.update(base + count);
            }
        }
    }
}
