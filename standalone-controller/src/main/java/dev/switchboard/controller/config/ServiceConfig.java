package dev.switchboard.controller.config;

import dev.switchboard.dispatch.model.Protocol;

/**
 * A balanced service ({@code services[i]}).
 *
 * @param name unique name
 * @param vip virtual IPv4 address as a big-endian int
 * @param protocol TCP or UDP
 * @param port service port
 * @param group the group that serves it
 */
public record ServiceConfig(String name, int vip, Protocol protocol, int port, String group) {
}
