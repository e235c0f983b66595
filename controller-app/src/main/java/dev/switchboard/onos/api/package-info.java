/**
 * The Switchboard app's service interfaces and the values its distributed store holds: one register of the
 * dispatch table per session key (client lock, session entry or tombstone), as every dispatcher mirrors it.
 */
package dev.switchboard.onos.api;
