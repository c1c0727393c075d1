package org.socd.cli.alerts;

import java.io.PrintWriter;
import java.util.Map;
import org.socd.cli.SocMain;
import org.socd.cli.output.Format;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;

/**
 * The triage commands: {@code ack}, {@code close}, {@code assign}, {@code note}. Each needs an
 * analyst token and prints what changed (or the whole alert with {@code --format json}).
 */
final class ChangeCommands {

    private ChangeCommands() {
    }

    /** Shared plumbing: post the change and report it. */
    abstract static class Change {
        @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
                description = "table (one line) or json (the changed alert).")
        Format format;

        @Spec
        CommandSpec spec;

        int post(String id, String action, Object body) {
            SocMain root = (SocMain) spec.root().userObject();
            JsonNode a = root.client().post("/api/v1/alerts/" + AlertIds.check(id) + "/" + action, body);
            PrintWriter out = spec.commandLine().getOut();
            if (format == Format.json) {
                out.println(a.toPrettyString());
            } else {
                JsonNode last = a.path("history").path(a.path("history").size() - 1);
                String detail = last.path("detail").asString("");
                out.println(a.path("id").asString() + ": " + last.path("action").asString()
                        + (detail.isEmpty() ? "" : " (" + detail + ")") + "; status " + a.path("status").asString());
            }
            out.flush();
            return 0;
        }
    }

    @Command(name = "ack", mixinStandardHelpOptions = true, description = "Acknowledge a new alert: someone is on it.")
    static final class Ack extends Change implements java.util.concurrent.Callable<Integer> {
        @Parameters(paramLabel = "ID")
        String id;

        @Override
        public Integer call() {
            return post(id, "ack", null);
        }
    }

    @Command(name = "close", mixinStandardHelpOptions = true, description = "Close an alert with a resolution.")
    static final class Close extends Change implements java.util.concurrent.Callable<Integer> {
        @Parameters(paramLabel = "ID")
        String id;

        @Option(names = {"-r", "--resolution"}, required = true, paramLabel = "TEXT",
                description = "Why, e.g. \"false positive: backup job\" or \"contained, host reimaged\".")
        String resolution;

        @Override
        public Integer call() {
            return post(id, "close", Map.of("resolution", resolution));
        }
    }

    @Command(name = "assign", mixinStandardHelpOptions = true, description = "Assign an alert to someone (\"\" unassigns).")
    static final class Assign extends Change implements java.util.concurrent.Callable<Integer> {
        @Parameters(index = "0", paramLabel = "ID")
        String id;

        @Parameters(index = "1", paramLabel = "ASSIGNEE")
        String assignee;

        @Override
        public Integer call() {
            return post(id, "assign", Map.of("assignee", assignee));
        }
    }

    @Command(name = "note", mixinStandardHelpOptions = true, description = "Add a note to an alert.")
    static final class Note extends Change implements java.util.concurrent.Callable<Integer> {
        @Parameters(index = "0", paramLabel = "ID")
        String id;

        @Parameters(index = "1..*", arity = "1..*", paramLabel = "TEXT", description = "The note; several words are joined.")
        java.util.List<String> words;

        @Override
        public Integer call() {
            return post(id, "notes", Map.of("text", String.join(" ", words)));
        }
    }
}
