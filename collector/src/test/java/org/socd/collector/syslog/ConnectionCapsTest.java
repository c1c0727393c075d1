package org.socd.collector.syslog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.socd.collector.syslog.ConnectionCaps.Admission;

class ConnectionCapsTest {

    @Test
    void perAddressAndGlobalLimitsAndSlotsComeBack() throws Exception {
        InetAddress a = InetAddress.getByName("192.0.2.1");
        InetAddress b = InetAddress.getByName("192.0.2.2");
        ConnectionCaps caps = new ConnectionCaps(3, 2);
        assertEquals(Admission.ADMITTED, caps.tryAcquire(a));
        assertEquals(Admission.ADMITTED, caps.tryAcquire(a));
        assertEquals(Admission.PER_IP_LIMIT, caps.tryAcquire(a));
        assertEquals(Admission.ADMITTED, caps.tryAcquire(b));
        assertEquals(Admission.GLOBAL_LIMIT, caps.tryAcquire(b), "3 open in total");
        caps.release(a);
        assertEquals(1, caps.openFrom(a));
        assertEquals(Admission.ADMITTED, caps.tryAcquire(b), "a refused attempt took no slot");
        caps.release(a);
        caps.release(b);
        caps.release(b);
        assertEquals(0, caps.openFrom(a));
        assertEquals(0, caps.addresses(), "no entry left behind for addresses that went away");
    }
}
