package org.socd.rules.events;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.function.Consumer;
import org.socd.protocol.event.Event;
import org.socd.protocol.event.ReceiveMetadata;
import org.socd.protocol.syslog.SyslogDecoding;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads events from a file in any of the formats socd hunts over, chosen by the first
 * non-blank byte: {@code {} starts JSON (one object per line, or concatenated pretty-printed
 * objects as evtx_dump writes them), anything else is one raw syslog line per line. evtx_dump
 * records are flattened by {@link EvtxJson}; other JSON objects are kept nested (dotted access).
 * Streams: memory stays bounded by the largest single record, whatever the file size.
 */
public final class EventFileReader {

    /** Longest syslog line or JSON document accepted; longer ones are counted as bad records. */
    static final int MAX_RECORD_CHARS = 4 * 1024 * 1024;

    private static final JsonMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(200).maxStringLength(MAX_RECORD_CHARS).build())
            .build())
            // Concatenated objects: each readValue consumes one, the next one is not "trailing garbage".
            .disable(tools.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    /** What a read found besides events: records it could not use, with the first reason. */
    public record Outcome(long events, long badRecords, String firstProblem) {}

    /** The daemon's syslog path: parser and field decoders, so a hunt sees the fields a live event has. */
    private final SyslogDecoding syslog = SyslogDecoding.of(ZoneOffset.UTC, Clock.systemUTC());

    /**
     * Reads {@code file}, handing each event to {@code sink} in file order.
     *
     * @throws IOException when the file cannot be read at all
     */
    public Outcome read(Path file, Consumer<SourcedEvent> sink) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString(), sink);
        }
    }

    /** Reads a stream named {@code name} in messages and sources. */
    public Outcome read(InputStream raw, String name, Consumer<SourcedEvent> sink) throws IOException {
        PushbackInputStream in = new PushbackInputStream(raw, 4);
        int first = firstNonBlank(in);
        if (first < 0) {
            return new Outcome(0, 0, null);
        }
        if (first == '{') {
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
            reader.mark(MAX_RECORD_CHARS);
            String firstLine = reader.readLine();
            reader.reset();
            // One complete object on the first line: JSON lines, read line by line so that one
            // broken line costs one record. Otherwise concatenated (pretty-printed) objects.
            return isJsonObject(firstLine) ? readJsonLines(reader, name, sink) : readJson(reader, name, sink);
        }
        return readSyslog(in, name, sink);
    }

    private static int firstNonBlank(PushbackInputStream in) throws IOException {
        int b = in.read();
        if (b == 0xEF) { // a UTF-8 byte order mark is skipped, anything else starting with 0xEF kept
            int b2 = in.read();
            int b3 = in.read();
            if (b2 == 0xBB && b3 == 0xBF) {
                b = in.read();
            } else {
                if (b3 >= 0) {
                    in.unread(b3);
                }
                if (b2 >= 0) {
                    in.unread(b2);
                }
            }
        }
        while (b == ' ' || b == '\t' || b == '\r' || b == '\n') {
            b = in.read();
        }
        if (b >= 0) {
            in.unread(b);
        }
        return b;
    }

    private static boolean isJsonObject(String line) {
        if (line == null || !line.strip().endsWith("}")) {
            return false;
        }
        try {
            return MAPPER.readTree(line).isObject();
        } catch (JacksonException e) {
            return false;
        }
    }

    private Outcome readJsonLines(BufferedReader reader, String name, Consumer<SourcedEvent> sink) throws IOException {
        long events = 0;
        long bad = 0;
        String problem = null;
        long lineNumber = 0;
        String line;
        while ((line = reader.readLine()) != null) {
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            String where = name + ":" + lineNumber;
            try {
                Object value = MAPPER.readValue(line, Object.class);
                if (value instanceof Map<?, ?>) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> object = (Map<String, Object>) value;
                    sink.accept(new SourcedEvent(EvtxJson.isEvtx(object) ? EvtxJson.flatten(object) : Event.of(object), where));
                    events++;
                } else {
                    bad++;
                    problem = problem != null ? problem : where + ": expected a JSON object per line, skipped";
                }
            } catch (JacksonException e) {
                bad++;
                problem = problem != null ? problem : where + ":" + (e.getLocation() == null ? 1 : e.getLocation().getColumnNr())
                        + ": invalid JSON (" + e.getOriginalMessage() + "), line skipped";
            }
        }
        return new Outcome(events, bad, problem);
    }

    private Outcome readJson(BufferedReader in, String name, Consumer<SourcedEvent> sink) throws IOException {
        long events = 0;
        long bad = 0;
        String problem = null;
        try (JsonParser parser = MAPPER.createParser(in)) {
            while (true) {
                JsonToken token;
                try {
                    token = parser.nextToken();
                } catch (JacksonException e) {
                    return new Outcome(events, bad + 1, problem != null ? problem : describe(name, e));
                }
                if (token == null) {
                    break;
                }
                long line = parser.currentTokenLocation().getLineNr();
                if (token != JsonToken.START_OBJECT) {
                    bad++;
                    problem = problem != null ? problem : name + ":" + line + ": expected a JSON object, found " + token;
                    parser.skipChildren();
                    continue;
                }
                Map<String, Object> object;
                try {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> read = MAPPER.readValue(parser, Map.class);
                    object = read;
                } catch (JacksonException e) {
                    // The stream cannot be resynchronised inside broken JSON: report and stop this file.
                    return new Outcome(events, bad + 1, problem != null ? problem : describe(name, e));
                }
                Event event = EvtxJson.isEvtx(object) ? EvtxJson.flatten(object) : Event.of(object);
                sink.accept(new SourcedEvent(event, name + ":" + line));
                events++;
            }
        }
        return new Outcome(events, bad, problem);
    }

    private static String describe(String name, JacksonException e) {
        String where = e.getLocation() == null ? name : name + ":" + e.getLocation().getLineNr() + ":" + e.getLocation().getColumnNr();
        return where + ": invalid JSON (" + e.getOriginalMessage() + "); the rest of the file was skipped";
    }

    private Outcome readSyslog(InputStream in, String name, Consumer<SourcedEvent> sink) throws IOException {
        long events = 0;
        long bad = 0;
        String problem = null;
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
        ReceiveMetadata meta = new ReceiveMetadata("file:" + name, null, 0, System.currentTimeMillis() * 1_000_000L);
        long lineNumber = 0;
        String line;
        while ((line = reader.readLine()) != null) {
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            if (line.length() > MAX_RECORD_CHARS) {
                bad++;
                problem = problem != null ? problem : name + ":" + lineNumber + ": line longer than " + MAX_RECORD_CHARS + " characters, skipped";
                continue;
            }
            byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
            Event event = syslog.decode(bytes, 0, bytes.length, meta);
            sink.accept(new SourcedEvent(event, name + ":" + lineNumber));
            events++;
        }
        return new Outcome(events, bad, problem);
    }
}
