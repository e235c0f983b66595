/**
 * The local dispatch table: session entries and client locks as last-writer-wins registers, stored
 * in compact primitive arrays.
 */
package dev.switchboard.dispatch.table;
