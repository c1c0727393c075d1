/** TLS for syslog (RFC 5425) and RELP: building the server context from PEM files, counting failed handshakes. */
package org.socd.collector.tls;
