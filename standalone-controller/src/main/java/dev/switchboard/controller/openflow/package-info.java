/**
 * The OpenFlow layer: a Netty server that runs each switch's handshake and keepalive, and hands READY
 * switches ({@link dev.switchboard.controller.openflow.SwitchConnection}) and their messages to a
 * {@link dev.switchboard.controller.openflow.SwitchListener}.
 */
package dev.switchboard.controller.openflow;
