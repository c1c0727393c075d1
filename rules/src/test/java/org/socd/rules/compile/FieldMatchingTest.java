package org.socd.rules.compile;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.socd.rules.RuleFixture.matches;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Sigma value semantics, end to end from rule text to a match decision. */
class FieldMatchingTest {

    @Test
    void plainValuesAreWholeValueAndCaseInsensitive() {
        String detection = """
                selection:
                    Image: 'C:\\Windows\\System32\\cmd.exe'
                condition: selection
                """;
        assertTrue(matches(detection, Map.of("Image", "c:\\windows\\system32\\CMD.EXE")));
        assertFalse(matches(detection, Map.of("Image", "C:\\Windows\\System32\\cmd.exe.bak")));
        assertFalse(matches(detection, Map.of("Other", "C:\\Windows\\System32\\cmd.exe")));
    }

    @Test
    void wildcardsAndEscapes() {
        String star = "selection:\n    Image: '*\\cmd.exe'\ncondition: selection\n";
        assertTrue(matches(star, Map.of("Image", "C:\\x\\CMD.exe")));
        assertFalse(matches(star, Map.of("Image", "C:\\x\\cmd.exe2")));

        String question = "selection:\n    Image: 'prog?.exe'\ncondition: selection\n";
        assertTrue(matches(question, Map.of("Image", "progA.exe")));
        assertFalse(matches(question, Map.of("Image", "prog.exe")));

        String escapedStar = "selection:\n    CommandLine: 'dir \\*.txt'\ncondition: selection\n";
        assertTrue(matches(escapedStar, Map.of("CommandLine", "dir *.txt")));
        assertFalse(matches(escapedStar, Map.of("CommandLine", "dir a.txt")));

        String escapedQuestion = "selection:\n    Query: 'why\\?'\ncondition: selection\n";
        assertTrue(matches(escapedQuestion, Map.of("Query", "why?")));
        assertFalse(matches(escapedQuestion, Map.of("Query", "whyX")));

        // \\* : a literal backslash, then a wildcard.
        String backslashThenStar = "selection:\n    Path: 'C:\\temp\\\\*'\ncondition: selection\n";
        assertTrue(matches(backslashThenStar, Map.of("Path", "C:\\temp\\evil.exe")));
        assertFalse(matches(backslashThenStar, Map.of("Path", "C:\\tempevil.exe")));
    }

    @Test
    void listsAreOrAndMapsAreAnd() {
        String detection = """
                selection:
                    EventID:
                        - 4624
                        - 4625
                    LogonType: 10
                condition: selection
                """;
        assertTrue(matches(detection, Map.of("EventID", 4625, "LogonType", 10)));
        assertTrue(matches(detection, Map.of("EventID", 4624, "LogonType", "10")));
        assertFalse(matches(detection, Map.of("EventID", 4625, "LogonType", 3)));
        assertFalse(matches(detection, Map.of("EventID", 4634, "LogonType", 10)));
    }

    @Test
    void listOfMapsIsOr() {
        String detection = """
                selection:
                    - Image|endswith: '\\powershell.exe'
                    - OriginalFileName: 'PowerShell.EXE'
                condition: selection
                """;
        assertTrue(matches(detection, Map.of("Image", "C:\\x\\powershell.exe")));
        assertTrue(matches(detection, Map.of("OriginalFileName", "powershell.exe")));
        assertFalse(matches(detection, Map.of("Image", "C:\\x\\pwsh.exe", "OriginalFileName", "pwsh.dll")));
    }

    @Test
    void integersAndStringsMatchEachOther() {
        String intRule = "selection:\n    EventID: 4625\ncondition: selection\n";
        assertTrue(matches(intRule, Map.of("EventID", 4625)));
        assertTrue(matches(intRule, Map.of("EventID", 4625L)));
        assertTrue(matches(intRule, Map.of("EventID", "4625")));
        assertFalse(matches(intRule, Map.of("EventID", 46250)));

        String stringRule = "selection:\n    EventID: '4625'\ncondition: selection\n";
        assertTrue(matches(stringRule, Map.of("EventID", 4625)));
    }

    @Test
    void nullMeansAbsent() {
        String detection = """
                selection:
                    EventID: 4738
                filter:
                    PasswordLastSet: null
                condition: selection and not filter
                """;
        assertTrue(matches(detection, Map.of("EventID", 4738, "PasswordLastSet", "2026-11-01")));
        assertFalse(matches(detection, Map.of("EventID", 4738)));

        String absentOrValue = "selection:\n    User:\n        - 'root'\n        - null\ncondition: selection\n";
        assertTrue(matches(absentOrValue, Map.of("Other", "x")));
        assertTrue(matches(absentOrValue, Map.of("User", "ROOT")));
        assertFalse(matches(absentOrValue, Map.of("User", "alice")));
    }

    @Test
    void emptyStringIsNotAbsent() {
        String detection = "selection:\n    User: ''\ncondition: selection\n";
        assertTrue(matches(detection, Map.of("User", "")));
        assertFalse(matches(detection, Map.of("Other", "")));
    }

    @Test
    void containsStartswithEndswith() {
        String contains = "selection:\n    CommandLine|contains: ' -enc '\ncondition: selection\n";
        assertTrue(matches(contains, Map.of("CommandLine", "powershell.exe -ENC SQBFAFgA")));
        assertFalse(matches(contains, Map.of("CommandLine", "powershell.exe -encoded")));

        String startswith = "selection:\n    Image|startswith: 'C:\\Users\\'\ncondition: selection\n";
        assertTrue(matches(startswith, Map.of("Image", "c:\\users\\bob\\a.exe")));
        assertFalse(matches(startswith, Map.of("Image", "D:\\C:\\Users\\a.exe")));

        String endswith = "selection:\n    Image|endswith: '.scr'\ncondition: selection\n";
        assertTrue(matches(endswith, Map.of("Image", "invoice.pdf.SCR")));
        assertFalse(matches(endswith, Map.of("Image", "invoice.scr.pdf")));

        // Wildcards inside a contains value keep working.
        String containsWildcard = "selection:\n    CommandLine|contains: 'net * /add'\ncondition: selection\n";
        assertTrue(matches(containsWildcard, Map.of("CommandLine", "cmd /c net user eve P@ss /add")));
    }

