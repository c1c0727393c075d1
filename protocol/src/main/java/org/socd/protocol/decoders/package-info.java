/**
 * Field decoders: small classes that read the message of one kind of log line (sshd, sudo, su,
 * PAM, account management, systemd-logind, cron, CEF, LEEF, FortiGate) and add the fields detection needs,
 * named from one vocabulary ({@link org.socd.protocol.decoders.Fields}; the table in
 * {@code protocol/README.md}). {@link org.socd.protocol.decoders.DecoderRegistry} picks them by
 * appname with a map lookup. The hot decoders scan by hand; none uses a backtracking regex.
 */
package org.socd.protocol.decoders;
