/**
 * The {@code switchboard} command line: picocli commands over the REST API of a standalone controller
 * (docs/api.md). It shares the controller's jar; {@code bin/switchboard} runs it.
 */
package dev.switchboard.controller.cli;
