/**
 * How dispatchers broadcast table updates to each other (claims 14, 16-20, 34, 38): the update
 * message, the channel interface every runtime implements over its store, and the embedded
 * in-process implementation.
 */
package dev.switchboard.dispatch.replication;
