package org.socd.rules.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.socd.protocol.event.Event;
import org.socd.rules.RuleMatch;
import org.socd.rules.events.EventFileReader;
import org.socd.rules.logsource.EventLogsource;
import org.socd.rules.matching.EventFields;
import org.socd.rules.pack.LoadedRules;
import org.socd.rules.pack.RuleLoader;

/**
 * The pre-filter only ever skips rules that cannot match: on events synthesized to be near
 * misses and hits of SigmaHQ rules (real events with the rules' own required texts spliced into
 * their fields, in random case, sometimes next to non-ASCII characters), the engine reports
 * exactly what evaluating every rule of the event's logsources reports.
 */
class EngineAgreesWithNaiveTest {

    private static final Path SIGMA = Path.of("../../shared/sigma");
    private static final Path REGRESSION = Path.of("../../shared/sigma-regression-dev");

    @Test
    void sameMatchesAsEvaluatingEveryRule() throws IOException {
        assumeTrue(Files.isDirectory(REGRESSION) && Files.isDirectory(SIGMA), "no ../shared checkout");
        LoadedRules loaded = RuleLoader.loadDirectories(List.of(
                SIGMA.resolve("rules"), SIGMA.resolve("rules-emerging-threats"), SIGMA.resolve("rules-threat-hunting")));
        RuleEngine engine = loaded.engine();
        List<RequiredLiterals.Literal> literals = new ArrayList<>();
        for (CompiledRule rule : engine.rules()) {
            RequiredLiterals.clauses(rule.matcher(), Prefilter.CLAUSES).forEach(literals::addAll);
        }
        List<Event> real = new ArrayList<>();
        EventFileReader reader = new EventFileReader();
        try (Stream<Path> files = Files.list(REGRESSION.resolve("events"))) {
            for (Path file : files.sorted().toList()) {
                reader.read(file, e -> real.add(e.event()));
            }
        }
        Random random = new Random(2026);
        int matched = 0;
        for (int i = 0; i < 3000; i++) {
            Event event = Event.of(real.get(random.nextInt(real.size())).fields());
            int splices = 1 + random.nextInt(6);
            for (int s = 0; s < splices; s++) {
                RequiredLiterals.Literal literal = literals.get(random.nextInt(literals.size()));
                String field = literal.field().equals(RequiredLiterals.KEYWORDS) ? "CommandLine" : literal.field();
                event.put(field, splice(random, literal.text(), event.getString(field)));
            }
            List<RuleMatch> fast = engine.evaluate(event);
            assertEquals(naive(engine, event), fast, () -> "event " + event.fields());
            matched += fast.isEmpty() ? 0 : 1;
        }
        assertTrue(matched > 300, "too few synthesized events match anything to mean much: " + matched);
    }

    /** {@code text} in random case, alone or inside the old value, sometimes beside non-ASCII text. */
    private static String splice(Random random, String text, String old) {
        String cased = switch (random.nextInt(3)) {
            case 0 -> text;
            case 1 -> text.toUpperCase(Locale.ROOT);
            default -> {
                StringBuilder mixed = new StringBuilder();
                for (char c : text.toCharArray()) {
                    mixed.append(random.nextBoolean() ? Character.toUpperCase(c) : c);
                }
                yield mixed.toString();
            }
        };
        String around = old == null ? "" : old;
        String extra = random.nextInt(8) == 0 ? "İé" : "";
        return switch (random.nextInt(4)) {
            case 0 -> cased;
            case 1 -> around + extra + cased;
            case 2 -> cased + extra + around;
            default -> around.substring(0, around.length() / 2) + cased + extra + around.substring(around.length() / 2);
        };
    }

    /** Every rule of the event's logsources, no index, no pre-filter. */
    private static List<RuleMatch> naive(RuleEngine engine, Event event) {
        EventFields fields = new EventFields(event);
        EventLogsource logsource = engine.logsourceOf(event);
        fields.useAliases(logsource.fieldAliases());
        List<RuleMatch> matches = new ArrayList<>();
        for (CompiledRule rule : engine.rules()) {
            if (logsource.satisfies(rule.logsource()) && rule.matcher().matches(fields)) {
                matches.add(rule.match());
            }
        }
        return matches;
    }
}
