package org.socd.collector.tls;

import java.nio.file.Path;

/**
 * Where a TLS input (syslog over TLS, RFC 5425, or RELP over TLS) finds its key material.
 *
 * @param cert              server certificate chain, PEM
 * @param key               the certificate's private key, PEM, PKCS#8 ({@code BEGIN PRIVATE KEY}), unencrypted
 * @param clientCa          CA certificates (PEM) that client certificates must chain to; null: not checked
 * @param requireClientCert true: a client without a certificate from {@code clientCa} is refused;
 *                          false with a CA: a certificate is asked for and checked if sent
 */
public record TlsSettings(Path cert, Path key, Path clientCa, boolean requireClientCert) {
}
