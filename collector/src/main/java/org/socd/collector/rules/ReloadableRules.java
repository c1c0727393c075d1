package org.socd.collector.rules;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.socd.collector.config.DaemonConfig.RuleFilesConfig;
import org.socd.protocol.event.Event;
import org.socd.rules.RuleMatch;
import org.socd.rules.correlation.Correlations;
import org.socd.rules.pack.LoadedRules;
import org.socd.rules.pack.RuleError;
import org.socd.rules.pack.RuleLoader;

/**
 * The daemon's detector: the running rule set behind an atomic reference, so pipeline threads
 * always evaluate one complete set while a reload builds the next one beside it. A reload that
 * brings a new error (a file broken by the edit) is refused and the running set stays, because
 * swapping would silently drop that rule from detection. Correlation rules are swapped with the
 * detection rules, as one set.
 */
public final class ReloadableRules {

    /**
     * What a reload did.
     *
     * @param applied   whether the new set replaced the running one
     * @param rules     rules in the running set afterwards
     * @param newErrors problems the reload found that the running set did not have (why it was refused)
     */
    public record ReloadResult(boolean applied, int rules, List<RuleError> newErrors) {
        public ReloadResult {
            newErrors = List.copyOf(newErrors);
        }
    }

    private final Supplier<LoadedRules> loader;
    private final AtomicReference<LoadedRules> current;

    /** Loads the first set now; {@code loader} builds a fresh set on each reload. */
    public ReloadableRules(Supplier<LoadedRules> loader) {
        this.loader = loader;
        this.current = new AtomicReference<>(loader.get());
    }

    /** A loader for the bundled pack plus {@code directories}. */
    public static ReloadableRules of(List<Path> directories) {
        return new ReloadableRules(() -> RuleLoader.load(directories));
    }

    /**
     * The bundled pack plus {@code directories}, with the mapping and placeholders of {@code files}.
     *
     * @throws RuleSetLoader.RuleFilesException when a mapping or placeholder file is unusable
     */
    public static ReloadableRules of(List<Path> directories, RuleFilesConfig files) {
        return new ReloadableRules(new RuleSetLoader(directories, files));
    }

    /** The pipeline's detector: evaluates against the set running at this instant. */
    public List<RuleMatch> evaluate(Event event) {
        return current.get().engine().evaluate(event);
    }

    /**
     * The correlations of the set running at this instant; the alert stage compares identities
     * and starts with empty windows when a reload swapped the set.
     */
    public Correlations correlations() {
        return current.get().correlations();
    }

    public LoadedRules current() {
        return current.get();
    }

    /** Loads the directories again and swaps the set in unless the load found new errors. */
    public synchronized ReloadResult reload() {
        LoadedRules running = current.get();
        LoadedRules next;
        try {
            next = loader.get();
        } catch (RuleSetLoader.RuleFilesException e) {
            return new ReloadResult(false, running.ruleCount(), List.of(new RuleError(e.location(), e.problem())));
        }
        Set<String> known = new HashSet<>();
        for (RuleError error : running.errors()) {
            known.add(error.toString());
        }
        List<RuleError> fresh = new ArrayList<>();
        for (RuleError error : next.errors()) {
            if (!known.contains(error.toString())) {
                fresh.add(error);
            }
        }
        if (!fresh.isEmpty()) {
            return new ReloadResult(false, running.ruleCount(), fresh);
        }
        current.set(next);
        return new ReloadResult(true, next.ruleCount(), List.of());
    }
}
