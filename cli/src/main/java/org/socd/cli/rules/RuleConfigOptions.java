package org.socd.cli.rules;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.socd.rules.compile.Placeholders;
import org.socd.rules.logsource.LogsourceMapping;
import org.socd.rules.pack.LoadedRules;
import org.socd.rules.pack.RuleLoader;
import org.socd.rules.yaml.RuleSyntaxException;
import picocli.CommandLine.Option;

/** The options every offline rule command shares: a custom logsource mapping and placeholder values. */
public final class RuleConfigOptions {

    @Option(names = "--mapping", paramLabel = "FILE",
            description = "Logsource and field mapping YAML (default: socd's bundled mapping).")
    Path mapping;

    @Option(names = "--placeholders", paramLabel = "FILE",
            description = "Values for %%placeholders%% of the 'expand' modifier (YAML: placeholders: {name: [values]}).")
    Path placeholders;

    /** A configuration file that cannot be used; the message names the file and position. */
    public static final class ConfigException extends Exception {
        public ConfigException(String message) {
            super(message);
        }
    }

    /** Loads rule files and directories with this configuration. */
    public LoadedRules load(List<Path> paths) throws ConfigException {
        LoadedRules loaded = RuleLoader.loadPaths(paths, placeholders());
        if (mapping == null) {
            return loaded;
        }
        return loaded.withMapping(mapping()); // keeps the correlations, reading fields through this mapping
    }

    private Placeholders placeholders() throws ConfigException {
        if (placeholders == null) {
            return Placeholders.NONE;
        }
        try {
            return Placeholders.parse(Files.readString(placeholders), placeholders.toString());
        } catch (IOException e) {
            throw new ConfigException("cannot read placeholder file " + placeholders + ": " + e.getMessage());
        } catch (RuleSyntaxException e) {
            throw new ConfigException(e.getMessage());
        }
    }

    private LogsourceMapping mapping() throws ConfigException {
        try {
            return LogsourceMapping.parse(Files.readString(mapping), mapping.toString());
        } catch (IOException e) {
            throw new ConfigException("cannot read mapping file " + mapping + ": " + e.getMessage());
        } catch (RuleSyntaxException e) {
            throw new ConfigException(e.getMessage());
        }
    }
}
