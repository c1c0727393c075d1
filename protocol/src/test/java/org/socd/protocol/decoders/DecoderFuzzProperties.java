package org.socd.protocol.decoders;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.socd.protocol.event.Event;

/**
 * Property-based fuzzing (jqwik) of the decoders on their own: each program's known message
 * beginnings followed by random text made of the characters their scans look for. No decoder may
 * throw (the registry would report it in {@code parse_error}), and what they add stays bounded by
 * the message.
 */
class DecoderFuzzProperties {

    private static final String[] APPS = {"sshd", "sudo", "su", "useradd", "groupadd", "usermod", "userdel", "passwd",
        "systemd-logind", "CRON", "crontab", "sshd(pam_unix)", "fw", "login"};
    private static final String[] STARTS = {"", "Failed password for ", "Accepted publickey for ", "Failed none for invalid user ",
        "Invalid user ", "Disconnected from ", "Disconnected from invalid user ", "Connection closed by authenticating user ",
        "Received disconnect from ", "Disconnecting invalid user ", "error: maximum authentication attempts exceeded for ",
        "User ", "alice : ", "alice : 3 incorrect password attempts ; ", "(to ", "FAILED SU (to ", "Successful su for ", "+ ",
        "- ", "'su ", "pam_unix(", "pam_unix(sshd:auth): authentication failure; ", "pam_unix(sudo:session): session opened for user ",
        "PAM 2 more authentication failures; ", "authentication failure; ", "new user: ", "group added to ", "add '",
        "delete '", "group '", "password for '", "New session ", "Removed session ", "Session ", "(root) CMD (", "(",
        "CEF:0|", "CEF:0|a|b|c|d|e|f|", "LEEF:1.0|a|b|c|d|", "LEEF:2.0|a|b|c|d|x09|", "LEEF:2.0|a|b|c|d|^|"};

    @Property(tries = 3000, seed = "2026")
    void decodersNeverFailAndStayBounded(@ForAll("apps") String app, @ForAll("messages") String message) {
        Event event = new Event().put(Event.APPNAME, app).put(Event.MESSAGE, message);
        DecoderRegistry.defaults().decode(event);
        assertFalse(event.has(Event.PARSE_ERROR), () -> app + ": " + message + " -> " + event.getString(Event.PARSE_ERROR));
        long size = 0;
        for (Map.Entry<String, Object> f : event.fields().entrySet()) {
            size += f.getKey().length() + String.valueOf(f.getValue()).length();
        }
        long limit = 4L * message.length() + 1024;
        assertTrue(size <= limit, () -> app + ": " + message + " -> " + event);
    }

    @Provide
    Arbitrary<String> apps() {
        return Arbitraries.of(APPS);
    }

    @Provide
    Arbitrary<String> messages() {
        Arbitrary<String> tails = Arbitraries.strings()
                .withChars(" :;=|()[]'\"\\.#^\t0123456789abcdefportfromuserbyonto")
                .withCharRange('\u0000', '\u00ff')
                .ofMaxLength(160);
        Arbitrary<String> words = Arbitraries.of("from ", "port ", " port ", " ssh2", ": ", "[preauth]", "1.2.3.4 ", "2001:db8::1 ",
                "(uid=0)", " by ", "TTY=", " ; ", "COMMAND=", "=", "\\", "|", "'", "#011", "x09");
        return Arbitraries.of(STARTS).flatMap(start -> words.list().ofMaxSize(6).flatMap(ws ->
                tails.map(tail -> start + String.join("", ws) + tail)));
    }
}
