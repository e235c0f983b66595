/**
 * Controller-neutral switch programming for Switchboard: an immutable rule model ({@link
 * dev.switchboard.rules.FlowRule}, {@link dev.switchboard.rules.Match}, {@link dev.switchboard.rules.Action},
 * {@link dev.switchboard.rules.GroupRule}, {@link dev.switchboard.rules.FlowDelete}) and pure compilers from
 * topology and dispatch state to rules ({@link dev.switchboard.rules.RouterRules}, {@link
 * dev.switchboard.rules.DispatcherRules}, {@link dev.switchboard.rules.SanRules}), following the rule layout
 * of docs/topology.md. Every compiled rule is checked against its table's {@link
 * dev.switchboard.rules.TableSchema} and carries a deterministic {@link dev.switchboard.rules.Cookies cookie}.
 *
 * <p>Spray mode (packets of one TCP connection over several trunk links, on OpenFlow 1.3) is explained in
 * docs/flow-rules.md and {@link dev.switchboard.rules.TcpFlagClass}.
 */
package dev.switchboard.rules;
