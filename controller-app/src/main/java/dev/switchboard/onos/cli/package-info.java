/**
 * Karaf CLI commands of the Switchboard app in the ONOS shell, named after the standalone {@code switchboard} CLI:
 * {@code sb-sessions}, {@code sb-servers}, {@code sb-services}, {@code sb-groups}, {@code sb-dispatchers},
 * {@code sb-locks}, {@code sb-stats}, {@code sb-config}.
 */
package dev.switchboard.onos.cli;
