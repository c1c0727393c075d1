package org.socd.protocol.syslog;

import java.util.AbstractMap;
import java.util.Map;
import java.util.Set;

/**
 * The STRUCTURED-DATA of one RFC 5424 message as an event field: SD-ID -> {PARAM-NAME: value},
 * in the order of the line. Like every event field it is only read once the event is built; this
 * map refuses {@code put}.
 *
 * <p>Holds a copy of the well-formed SD-ELEMENTs' bytes (already checked by
 * {@link StructuredDataParser#parse}) and turns them into Strings and maps on the first read:
 * the decode stage builds an event for every line, but only a rule or an output that looks at
 * the structured data needs it as a map. Copied rather than referenced, because the caller may
 * reuse the buffer it parsed from once the parse returns.
 *
 * <p>Readers on several threads may race to build the maps; each builds a complete one and
 * publishes it through a volatile field, so whichever they see is whole and equal to the others.
 */
final class StructuredData extends AbstractMap<String, Map<String, String>> {

    private final byte[] elements;
    private final AsciiNameCache names;
    private volatile Map<String, Map<String, String>> built;

    StructuredData(byte[] elements, AsciiNameCache names) {
        this.elements = elements;
        this.names = names;
    }

    private Map<String, Map<String, String>> map() {
        Map<String, Map<String, String>> m = built;
        if (m == null) {
            m = StructuredDataParser.build(elements, names);
            built = m;
        }
        return m;
    }

    @Override
    public Map<String, String> get(Object key) {
        return map().get(key);
    }

    @Override
    public boolean containsKey(Object key) {
        return map().containsKey(key);
    }

    @Override
    public int size() {
        return map().size();
    }

    @Override
    public boolean isEmpty() {
        return map().isEmpty();
    }

    @Override
    public Set<Map.Entry<String, Map<String, String>>> entrySet() {
        return map().entrySet();
    }
}
