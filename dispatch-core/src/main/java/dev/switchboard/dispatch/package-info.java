/**
 * The dispatcher: a decision for every packet, the client-lock protocol, termination and expiry.
 * Runtimes (the standalone controller, the ONOS app) only translate packets and updates to and from it.
 */
package dev.switchboard.dispatch;
