/**
 * API access: bearer tokens ({@link org.socd.collector.auth.TokenStore}, hashed in the data
 * dir) with the roles viewer, analyst and admin ({@link org.socd.collector.auth.Role}).
 */
package org.socd.collector.auth;
