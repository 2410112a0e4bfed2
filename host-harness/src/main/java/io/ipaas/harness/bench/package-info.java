/**
 * The pull benchmark's parts: the Business Central sandbox in a child process, the raw floor (the least a client
 * can do to read the same pages) and the harness JVM's heap peak.
 */
package io.ipaas.harness.bench;