    @Test
    void allRequiresEveryValue() {
        String detection = """
                selection:
                    CommandLine|contains|all:
                        - 'vssadmin'
                        - 'delete'
                        - 'shadows'
                condition: selection
                """;
        assertTrue(matches(detection, Map.of("CommandLine", "vssadmin.exe Delete Shadows /All /Quiet")));
        assertFalse(matches(detection, Map.of("CommandLine", "vssadmin.exe list shadows")));
    }

    @Test
    void regexIsUnanchoredCaseSensitiveRe2() {
        String detection = "selection:\n    message|re: 'port \\d{2,5} ssh2$'\ncondition: selection\n";
        assertTrue(matches(detection, Map.of("message", "Failed password for root from 1.2.3.4 port 52113 ssh2")));
        assertFalse(matches(detection, Map.of("message", "Failed password for root from 1.2.3.4 PORT 52113 SSH2")));

        String ignoreCase = "selection:\n    message|re|i: 'port \\d+ ssh2$'\ncondition: selection\n";
        assertTrue(matches(ignoreCase, Map.of("message", "PORT 52113 SSH2")));

        String multiline = "selection:\n    message|re|m: '^second$'\ncondition: selection\n";
        assertTrue(matches(multiline, Map.of("message", "first\nsecond\nthird")));
        assertFalse(matches("selection:\n    message|re: '^second$'\ncondition: selection\n",
                Map.of("message", "first\nsecond\nthird")));

        String dotall = "selection:\n    message|re|s: 'first.second'\ncondition: selection\n";
        assertTrue(matches(dotall, Map.of("message", "first\nsecond")));
    }

    @Test
    void regexMatchesTheOriginalCaseEvenWhenOtherTermsFoldIt() {
        String detection = """
                selection:
                    message|re: 'Admin'
                    message|contains: 'admin'
                condition: selection
                """;
        assertTrue(matches(detection, Map.of("message", "user Admin")));
        assertFalse(matches(detection, Map.of("message", "user ADMIN")));
    }

    @Test
    void casedComparesExactly() {
        String detection = "selection:\n    CommandLine|contains|cased: 'Invoke-Mimikatz'\ncondition: selection\n";
        assertTrue(matches(detection, Map.of("CommandLine", "powershell Invoke-Mimikatz -DumpCreds")));
        assertFalse(matches(detection, Map.of("CommandLine", "powershell invoke-mimikatz -DumpCreds")));
    }

    @Test
    void existsChecksPresence() {
        String present = "selection:\n    PasswordLastSet|exists: true\ncondition: selection\n";
        assertTrue(matches(present, Map.of("PasswordLastSet", "")));
        assertFalse(matches(present, Map.of("Other", "x")));

        String absent = "selection:\n    PasswordLastSet|exists: false\ncondition: selection\n";
        assertTrue(matches(absent, Map.of("Other", "x")));
        assertFalse(matches(absent, Map.of("PasswordLastSet", "x")));
    }

    @Test
    void listValuedFieldsMatchAnyElement() {
        String detection = "selection:\n    tags: 'Admin'\ncondition: selection\n";
        assertTrue(matches(detection, Map.of("tags", List.of("user", "admin"))));
        assertFalse(matches(detection, Map.of("tags", List.of("user", "guest"))));
    }

    @Test
    void dottedFieldsReachIntoNestedMaps() {
        String detection = "selection:\n    structured_data.origin.ip: '10.0.0.1'\ncondition: selection\n";
        assertTrue(matches(detection, Map.of("structured_data", Map.of("origin", Map.of("ip", "10.0.0.1")))));
        assertFalse(matches(detection, Map.of("structured_data", Map.of("origin", Map.of("ip", "10.0.0.2")))));
    }

    @Test
    void keywordListsSearchTheMessageCaseInsensitively() {
        String detection = """
                keywords:
                    - 'event::clear'
                    - 'sekurlsa::'
                condition: keywords
                """;
        assertTrue(matches(detection, Map.of("message", "mimikatz # SEKURLSA::logonpasswords")));
        assertFalse(matches(detection, Map.of("message", "nothing to see")));
        // Keywords look at the message, not at other fields.
        assertFalse(matches(detection, Map.of("message", "x", "CommandLine", "event::clear")));
        // Without a message (an unparsed line) the raw line is searched.
        assertTrue(matches(detection, Map.of("raw", "<13>garbage event::clear")));
    }

    @Test
    void keywordAllFormRequiresEveryKeyword() {
        String detection = """
                keywords:
                    '|all':
                        - 'OabVirtualDirectory'
                        - ' -ExternalUrl '
                condition: keywords
                """;
        assertTrue(matches(detection, Map.of("message", "Set-OabVirtualDirectory -ExternalUrl 'http://x'")));
        assertFalse(matches(detection, Map.of("message", "Set-OabVirtualDirectory -InternalUrl 'http://x'")));
    }

    @Test
    void singleKeywordString() {
        assertTrue(matches("keywords: 'segfault'\ncondition: keywords\n", Map.of("message", "app[12]: SEGFAULT at 0")));
    }
}
