/**
 * The standalone controller process: {@link dev.switchboard.controller.Main} validates the configuration
 * and starts a {@link dev.switchboard.controller.ControllerRuntime}, where the dispatch logic plugs in.
 */
package dev.switchboard.controller;
