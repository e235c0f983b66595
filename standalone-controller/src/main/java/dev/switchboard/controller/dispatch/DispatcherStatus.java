package dev.switchboard.controller.dispatch;

import dev.switchboard.dispatch.DispatcherCounters.Counter;

import java.util.Map;

/**
 * One configured dispatcher as an operator sees it.
 *
 * @param id dispatcher id
 * @param dpid datapath id of its switch
 * @param connected whether its switch is connected (a dispatcher runs only then)
 * @param ready whether it finished bulk sync and decides packets
 * @param trunkUp whether it can carry traffic: connected and its trunk link up
 * @param tableSize session entries in its table
 * @param locksHeld client locks in its table
 * @param counters its counters (all zero while not connected; they restart when the switch reconnects)
 */
public record DispatcherStatus(int id, long dpid, boolean connected, boolean ready, boolean trunkUp, int tableSize,
                               int locksHeld, Map<Counter, Long> counters) {
}
