package org.socd.collector.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.socd.collector.config.DaemonConfig.RuleFilesConfig;
import org.socd.protocol.event.Event;
import org.socd.rules.RuleMatch;

/** The daemon compiles its rules with the configured mapping and placeholders, and reloads them. */
class RuleSetLoaderTest {

    /** A rule for a logsource the bundled mapping does not know, with a placeholder. */
    private static final String RULE = """
            title: Login from an admin workstation
            id: 6c0b5c5e-0000-4000-8000-00000000beef
            logsource: {product: acme, service: vpn}
            detection:
              sel:
                src_host|expand: '%admin_hosts%'
              condition: sel
            level: high
            """;

    private static final String MAPPING = """
            sources:
              - when: { appname: acme-vpn }
                product: acme
                service: vpn
                fields: { src_host: client }
            """;

    private static List<RuleMatch> evaluate(ReloadableRules rules, String client) {
        return rules.evaluate(Event.of(Map.of("appname", "acme-vpn", "client", client)));
    }

    @Test
    void mappingAndPlaceholdersComeFromTheConfiguredFilesAndFollowReloads(@TempDir Path dir) throws IOException {
        Path rulesDir = Files.createDirectories(dir.resolve("rules"));
        Files.writeString(rulesDir.resolve("vpn.yml"), RULE);
        Path mapping = Files.writeString(dir.resolve("mapping.yml"), MAPPING);
        Path placeholders = Files.writeString(dir.resolve("placeholders.yml"), "placeholders:\n  admin_hosts: [adm-01, adm-02]\n");

        ReloadableRules rules = ReloadableRules.of(List.of(rulesDir), new RuleFilesConfig(mapping, placeholders));
        assertTrue(rules.current().errors().isEmpty(), () -> rules.current().errors().toString());
        assertEquals(1, evaluate(rules, "ADM-02").size(), "mapped logsource, renamed field, placeholder value");
        assertEquals(0, evaluate(rules, "pc-17").size());

        Files.writeString(placeholders, "placeholders:\n  admin_hosts: [pc-17]\n");
        assertTrue(rules.reload().applied());
        assertEquals(1, evaluate(rules, "pc-17").size(), "a reload reads the placeholder file again");

        Files.writeString(mapping, "sources:\n  - when: [not, a, mapping]\n");
        ReloadableRules.ReloadResult refused = rules.reload();
        assertFalse(refused.applied());
        assertTrue(refused.newErrors().get(0).location().startsWith(mapping.toString()), refused.newErrors().toString());
        assertEquals(1, evaluate(rules, "pc-17").size(), "a broken mapping leaves the running set as it was");
    }

    @Test
    void withoutPlaceholderValuesTheRuleIsRejectedNotSilentlyEmpty(@TempDir Path dir) throws IOException {
        Path rulesDir = Files.createDirectories(dir.resolve("rules"));
        Files.writeString(rulesDir.resolve("vpn.yml"), RULE);
        ReloadableRules rules = ReloadableRules.of(List.of(rulesDir), RuleFilesConfig.BUNDLED);
        assertEquals(1, rules.current().errors().size());
        assertTrue(rules.current().errors().get(0).message().contains("admin_hosts"), rules.current().errors().toString());
    }

    @Test
    void anUnreadableMappingStopsTheStartWithItsPath(@TempDir Path dir) {
        Path missing = dir.resolve("nope.yml");
        RuleSetLoader.RuleFilesException e = assertThrows(RuleSetLoader.RuleFilesException.class,
                () -> ReloadableRules.of(List.of(), new RuleFilesConfig(missing, null)));
        assertTrue(e.getMessage().startsWith(missing.toString()) && e.getMessage().contains("rules.mapping"), e.getMessage());
    }
}
