package org.socd.collector.rules;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Watches the rule directories (recursively) and reloads once the files have been quiet for the
 * debounce interval, so an editor's save-rename-delete dance or a `git pull` touching hundreds of
 * files causes one reload, not hundreds.
 */
public final class RuleDirectoryWatcher implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(RuleDirectoryWatcher.class.getName());

    private final WatchService watch;
    private final Thread thread;
    private final long debounceMillis;
    private final Runnable reload;

    /**
     * Starts watching; directories that do not exist are skipped (the loader reports them).
     *
     * @param reload called on the watcher thread after each quiet period following changes
     */
    public static RuleDirectoryWatcher start(List<Path> directories, long debounceMillis, Runnable reload) throws IOException {
        return new RuleDirectoryWatcher(directories, debounceMillis, reload);
    }

    private RuleDirectoryWatcher(List<Path> directories, long debounceMillis, Runnable reload) throws IOException {
        this.watch = FileSystems.getDefault().newWatchService();
        this.debounceMillis = debounceMillis;
        this.reload = reload;
        for (Path directory : directories) {
            registerTree(directory);
        }
        this.thread = new Thread(this::run, "socd-rule-watcher");
        thread.setDaemon(true);
        thread.start();
    }

    private void registerTree(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path dir : walk.filter(Files::isDirectory).toList()) {
                dir.register(watch, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                        StandardWatchEventKinds.ENTRY_DELETE);
            }
        }
    }

    private void run() {
        try {
            while (true) {
                WatchKey key = watch.take();
                boolean changed = drain(key);
                // Debounce: keep collecting until the directories are quiet for the interval.
                WatchKey more;
                while ((more = watch.poll(debounceMillis, TimeUnit.MILLISECONDS)) != null) {
                    changed |= drain(more);
                }
                if (changed) {
                    try {
                        reload.run();
                    } catch (RuntimeException e) {
                        LOG.log(System.Logger.Level.ERROR, "rule reload failed; the running rules stay", e);
                    }
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // Closing.
        }
    }

    private boolean drain(WatchKey key) {
        boolean changed = false;
        Path dir = (Path) key.watchable();
        for (var event : key.pollEvents()) {
            changed = true;
            if (event.kind() == StandardWatchEventKinds.ENTRY_CREATE && event.context() instanceof Path name) {
                Path created = dir.resolve(name);
                if (Files.isDirectory(created)) {
                    try {
                        registerTree(created);
                    } catch (IOException e) {
                        LOG.log(System.Logger.Level.WARNING, "cannot watch new rule directory " + created + ": " + e.getMessage());
                    }
                }
            }
        }
        key.reset();
        return changed;
    }

    @Override
    public void close() {
        try {
            watch.close();
        } catch (IOException e) {
            // Nothing left to release.
        }
        thread.interrupt();
    }
}
