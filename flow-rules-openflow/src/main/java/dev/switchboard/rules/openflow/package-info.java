/**
 * OpenFlow encoding of Switchboard's rule model with openflowj: {@link
 * dev.switchboard.rules.openflow.OpenFlowEncoder} turns flow rules, deletes and groups into messages for the
 * negotiated version; {@link dev.switchboard.rules.openflow.OpenFlowDecoder} reads messages back into the
 * model (FLOW_REMOVED to session key, flow-mods to rules).
 */
package dev.switchboard.rules.openflow;
