package org.socd.rules.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.socd.protocol.event.Event;
import org.socd.rules.compile.RuleCompiler;
import org.socd.rules.matching.EventFields;

/**
 * A scan answered from the thread's memo of recently scanned values marks exactly the rules a
 * scan of the value marks: over events whose values repeat (and share memo slots), a long-lived
 * scan state agrees with a new one per event, also when its memos keep being forgotten.
 */
class PrefilterMemoTest {

    private static final String[] RULES = {
        "CommandLine|contains: [' -enc ', 'downloadstring', 'sekurlsa::', '\\\\temp\\\\']\n    Image|endswith: '\\\\powershell.exe'",
        "CommandLine|contains|all: ['vssadmin', 'delete shadows']\n    ParentImage|endswith: ['\\\\cmd.exe', '\\\\explorer.exe']",
        "Image|endswith: ['\\\\rundll32.exe', '\\\\regsvr32.exe']\n    CommandLine|contains: ['.dll,', 'javascript:']",
        "Hashes|contains: ['IMPHASH=0A1B2C3D4E5F60718293A4B5C6D7E8F9', 'SHA256=FFEEDDCCBBAA9988']\n    User|contains: 'AUTHORI'",
        // Short literals in every field: automata of long literals only skip text and bypass the memo.
        "CommandLine|contains: '/c '\n    Image|contains: 'cmd'\n    ParentImage|contains: 'exe'",
        "Hashes|contains: 'md5'\n    User|contains: 'sys'",
    };

    /** Values with and without the rules' literals, some non-ASCII, short and long. */
    private static final String[] PIECES = {
        "C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe", " -enc ", "SQBFAFgA", "DownloadString(",
        "sekurlsa::logonpasswords", "C:\\Users\\alice\\AppData\\Local\\Temp\\", "vssadmin", " delete shadows /all",
        "C:\\Windows\\System32\\cmd.exe", "C:\\Windows\\explorer.exe", "rundll32.exe", "shell32.dll,Control_RunDLL",
        "javascript:", "IMPHASH=0a1b2c3d4e5f60718293a4b5c6d7e8f9", "SHA256=ffeeddccbbaa9988", "NT AUTHORITY\\SYSTEM",
        "CORP\\alice", "MD5=9F8E7D6C", "/c ", "\u00e9t\u00e9", "\u0130", "x", "",
    };

    private static final String[] FIELDS = {"CommandLine", "Image", "ParentImage", "Hashes", "User", "Description"};

    @Test
    void memoizedScansMarkWhatScansMark() {
        List<CompiledRule> rules = new ArrayList<>();
        for (int i = 0; i < RULES.length; i++) {
            rules.add(RuleCompiler.compile("title: r" + i + "\nlogsource:\n    category: process_creation\n    product: windows\n"
                    + "detection:\n    sel:\n        " + RULES[i].replace("\n    ", "\n        ") + "\n    condition: sel\n", "r" + i + ".yml"));
        }
        Prefilter prefilter = new Prefilter(rules);
        Prefilter.FieldIndex[] indexes = prefilter.indexesFor(all(rules.size()), false);
        assertTrue(Arrays.stream(indexes).noneMatch(index -> index.automaton().skips()), "the scans must go through the memo");
        Random random = new Random(7);
        // A small pool, so that values repeat; many values, so that they share the memos' slots.
        List<String> pool = new ArrayList<>();
        for (int i = 0; i < 3 * Prefilter.ScanMemo.SLOTS; i++) {
            StringBuilder value = new StringBuilder();
            for (int k = random.nextInt(4); k >= 0; k--) {
                String piece = PIECES[random.nextInt(PIECES.length)];
                value.append(random.nextBoolean() ? piece : piece.toUpperCase(java.util.Locale.ROOT));
            }
            pool.add(value.toString());
        }
        Prefilter.Scan remembering = prefilter.newScan();
        Prefilter.Scan forgetful = prefilter.newScan(8); // its memos are forgotten every few values with literals
        int marked = 0;
        for (int e = 0; e < 5000; e++) {
            Event event = new Event();
            for (String field : FIELDS) {
                if (random.nextInt(5) > 0) {
                    // A new String each time, as decoded events have: the memo must recognise texts, not objects.
                    event.put(field, new String(pool.get(random.nextInt(random.nextBoolean() ? 40 : pool.size())).toCharArray()));
                }
            }
            Prefilter.Scan fresh = prefilter.newScan();
            scan(prefilter, indexes, event, fresh);
            scan(prefilter, indexes, event, remembering);
            scan(prefilter, indexes, event, forgetful);
            for (int k = 0; k < Prefilter.CLAUSES; k++) {
                int clause = k;
                assertArrayEquals(fresh.clauseHits[k], remembering.clauseHits[k], () -> "clauses " + clause + " of " + event.fields());
                assertArrayEquals(fresh.clauseHits[k], forgetful.clauseHits[k], () -> "clauses " + clause + " of " + event.fields());
            }
            marked += Arrays.stream(fresh.clauseHits[0]).map(Long::bitCount).sum() > 0 ? 1 : 0;
        }
        assertTrue(marked > 1000, "too few events mark a rule to mean much: " + marked);
    }

    private static void scan(Prefilter prefilter, Prefilter.FieldIndex[] indexes, Event event, Prefilter.Scan scan) {
        prefilter.scan(new EventFields(event), indexes, scan);
    }

    private static long[] all(int rules) {
        long[] bits = new long[Prefilter.words(rules)];
        for (int r = 0; r < rules; r++) {
            bits[r >>> 6] |= 1L << r;
        }
        return bits;
    }
}
