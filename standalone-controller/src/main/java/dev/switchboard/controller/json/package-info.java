/** Strict JSON reading shared by the configuration file and the REST API. */
package dev.switchboard.controller.json;
