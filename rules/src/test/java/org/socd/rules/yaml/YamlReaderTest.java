package org.socd.rules.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class YamlReaderTest {

    @Test
    void nodesKnowTheirLineAndColumn() {
        YamlNode.Mapping root = (YamlNode.Mapping) YamlReader.read("""
                title: x
                detection:
                    selection:
                        EventID: 4625
                        Quoted: '4625'
                        Missing: null
                """, "r.yml");
        YamlNode.Mapping detection = (YamlNode.Mapping) root.get("detection").orElseThrow();
        YamlNode.Mapping selection = (YamlNode.Mapping) detection.get("selection").orElseThrow();
        YamlNode.Entry eventId = selection.entry("EventID").orElseThrow();
        assertEquals(new SourceLocation("r.yml", 4, 9), eventId.keyLocation());
        assertEquals(new SourceLocation("r.yml", 4, 18), eventId.value().location());
        assertEquals(4625, ((Number) ((YamlNode.Scalar) eventId.value()).value()).intValue());
        assertInstanceOf(String.class, ((YamlNode.Scalar) selection.get("Quoted").orElseThrow()).value());
        assertNull(((YamlNode.Scalar) selection.get("Missing").orElseThrow()).value());
    }

    @Test
    void brokenYamlReportsItsPosition() {
        RuleSyntaxException e = assertThrows(RuleSyntaxException.class, () -> YamlReader.read("""
                title: x
                detection:
                    selection:
                        Image: 'unterminated
                    condition: selection
                """, "broken.yml"));
        assertEquals("broken.yml", e.location().file());
        assertTrue(e.location().line() >= 4, "line of the broken scalar or later: " + e.location());
        assertTrue(e.getMessage().startsWith("broken.yml:"), e.getMessage());
        assertTrue(e.problem().startsWith("invalid YAML: "), e.problem());
        assertTrue(e.problem().contains("fix the YAML syntax"), e.problem());
        assertTrue(e.problem().contains("quoted scalar (started at line 4, column 16): found unexpected end of stream"), e.problem());
    }

    @Test
    void badIndentationReportsItsPosition() {
        RuleSyntaxException e = assertThrows(RuleSyntaxException.class,
                () -> YamlReader.read("title: x\ndetection:\n  selection:\n    a: 1\n   b: 2\n", "indent.yml"));
        assertEquals(5, e.location().line(), e.getMessage());
    }

    @Test
    void duplicateKeysAreRejected() {
        RuleSyntaxException e = assertThrows(RuleSyntaxException.class,
                () -> YamlReader.read("a: 1\nb: 2\na: 3\n", "dup.yml"));
        assertEquals(new SourceLocation("dup.yml", 3, 1), e.location());
        assertTrue(e.problem().contains("duplicate key 'a' (first at line 1)"), e.problem());
    }

    @Test
    void severalDocumentsAndEmptyFilesAreRejected() {
        RuleSyntaxException multi = assertThrows(RuleSyntaxException.class,
                () -> YamlReader.read("a: 1\n---\nb: 2\n", "multi.yml"));
        assertEquals(3, multi.location().line());
        assertTrue(multi.problem().contains("more than one YAML document"));
        RuleSyntaxException empty = assertThrows(RuleSyntaxException.class, () -> YamlReader.read("# nothing\n", "empty.yml"));
        assertTrue(empty.problem().contains("no YAML document"));
    }

    @Test
    void readAllReturnsEveryDocumentWithItsLinesAndSkipsEmptyOnes() {
        java.util.List<YamlNode> docs = YamlReader.readAll("---\na: 1\n---\nb: &x [2]\nc: *x\n---\n", "multi.yml");
        assertEquals(2, docs.size());
        assertEquals(2, docs.get(0).location().line());
        assertEquals(4, docs.get(1).location().line());
        RuleSyntaxException anchorOfOtherDocument = assertThrows(RuleSyntaxException.class,
                () -> YamlReader.readAll("a: &x [1]\n---\nb: *x\n", "anchors.yml"));
        assertEquals(3, anchorOfOtherDocument.location().line(), "anchors are per document");
        assertThrows(RuleSyntaxException.class, () -> YamlReader.readAll("---\n---\n", "empty.yml"));
    }

    @Test
    void emojiAtTheParserBufferBoundaryIsRead() {
        // snakeyaml-engine's reader window is 1024 chars; put a surrogate pair across every nearby offset.
        for (int padding = 1000; padding < 1040; padding++) {
            String text = "a: '" + "x".repeat(padding) + "\uD83D\uDE00'\nb: 1\n";
            YamlNode.Mapping root = (YamlNode.Mapping) YamlReader.read(text, "emoji.yml");
            assertTrue(((YamlNode.Scalar) root.get("a").orElseThrow()).text().endsWith("\uD83D\uDE00"));
        }
    }
}
