package org.socd.collector.relp;

import io.netty.buffer.ByteBuf;

/**
 * One RELP command frame, {@code TXNR SP COMMAND SP DATALEN [SP DATA] LF}. The receiver owns
 * {@code data} and must release it.
 */
record RelpFrame(long txnr, String command, ByteBuf data) {
}
