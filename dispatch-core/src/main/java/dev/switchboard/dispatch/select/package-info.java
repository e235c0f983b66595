/** Server selection strategies: least-load, weighted round-robin and Maglev consistent hashing. */
package dev.switchboard.dispatch.select;
