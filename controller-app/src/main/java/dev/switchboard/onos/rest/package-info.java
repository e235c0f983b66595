/**
 * Switchboard's northbound REST API in ONOS, at {@code /onos/switchboard/api/v1}: the same paths, bodies and
 * errors as the standalone controller (docs/api.md, docs/openapi.yaml). The {@code *Api} classes hold the
 * operations, which the REST resources and the {@code sb-*} commands both run; JSON codecs for the app's types
 * are registered in ONOS's CodecService.
 */
package dev.switchboard.onos.rest;
