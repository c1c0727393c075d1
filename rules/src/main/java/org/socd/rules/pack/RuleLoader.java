package org.socd.rules.pack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.socd.rules.compile.Placeholders;
import org.socd.rules.compile.RuleCompiler;
import org.socd.rules.correlation.CorrelationParser;
import org.socd.rules.correlation.CorrelationResolver;
import org.socd.rules.correlation.Correlations;
import org.socd.rules.correlation.SigmaCorrelation;
import org.socd.rules.matching.Matcher;
import org.socd.rules.sigma.SigmaDocument;
import org.socd.rules.sigma.SigmaFilter;
import org.socd.rules.sigma.SigmaRule;
import org.socd.rules.sigma.SigmaRuleParser;
import org.socd.rules.engine.CompiledRule;
import org.socd.rules.engine.RuleEngine;
import org.socd.rules.yaml.RuleSyntaxException;
import org.socd.rules.yaml.YamlNode;
import org.socd.rules.yaml.YamlReader;

/**
 * Loads Sigma rules from socd's bundled pack and from directories. A file may hold several YAML
 * documents ({@code ---}): detection rules, meta filters and correlation rules; correlations are
 * resolved (by id or {@code name}, across files) after everything is read. A bad document never
 * stops the load: it is reported as a {@link RuleError} and skipped, because one broken community
 * rule must not take detection down.
 */
public final class RuleLoader {

    /** The bundled pack lives here; {@code index.txt} lists its files since jars cannot be listed. */
    static final String BUNDLED_DIRECTORY = "org/socd/rules/bundled/";
    static final String BUNDLED_INDEX = BUNDLED_DIRECTORY + "index.txt";

    private final Placeholders placeholders;
    private final List<CompiledRule> rules = new ArrayList<>();
    private final List<LoadedFilter> filters = new ArrayList<>();
    private final List<RuleError> errors = new ArrayList<>();
    private final Map<String, String> sourceById = new HashMap<>();
    private final Map<String, String> ruleNames = new HashMap<>();
    private final List<SigmaCorrelation> correlations = new ArrayList<>();

    private record LoadedFilter(SigmaFilter filter, Matcher matcher) {}

    private RuleLoader(Placeholders placeholders) {
        this.placeholders = placeholders;
    }

    /** The bundled pack plus every {@code *.yml} / {@code *.yaml} under each directory, recursively. */
    public static LoadedRules load(List<Path> extraDirectories) {
        return load(extraDirectories, Placeholders.NONE);
    }

    /** Like {@link #load(List)}, resolving {@code expand} placeholders from {@code placeholders}. */
    public static LoadedRules load(List<Path> extraDirectories, Placeholders placeholders) {
        RuleLoader loader = new RuleLoader(placeholders);
        loader.addBundled();
        extraDirectories.forEach(loader::addDirectory);
        return loader.result();
    }

    /** Every {@code *.yml} / {@code *.yaml} under each directory, recursively, without the bundled pack. */
    public static LoadedRules loadDirectories(List<Path> directories) {
        return loadDirectories(directories, Placeholders.NONE);
    }

    /** Like {@link #loadDirectories(List)}, resolving {@code expand} placeholders from {@code placeholders}. */
    public static LoadedRules loadDirectories(List<Path> directories, Placeholders placeholders) {
        RuleLoader loader = new RuleLoader(placeholders);
        directories.forEach(loader::addDirectory);
        return loader.result();
    }

    /**
     * Rule files and directories (recursively), without the bundled pack: what {@code soc rules
     * validate} and {@code soc hunt} take on the command line.
     */
    public static LoadedRules loadPaths(List<Path> paths, Placeholders placeholders) {
        RuleLoader loader = new RuleLoader(placeholders);
        for (Path path : paths) {
            if (Files.isRegularFile(path)) {
                loader.addFile(path);
            } else {
                loader.addDirectory(path);
            }
        }
        return loader.result();
    }

    /** The names of the bundled rule files, as listed in the pack's index. */
    public static List<String> bundledRuleFiles() {
        String index = readResource(BUNDLED_INDEX);
        if (index == null) {
            throw new IllegalStateException("the bundled rule index " + BUNDLED_INDEX + " is missing from the classpath");
        }
        List<String> files = new ArrayList<>();
        for (String line : index.split("\n")) {
            String name = line.strip();
            if (!name.isEmpty() && !name.startsWith("#")) {
                files.add(name);
            }
        }
        return files;
    }

    private void addBundled() {
        for (String name : bundledRuleFiles()) {
            String resource = BUNDLED_DIRECTORY + name;
            String text = readResource(resource);
            if (text == null) {
                errors.add(new RuleError("classpath:" + resource,
                        "listed in " + BUNDLED_INDEX + " but missing; rebuild socd or fix the index"));
            } else {
                add(text, "classpath:" + resource);
            }
        }
    }

    private void addDirectory(Path directory) {
        if (!Files.isDirectory(directory)) {
            errors.add(new RuleError(directory.toString(), "rule directory does not exist or is not a directory; "
                    + "create it or remove it from the configuration"));
            return;
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(directory)) {
            files = walk.filter(Files::isRegularFile).filter(RuleLoader::isYaml).sorted().toList();
        } catch (IOException | UncheckedIOException e) {
            errors.add(new RuleError(directory.toString(), "cannot list rule directory: " + e.getMessage()
                    + "; check its permissions"));
            return;
        }
        for (Path file : files) {
            addFile(file);
        }
    }

