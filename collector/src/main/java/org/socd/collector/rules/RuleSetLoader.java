package org.socd.collector.rules;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import org.socd.collector.config.DaemonConfig.RuleFilesConfig;
import org.socd.rules.compile.Placeholders;
import org.socd.rules.logsource.LogsourceMapping;
import org.socd.rules.pack.LoadedRules;
import org.socd.rules.pack.RuleLoader;
import org.socd.rules.yaml.RuleSyntaxException;

/**
 * Builds the daemon's rule set: the bundled pack plus the configured directories, compiled with
 * the configured placeholder values and evaluated with the configured logsource mapping. Every
 * call reads the files again, so a reload picks up an edited mapping as well as edited rules.
 */
public final class RuleSetLoader implements Supplier<LoadedRules> {

    /**
     * A mapping or placeholder file that cannot be read or parsed. Unlike a broken rule file,
     * which only loses that rule, this would change how every rule behaves, so nothing is loaded.
     */
    public static final class RuleFilesException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final String location;
        private final String problem;

        RuleFilesException(String location, String problem) {
            super(location + ": " + problem);
            this.location = location;
            this.problem = problem;
        }

        /** File, and line:col when known. */
        public String location() {
            return location;
        }

        /** The message without the location. */
        public String problem() {
            return problem;
        }
    }

    private final List<Path> directories;
    private final RuleFilesConfig files;

    public RuleSetLoader(List<Path> directories, RuleFilesConfig files) {
        this.directories = List.copyOf(directories);
        this.files = files;
    }

    @Override
    public LoadedRules get() {
        Placeholders placeholders = files.placeholders() == null ? Placeholders.NONE
                : parse(files.placeholders(), "placeholder", Placeholders::parse);
        LogsourceMapping mapping = files.mapping() == null ? LogsourceMapping.defaults()
                : parse(files.mapping(), "logsource mapping", LogsourceMapping::parse);
        LoadedRules loaded = RuleLoader.load(directories, placeholders);
        // withMapping keeps the correlations (re-wrapping the engine alone would drop them).
        return files.mapping() == null ? loaded : loaded.withMapping(mapping);
    }

    private interface Parser<T> {
        T parse(String text, String file);
    }

    private static <T> T parse(Path file, String what, Parser<T> parser) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new RuleFilesException(file.toString(), "cannot read the " + what + " file (" + e
                    + ") — fix the path in rules." + (what.startsWith("placeholder") ? "placeholders" : "mapping")
                    + " of the config");
        }
        try {
            return parser.parse(text, file.toString());
        } catch (RuleSyntaxException e) {
            throw new RuleFilesException(e.location().toString(), e.problem());
        }
    }
}
