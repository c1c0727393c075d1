/** TLS for syslog (RFC 5425): building the server context from PEM files in the configuration. */
package org.socd.collector.tls;