    private void addFile(Path file) {
        String text;
        try {
            text = decodeUtf8(Files.readAllBytes(file));
        } catch (CharacterCodingException e) {
            errors.add(new RuleError(file.toString(), "not valid UTF-8; save the rule file as UTF-8"));
            return;
        } catch (IOException e) {
            errors.add(new RuleError(file.toString(), "cannot read rule file: " + e.getMessage()
                    + "; check its permissions"));
            return;
        }
        add(text, file.toString());
    }

    private void add(String text, String file) {
        List<YamlNode> documents;
        try {
            documents = YamlReader.readAll(text, file);
        } catch (RuleSyntaxException e) {
            errors.add(new RuleError(e.location().toString(), e.problem()));
            return;
        } catch (RuntimeException e) {
            // Defensive: a reader bug on one odd file must not abort loading the rest.
            errors.add(new RuleError(file, "internal error while reading the YAML (" + e
                    + "); please report this file to the socd team"));
            return;
        }
        for (int i = 0; i < documents.size(); i++) {
            // The file name is the id of a rule without one; later documents of the file get '#n'
            // so that two id-less documents of one file do not collide.
            addDocument(documents.get(i), file, i == 0 ? file : file + "#" + (i + 1));
        }
    }

    /** One document of a file: a detection rule, a meta filter or a correlation; an error skips only this document. */
    private void addDocument(YamlNode node, String file, String defaultId) {
        CompiledRule rule;
        String name;
        try {
            if (!(node instanceof YamlNode.Mapping document)) {
                throw new RuleSyntaxException(node.location(), "a rule document must be a mapping, not " + node.kind());
            }
            if (document.get("action").isPresent()) {
                throw new RuleSyntaxException(document.get("action").orElseThrow().location(), "'action' is Sigma 1 "
                        + "multi-document syntax (action: global/reset/repeat), not supported; write each rule out in full");
            }
            if (CorrelationParser.isCorrelation(document)) {
                correlations.add(CorrelationParser.parse(document, defaultId));
                return;
            }
            SigmaDocument parsed = SigmaRuleParser.parseDocument(document, file, defaultId);
            if (parsed instanceof SigmaFilter filter) {
                filters.add(new LoadedFilter(filter, RuleCompiler.compileFilter(filter, placeholders)));
                return;
            }
            name = name(document);
            rule = RuleCompiler.compile((SigmaRule) parsed, placeholders);
        } catch (RuleSyntaxException e) {
            errors.add(new RuleError(e.location().toString(), e.problem()));
            return;
        } catch (RuntimeException e) {
            // Defensive: a parser bug on one odd file must not abort loading the rest.
            errors.add(new RuleError(file, "internal error while compiling the rule (" + e
                    + "); please report this file to the socd team"));
            return;
        }
        String previous = sourceById.putIfAbsent(rule.id(), file);
        if (previous != null) {
            errors.add(new RuleError(file, "duplicate rule id '" + rule.id() + "', already loaded from "
                    + previous + "; give one of them a fresh UUID"));
            return;
        }
        if (name != null && ruleNames.putIfAbsent(name, rule.id()) != null) {
            errors.add(new RuleError(file, "duplicate rule name '" + name + "' (rule " + rule.id()
                    + "); names must be unique across the loaded rules, rename one"));
        }
        rules.add(rule);
    }

    /** The optional Sigma {@code name} a correlation may reference the rule by. */
    private static String name(YamlNode.Mapping document) {
        YamlNode node = document.get("name").orElse(null);
        if (node == null || node instanceof YamlNode.Scalar scalar && scalar.isNull()) {
            return null;
        }
        if (node instanceof YamlNode.Scalar scalar) {
            return scalar.text();
        }
        throw new RuleSyntaxException(node.location(), "'name' must be a string, not " + node.kind());
    }

    private LoadedRules result() {
        List<CompiledRule> filtered = new ArrayList<>(rules);
        for (LoadedFilter loaded : filters) {
            boolean applied = false;
            for (int i = 0; i < filtered.size(); i++) {
                if (loaded.filter().rules().contains(filtered.get(i).id())) {
                    filtered.set(i, RuleCompiler.withFilter(filtered.get(i), loaded.matcher()));
                    applied = true;
                }
            }
            if (!applied) {
                errors.add(new RuleError(loaded.filter().source().toString(), "meta filter '" + loaded.filter().title()
                        + "' applies to none of the loaded rules " + loaded.filter().rules()
                        + "; check the rule ids or load the rules it filters"));
            }
        }
        RuleEngine engine = RuleEngine.of(filtered);
        Set<String> ids = new HashSet<>();
        filtered.forEach(rule -> ids.add(rule.id()));
        // Correlations see an event's fields as the rules do: with the logsource's field renames.
        CorrelationResolver.Result resolved = CorrelationResolver.resolve(correlations, ids, ruleNames,
                Correlations.fieldsAsIn(engine));
        resolved.errors().forEach(e -> errors.add(new RuleError(e.location().toString(), e.problem())));
        return new LoadedRules(engine, errors, resolved.correlations());
    }

    private static boolean isYaml(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".yml") || name.endsWith(".yaml");
    }

    private static String decodeUtf8(byte[] bytes) throws CharacterCodingException {
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes)).toString();
    }

    private static String readResource(String name) {
        try (InputStream in = RuleLoader.class.getClassLoader().getResourceAsStream(name)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        }
    }
}
