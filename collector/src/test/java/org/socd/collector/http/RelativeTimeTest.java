package org.socd.collector.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RelativeTimeTest {

    @Test
    void parsesEveryUnit() {
        assertEquals(Duration.ofSeconds(90), RelativeTime.parse("90s"));
        assertEquals(Duration.ofMinutes(15), RelativeTime.parse("15m"));
        assertEquals(Duration.ofHours(24), RelativeTime.parse("24h"));
        assertEquals(Duration.ofDays(7), RelativeTime.parse("7d"));
        assertEquals(Duration.ofDays(14), RelativeTime.parse("2w"));
    }

    @Test
    void rejectsWhatIsNotADuration() {
        for (String bad : new String[] {"", "h", "24", "24x", "-1h", "1.5h", "abc"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RelativeTime.parse(bad), bad);
            assertEquals(true, e.getMessage().contains("24h"), e.getMessage());
        }
    }
}
