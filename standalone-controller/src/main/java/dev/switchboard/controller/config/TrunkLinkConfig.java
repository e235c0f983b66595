package dev.switchboard.controller.config;

/**
 * One router port that leads to a dispatcher's trunk port.
 *
 * @param dispatcher the dispatcher id
 * @param port the router port number
 */
public record TrunkLinkConfig(int dispatcher, int port) {
}
