package org.socd.correlator.alerts;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * MITRE ATT&amp;CK tactics and techniques named by Sigma rule tags: {@code attack.t1110.001} is
 * technique {@code T1110.001}, {@code attack.credential-access} is that tactic. Other
 * {@code attack.*} tags (groups {@code g0007}, software {@code s0002}) are neither.
 */
public final class Attack {

    /** The enterprise tactics, spelled as Sigma tags spell them (hyphens, lower case). */
    static final Set<String> TACTICS = Set.of("reconnaissance", "resource-development", "initial-access",
            "execution", "persistence", "privilege-escalation", "defense-evasion", "credential-access",
            "discovery", "lateral-movement", "collection", "command-and-control", "exfiltration", "impact");

    private static final Pattern TECHNIQUE = Pattern.compile("t\\d{4}(\\.\\d{3})?");
    private static final String PREFIX = "attack.";

    private Attack() {
    }

    /** Tactics named by {@code tags}, in tag order, without duplicates. */
    public static List<String> tactics(List<String> tags) {
        Set<String> out = new LinkedHashSet<>();
        for (String tag : tags) {
            String name = attackName(tag);
            // Older rules write underscores (attack.credential_access).
            if (name != null && TACTICS.contains(name.replace('_', '-'))) {
                out.add(name.replace('_', '-'));
            }
        }
        return List.copyOf(out);
    }

    /** Technique ids named by {@code tags} in ATT&amp;CK's spelling ({@code T1110.001}). */
    public static List<String> techniques(List<String> tags) {
        Set<String> out = new LinkedHashSet<>();
        for (String tag : tags) {
            String name = attackName(tag);
            if (name != null && TECHNIQUE.matcher(name).matches()) {
                out.add(name.toUpperCase(Locale.ROOT));
            }
        }
        return List.copyOf(out);
    }

    private static String attackName(String tag) {
        if (tag == null) {
            return null;
        }
        String t = tag.trim().toLowerCase(Locale.ROOT);
        return t.startsWith(PREFIX) ? t.substring(PREFIX.length()) : null;
    }
}
