/**
 * OpenFlow encoding of Switchboard's rule model with openflowj: {@link
 * dev.switchboard.rules.openflow.OpenFlowEncoder} turns flow rules, deletes and groups into messages for the
 * negotiated version; {@link dev.switchboard.rules.openflow.OpenFlowDecoder} reads messages back into the
 * model (FLOW_REMOVED to session key, flow-mods to rules). {@link dev.switchboard.rules.openflow.SessionFlowMods}
 * writes the per-session flow mods of OpenFlow 1.3/1.4 dispatchers straight into Netty buffers, identical to the
 * encoder's but without building objects (the controller's hot path).
 */
package dev.switchboard.rules.openflow;
