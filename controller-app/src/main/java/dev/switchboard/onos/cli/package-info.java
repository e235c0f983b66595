/** Karaf CLI commands of the Switchboard app ({@code sb-*} in the ONOS shell). */
package dev.switchboard.onos.cli;
