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
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.socd.rules.compile.RuleCompiler;
import org.socd.rules.engine.CompiledRule;
import org.socd.rules.engine.RuleEngine;
import org.socd.rules.yaml.RuleSyntaxException;

/**
 * Loads Sigma rules from socd's bundled pack and from directories. A bad file never stops the
 * load: it is reported as a {@link RuleError} and skipped, because one broken community rule must
 * not take detection down.
 */
public final class RuleLoader {

    /** The bundled pack lives here; {@code index.txt} lists its files since jars cannot be listed. */
    static final String BUNDLED_DIRECTORY = "org/socd/rules/bundled/";
    static final String BUNDLED_INDEX = BUNDLED_DIRECTORY + "index.txt";

    private final List<CompiledRule> rules = new ArrayList<>();
    private final List<RuleError> errors = new ArrayList<>();
    private final Map<String, String> sourceById = new HashMap<>();

    private RuleLoader() {}

    /** The bundled pack plus every {@code *.yml} / {@code *.yaml} under each directory, recursively. */
    public static LoadedRules load(List<Path> extraDirectories) {
        RuleLoader loader = new RuleLoader();
        loader.addBundled();
        extraDirectories.forEach(loader::addDirectory);
        return loader.result();
    }

    /** Every {@code *.yml} / {@code *.yaml} under each directory, recursively, without the bundled pack. */
    public static LoadedRules loadDirectories(List<Path> directories) {
        RuleLoader loader = new RuleLoader();
        directories.forEach(loader::addDirectory);
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
            String text;
            try {
                text = decodeUtf8(Files.readAllBytes(file));
            } catch (CharacterCodingException e) {
                errors.add(new RuleError(file.toString(), "not valid UTF-8; save the rule file as UTF-8"));
                continue;
            } catch (IOException e) {
                errors.add(new RuleError(file.toString(), "cannot read rule file: " + e.getMessage()
                        + "; check its permissions"));
                continue;
            }
            add(text, file.toString());
        }
    }

    private void add(String text, String file) {
        CompiledRule rule;
        try {
            rule = RuleCompiler.compile(text, file);
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
        rules.add(rule);
    }

    private LoadedRules result() {
        return new LoadedRules(RuleEngine.of(rules), errors);
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
