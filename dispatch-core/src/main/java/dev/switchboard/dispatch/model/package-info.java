/** Immutable value types of the dispatch model: services, server groups, servers and session keys. */
package dev.switchboard.dispatch.model;
