/**
 * Switchboard's northbound REST API in ONOS ({@code /onos/switchboard}): sessions, locks, services, servers,
 * groups, dispatchers and statistics, with JSON codecs registered in ONOS's CodecService.
 */
package dev.switchboard.onos.rest;
