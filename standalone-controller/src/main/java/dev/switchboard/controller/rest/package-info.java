/**
 * The northbound REST API of the standalone controller (docs/api.md, docs/openapi.yaml) on the JDK HTTP
 * server: a small router, strict JSON bodies, bearer-token writes, JSON errors that name the field, the
 * OpenAPI document and Prometheus metrics. Everything it reads or changes goes through
 * {@link dev.switchboard.controller.dispatch.SwitchboardService}.
 */
package dev.switchboard.controller.rest;
