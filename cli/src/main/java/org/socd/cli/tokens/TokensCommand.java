package org.socd.cli.tokens;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.socd.cli.SocMain;
import org.socd.cli.output.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;

/** {@code soc tokens create|list|revoke}: API token management (needs an admin token). */
@Command(name = "tokens", mixinStandardHelpOptions = true,
        description = "Manage API tokens (admin only). Roles: viewer (read), analyst (read + triage), admin (everything).")
public final class TokensCommand {

    @Spec
    CommandSpec spec;

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Make a token; it is printed once and cannot be shown again.")
    int create(@Option(names = "--name", required = true, paramLabel = "NAME", description = "Who holds it, e.g. alice.") String name,
               @Option(names = "--role", required = true, paramLabel = "ROLE", description = "viewer, analyst or admin.") String role) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("role", role);
        JsonNode made = root().client().post("/api/v1/tokens", body);
        PrintWriter out = spec.commandLine().getOut();
        out.println(made.path("token").asString());
        out.flush();
        spec.commandLine().getErr().println("soc: token '" + name + "' (" + made.path("role").asString()
                + ") created; give it to its holder as SOC_TOKEN — it is not stored anywhere in clear");
        spec.commandLine().getErr().flush();
        return 0;
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List token names and roles.")
    int list() {
        JsonNode all = root().client().get("/api/v1/tokens", Map.of());
        Table t = new Table(List.of("NAME", "ROLE", "CREATED"), new int[] {64, 8, 30});
        for (JsonNode tok : all.path("tokens")) {
            t.add(List.of(tok.path("name").asString(), tok.path("role").asString(), tok.path("created").asString()));
        }
        t.print(spec.commandLine().getOut());
        return 0;
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Delete a token; its holder is refused from now on.")
    int revoke(@Parameters(paramLabel = "NAME") String name) {
        root().client().delete("/api/v1/tokens/" + name);
        spec.commandLine().getOut().println("revoked " + name);
        spec.commandLine().getOut().flush();
        return 0;
    }

    private SocMain root() {
        return (SocMain) spec.root().userObject();
    }
}
