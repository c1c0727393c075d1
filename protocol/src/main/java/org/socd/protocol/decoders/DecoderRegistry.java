package org.socd.protocol.decoders;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.socd.protocol.event.Event;

/**
 * Applies the {@link FieldDecoder}s that fit an event: those registered for its {@code appname}
 * (one map lookup), then those offered every event, until one recognizes the line.
 *
 * <p>Appnames are matched case-insensitively and without a path or a parenthesized suffix, so
 * {@code CRON}, {@code /usr/sbin/cron} and {@code sshd(pam_unix)} find the decoders of
 * {@code cron} and {@code sshd}; the exact spelling is tried first so the common case allocates
 * nothing. Immutable and thread-safe. Adding a decoder means adding it to {@link #defaults()}
 * (or building a registry {@link #of} a list): nothing in the pipeline changes.
 */
public final class DecoderRegistry {

    private static final FieldDecoder[] NONE = new FieldDecoder[0];
    private static final DecoderRegistry DEFAULTS = of(List.of(
            new SshdDecoder(), new SudoDecoder(), new SuDecoder(), new AccountDecoder(), new LogindDecoder(),
            new CronDecoder(), new PamDecoder(), new CefDecoder(), new LeefDecoder(), new FortiGateDecoder()));

    private final Map<String, FieldDecoder[]> byAppname;
    private final FieldDecoder[] everyEvent;

    private DecoderRegistry(Map<String, FieldDecoder[]> byAppname, FieldDecoder[] everyEvent) {
        this.byAppname = byAppname;
        this.everyEvent = everyEvent;
    }

    /** socd's decoders: sshd, sudo, su, account management, systemd-logind, cron, PAM, CEF, LEEF, FortiGate. */
    public static DecoderRegistry defaults() {
        return DEFAULTS;
    }

    /** A registry of {@code decoders}, asked in list order. */
    public static DecoderRegistry of(List<? extends FieldDecoder> decoders) {
        Map<String, List<FieldDecoder>> lists = new HashMap<>();
        List<FieldDecoder> every = new ArrayList<>();
        for (FieldDecoder d : decoders) {
            if (d.appnames().isEmpty()) {
                every.add(d);
            }
            for (String app : d.appnames()) {
                lists.computeIfAbsent(app.toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(d);
            }
        }
        Map<String, FieldDecoder[]> byAppname = new HashMap<>();
        lists.forEach((app, list) -> byAppname.put(app, list.toArray(NONE)));
        return new DecoderRegistry(Map.copyOf(byAppname), every.toArray(NONE));
    }

    /**
     * Adds the fields the fitting decoders find in the event's {@code message}. Never throws: a
     * decoder that fails on a line is reported in {@code parse_error} and the event kept.
     *
     * @return true if a decoder recognized the line
     */
    public boolean decode(Event event) {
        if (!(event.get(Event.MESSAGE) instanceof String message)) {
            return false;
        }
        FieldDecoder current = null;
        try {
            if (event.get(Event.APPNAME) instanceof String appname) {
                for (FieldDecoder d : forAppname(appname)) {
                    current = d;
                    if (d.decode(message, event)) {
                        return true;
                    }
                }
            }
            for (FieldDecoder d : everyEvent) {
                current = d;
                if (d.decode(message, event)) {
                    return true;
                }
            }
        } catch (RuntimeException bug) {
            // A decoder bug costs this line its decoded fields, never the event or the pipeline.
            String previous = event.getString(Event.PARSE_ERROR);
            String what = "decoder " + current.getClass().getSimpleName() + " failed (" + bug + "): please report this line";
            event.put(Event.PARSE_ERROR, previous == null ? what : previous + "; " + what);
        }
        return false;
    }

    private FieldDecoder[] forAppname(String appname) {
        FieldDecoder[] exact = byAppname.get(appname);
        if (exact != null) {
            return exact;
        }
        String key = normalize(appname);
        if (key == null) {
            return NONE;
        }
        FieldDecoder[] found = byAppname.get(key);
        return found == null ? NONE : found;
    }

    /** {@code /usr/sbin/CRON(pam_unix)} to {@code cron}; null when that changes nothing. */
    static String normalize(String appname) {
        int start = appname.lastIndexOf('/') + 1;
        int end = appname.indexOf('(', start);
        if (end < 0) {
            end = appname.length();
        }
        boolean upper = false;
        for (int i = start; i < end; i++) {
            char c = appname.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                upper = true;
                break;
            }
        }
        if (start == 0 && end == appname.length() && !upper) {
            return null;
        }
        String key = appname.substring(start, end);
        return upper ? key.toLowerCase(Locale.ROOT) : key;
    }
}
