package org.socd.rules.engine;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Finds every one of a fixed set of strings in a text in one pass (Aho-Corasick). Transitions are
 * sorted char arrays searched by bisection: compact for tens of thousands of patterns, and the
 * texts (field values) are short. Immutable after construction, so shared by all threads.
 */
final class AhoCorasick {

    /** Called with the id of each pattern found (possibly more than once per text). */
    interface Hits {
        void hit(int patternId);
    }

    private final char[][] keys;
    private final int[][] next;
    private final int[] fail;
    /** Pattern ids ending exactly at each node. */
    private final int[][] outputs;
    /** The nearest node on the fail chain that has outputs, or -1. */
    private final int[] outputLink;
    /** Root transitions for ASCII, dense: most characters of a text are read at the root. */
    private final int[] rootAscii = new int[128];

    AhoCorasick(List<String> patterns) {
        List<Map<Character, Integer>> trie = new ArrayList<>();
        List<List<Integer>> ends = new ArrayList<>();
        trie.add(new TreeMap<>());
        ends.add(new ArrayList<>());
        for (int id = 0; id < patterns.size(); id++) {
            int node = 0;
            for (char c : patterns.get(id).toCharArray()) {
                Integer child = trie.get(node).get(c);
                if (child == null) {
                    child = trie.size();
                    trie.get(node).put(c, child);
                    trie.add(new TreeMap<>());
                    ends.add(new ArrayList<>());
                }
                node = child;
            }
            ends.get(node).add(id);
        }
        int n = trie.size();
        keys = new char[n][];
        next = new int[n][];
        outputs = new int[n][];
        for (int i = 0; i < n; i++) {
            Map<Character, Integer> children = trie.get(i);
            keys[i] = new char[children.size()];
            next[i] = new int[children.size()];
            int k = 0;
            for (Map.Entry<Character, Integer> e : children.entrySet()) {
                keys[i][k] = e.getKey();
                next[i][k] = e.getValue();
                k++;
            }
            outputs[i] = ends.get(i).stream().mapToInt(Integer::intValue).toArray();
        }
        Arrays.fill(rootAscii, -1);
        for (int k = 0; k < keys[0].length; k++) {
            if (keys[0][k] < 128) {
                rootAscii[keys[0][k]] = next[0][k];
            }
        }
        fail = new int[n];
        outputLink = new int[n];
        Arrays.fill(outputLink, -1);
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int child : next[0]) {
            fail[child] = 0;
            queue.add(child);
        }
        while (!queue.isEmpty()) {
            int node = queue.poll();
            for (int k = 0; k < keys[node].length; k++) {
                char c = keys[node][k];
                int child = next[node][k];
                int f = fail[node];
                int target;
                while (true) {
                    target = step(f, c);
                    if (target >= 0 || f == 0) {
                        break;
                    }
                    f = fail[f];
                }
                fail[child] = target >= 0 && target != child ? target : 0;
                int link = fail[child];
                outputLink[child] = outputs[link].length > 0 ? link : outputLink[link];
                queue.add(child);
            }
        }
    }

    private int step(int node, char c) {
        if (node == 0 && c < 128) {
            return rootAscii[c];
        }
        int k = Arrays.binarySearch(keys[node], c);
        return k >= 0 ? next[node][k] : -1;
    }

    /** Reports every pattern occurring in {@code text}. */
    void search(String text, Hits hits) {
        int node = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int target;
            while ((target = step(node, c)) < 0 && node != 0) {
                node = fail[node];
            }
            node = Math.max(target, 0);
            for (int out = outputs[node].length > 0 ? node : outputLink[node]; out >= 0; out = outputLink[out]) {
                for (int id : outputs[out]) {
                    hits.hit(id);
                }
            }
        }
    }

    /** Builds one automaton per key from (key, pattern) pairs; pattern ids index {@code patternsByKey}'s lists. */
    static Map<String, AhoCorasick> perKey(Map<String, List<String>> patternsByKey) {
        Map<String, AhoCorasick> automata = new HashMap<>();
        patternsByKey.forEach((key, patterns) -> automata.put(key, new AhoCorasick(patterns)));
        return automata;
    }
}
