/**
 * The configuration file of docs/config.md: {@link dev.switchboard.controller.config.ConfigLoader} reads
 * it into an immutable {@link dev.switchboard.controller.config.SwitchboardConfig}, or names the first
 * bad field in a {@link dev.switchboard.controller.config.ConfigException}.
 */
package dev.switchboard.controller.config;
