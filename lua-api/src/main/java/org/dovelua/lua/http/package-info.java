/**
 * {@code dovecot.http.client} (dlua-dovecot-http.c over lib-http) on OkHttp: typed client settings,
 * Dovecot's request header block, lib-http's response parser and 9xxx failures, the URL router that
 * sends hosts to loopback stubs, and the recording of every exchange.
 */
package org.dovelua.lua.http;
