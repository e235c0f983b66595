/**
 * The part of the northbound API contract that both runtimes share and that needs no JSON or HTTP library: the
 * error codes, the API error, and the CLI's table layout. Java 11, no dependencies, an OSGi bundle.
 */
package dev.switchboard.api;
