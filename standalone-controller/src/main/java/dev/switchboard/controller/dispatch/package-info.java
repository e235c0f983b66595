/**
 * The standalone runtime of the dispatch core: one agent per switch role (router, dispatcher, SAN),
 * each confined to its switch's event loop, translating OpenFlow to and from dispatch-core and
 * flow-rules.
 */
package dev.switchboard.controller.dispatch;
