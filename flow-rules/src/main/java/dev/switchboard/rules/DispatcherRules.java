package dev.switchboard.rules;

import dev.switchboard.dispatch.model.Ipv4;
import dev.switchboard.dispatch.model.MacAddress;
import dev.switchboard.dispatch.model.Protocol;
import dev.switchboard.dispatch.model.Server;
import dev.switchboard.dispatch.model.ServerGroup;
import dev.switchboard.dispatch.model.Service;
import dev.switchboard.dispatch.model.ServiceCatalog;
import dev.switchboard.dispatch.model.SessionKey;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Compiles a dispatcher switch's rules (docs/topology.md, "Dispatcher switch"). Table 0 copies TCP FIN and
 * RST to the controller and sends everything on to table 1; table 1 holds the mirrored sessions, client lock
 * redirections, reverse translation and the VIP miss. Pure: the same topology and catalog always yield the
 * same rules, cookies included.
 */
public final class DispatcherRules {
    private static final int FIN_RST = Match.TCP_FIN | Match.TCP_RST;

    private final DispatcherTopology topology;
    private final ServiceCatalog catalog;

    /**
     * @param topology the dispatcher switch's ids and ports
     * @param catalog the services, groups and servers being balanced
     */
    public DispatcherRules(DispatcherTopology topology, ServiceCatalog catalog) {
        this.topology = Objects.requireNonNull(topology, "topology");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
    }

    /**
     * @return the rules that do not depend on sessions: connection requests and FIN/RST copies to the controller and
     *     the table-0 miss, reverse
     *     translation per (server, protocol, service port) and the VIP misses
     * @throws IllegalArgumentException when one server port serves two VIPs, so replies cannot be translated
     */
    public RuleSet staticRules() {
        List<FlowRule> flows = new ArrayList<>(synRules());
        flows.addAll(finCopyRules());
        flows.add(classifyMiss());
        flows.addAll(reverseRules());
        flows.addAll(vipMissRules());
        return RuleSet.of(List.of(), flows);
    }

    /**
     * Client FINs and RSTs from the trunk (to each VIP) and server FINs and RSTs from the SAN are copied to the
     * controller, which ends the session after the linger time, and continue to table 1 to be forwarded. The
     * copy reaches the controller untranslated: from the SAN it still carries the server's address.
     *
     * @return the FIN/RST copy rules, one per flag per VIP and two for the SAN
     */
    public List<FlowRule> finCopyRules() {
        List<FlowRule> rules = new ArrayList<>();
        for (int vip : catalog.vips()) {
            for (int flag : new int[] {Match.TCP_FIN, Match.TCP_RST}) {
                rules.add(finCopy(Match.builder().inPort(topology.trunkPort()).protocol(Protocol.TCP).ipv4Dst(vip)
                        .tcpFlags(flag, flag).build(), topology.trunkPort(), vip, flag));
            }
        }
        for (int flag : new int[] {Match.TCP_FIN, Match.TCP_RST}) {
            rules.add(finCopy(Match.builder().inPort(topology.sanPort()).protocol(Protocol.TCP)
                    .tcpFlags(flag, flag).build(), topology.sanPort(), 0, flag));
        }
        return rules;
    }

    /**
     * Every TCP connection request from the trunk to a VIP goes to the controller and nowhere else. A new
     * client's SYN would miss in table 1 anyway; this also catches the SYN of a client that reuses the 5-tuple
     * of a session still lingering after its FINs, which the session rule would otherwise carry to the old
     * server until the linger removes the rule under the new connection.
     *
     * @return one rule per VIP
     */
    public List<FlowRule> synRules() {
        List<FlowRule> rules = new ArrayList<>();
        for (int vip : catalog.vips()) {
            rules.add(verified(FlowRule.builder(topology.dpid())
                    .table(RuleConstants.DISPATCHER_CLASSIFY_TABLE)
                    .priority(RuleConstants.PRIORITY_DISPATCHER_SYN)
                    .match(Match.builder().inPort(topology.trunkPort()).protocol(Protocol.TCP).ipv4Dst(vip)
                            .tcpFlags(Match.TCP_SYN, Match.TCP_SYN | Match.TCP_ACK).build())
                    .actions(Action.toController())
                    .cookie(Cookies.of(RuleKind.SYN_TO_CONTROLLER, topology.trunkPort(), vip, Match.TCP_SYN))
                    .build()));
        }
        return rules;
    }

    private FlowRule finCopy(Match match, int port, int vip, int flag) {
        return verified(FlowRule.builder(topology.dpid())
                .table(RuleConstants.DISPATCHER_CLASSIFY_TABLE)
                .priority(RuleConstants.PRIORITY_DISPATCHER_FIN_COPY)
                .match(match)
                .actions(Action.toController(), Action.gotoTable(RuleConstants.DISPATCHER_SESSION_TABLE))
                .cookie(Cookies.of(RuleKind.FIN_COPY, port, vip, flag & FIN_RST))
                .build());
    }

    /** @return the table-0 rule that sends everything not copied on to table 1 */
    public FlowRule classifyMiss() {
        return verified(FlowRule.builder(topology.dpid())
                .table(RuleConstants.DISPATCHER_CLASSIFY_TABLE)
                .priority(RuleConstants.PRIORITY_DISPATCHER_CLASSIFY_MISS)
                .actions(Action.gotoTable(RuleConstants.DISPATCHER_SESSION_TABLE))
                .cookie(Cookies.of(RuleKind.CLASSIFY_MISS))
                .build());
    }

    /**
     * Replies of every member server of every service, from the SAN, get the service's VIP as source and go
     * out on the trunk. DOWN and DRAINING servers keep theirs: their sessions still run.
     *
     * @return one rule per (server, protocol, service port)
     * @throws IllegalArgumentException when one server port serves two VIPs
     */
    public List<FlowRule> reverseRules() {
        Map<ReplySource, Integer> vipBySource = new LinkedHashMap<>();
        for (Service service : catalog.services()) {
            ServerGroup group = catalog.group(service.group());
            for (int member : group.members()) {
                Server server = catalog.server(member);
                ReplySource source = new ReplySource(server, service.id().protocol(), service.id().port());
                Integer other = vipBySource.putIfAbsent(source, service.id().vip());
                if (other != null && other != service.id().vip()) {
                    throw new IllegalArgumentException("server '" + server.name() + "' serves "
                            + source.protocol + " port " + source.port + " for VIPs " + Ipv4.format(other) + " and "
                            + Ipv4.format(service.id().vip()) + ": its replies cannot be translated back");
                }
            }
        }
        List<FlowRule> rules = new ArrayList<>();
        for (Map.Entry<ReplySource, Integer> entry : vipBySource.entrySet()) {
            rules.add(reverseRule(entry.getKey(), entry.getValue()));
        }
        return rules;
    }

    private FlowRule reverseRule(ReplySource source, int vip) {
        return verified(FlowRule.builder(topology.dpid())
                .table(RuleConstants.DISPATCHER_SESSION_TABLE)
                .priority(RuleConstants.PRIORITY_DISPATCHER_REVERSE)
                .match(Match.builder().inPort(topology.sanPort()).ipv4().ipv4Src(source.address)
                        .l4Src(source.protocol, source.port).build())
                .actions(Action.setIpv4Src(vip), Action.output(topology.trunkPort()))
                .cookie(Cookies.of(RuleKind.REVERSE, source.address, source.protocol.ipNumber(), source.port))
                .build());
    }

    /** @return per VIP, the rule that sends packets with no session or lock to the controller */
    public List<FlowRule> vipMissRules() {
        List<FlowRule> rules = new ArrayList<>();
        for (int vip : catalog.vips()) {
            rules.add(verified(FlowRule.builder(topology.dpid())
                    .table(RuleConstants.DISPATCHER_SESSION_TABLE)
                    .priority(RuleConstants.PRIORITY_DISPATCHER_VIP_MISS)
                    .match(Match.builder().ipv4().ipv4Dst(vip).build())
                    .actions(Action.toController())
                    .cookie(Cookies.of(RuleKind.VIP_MISS, vip))
                    .build()));
        }
        return rules;
    }

    /**
     * A mirrored session: packets of the 5-tuple go to the server (eth_dst and ipv4_dst rewritten) on the SAN
     * port. The switch removes it after {@code idleTimeoutSeconds} without traffic and reports the removal,
     * with the rule's match (see {@link #sessionKeyOf}) and cookie.
     *
     * @param key the session
     * @param server the server the session was dispatched to; its MAC must be known
     * @param idleTimeoutSeconds 1 to 65535
     * @return the session rule
     * @throws IllegalArgumentException when no service listens at the key's VIP:port, the server's MAC is unknown
     *     or the timeout is out of range
     */
    public FlowRule sessionRule(SessionKey key, Server server, int idleTimeoutSeconds) {
        checkService(key);
        Objects.requireNonNull(server, "server");
        if (server.mac() == MacAddress.UNKNOWN) {
            throw new IllegalArgumentException("session " + key + ": server '" + server.name()
                    + "' has no known MAC address yet");
        }
        if (idleTimeoutSeconds < 1 || idleTimeoutSeconds > FlowRule.MAX_TIMEOUT) {
            throw new IllegalArgumentException("session " + key + ": idle timeout must be 1.." + FlowRule.MAX_TIMEOUT
                    + " s (sessions end by idling out), was " + idleTimeoutSeconds);
        }
        return verified(FlowRule.builder(topology.dpid())
                .table(RuleConstants.DISPATCHER_SESSION_TABLE)
                .priority(RuleConstants.PRIORITY_DISPATCHER_SESSION)
                .match(sessionMatch(key))
                .actions(Action.setEthDst(server.mac()), Action.setIpv4Dst(server.address()),
                        Action.output(topology.sanPort()))
                .idleTimeout(idleTimeoutSeconds)
                .sendFlowRemoved(true)
                .cookie(Cookies.forSession(RuleKind.SESSION, key))
                .build());
    }

    /** @return a strict delete of the session's rule on this dispatcher */
    public FlowDelete sessionRuleDelete(SessionKey key) {
        return FlowDelete.strict(topology.dpid(), RuleConstants.DISPATCHER_SESSION_TABLE,
                RuleConstants.PRIORITY_DISPATCHER_SESSION, sessionMatch(key));
    }

    /**
     * Client lock redirection: while another dispatcher holds the client's lock, packets of the 5-tuple go back
     * out of the arrival port (to the router) addressed to the locking dispatcher's MAC. The hard timeout bounds
     * the redirection even when the locking dispatcher crashes.
     *
     * @param key the session being set up
     * @param lockingDispatcherMac MAC of the dispatcher holding the lock ({@link RuleConstants#dispatcherMac})
     * @param hardTimeoutSeconds the lock TTL, 1 to 65535
     * @return the lock-redirect rule
     * @throws IllegalArgumentException when the MAC is unknown or the timeout is out of range
     */
    public FlowRule lockRedirect(SessionKey key, long lockingDispatcherMac, int hardTimeoutSeconds) {
        Objects.requireNonNull(key, "key");
        if (hardTimeoutSeconds < 1 || hardTimeoutSeconds > FlowRule.MAX_TIMEOUT) {
            throw new IllegalArgumentException("lock redirect for " + key + ": hard timeout must be 1.."
                    + FlowRule.MAX_TIMEOUT + " s (a lock must expire), was " + hardTimeoutSeconds);
        }
        return verified(FlowRule.builder(topology.dpid())
                .table(RuleConstants.DISPATCHER_SESSION_TABLE)
                .priority(RuleConstants.PRIORITY_DISPATCHER_LOCK_REDIRECT)
                .match(sessionMatch(key))
                .actions(Action.setEthDst(lockingDispatcherMac), Action.outputInPort())
                .hardTimeout(hardTimeoutSeconds)
                .cookie(Cookies.forSession(RuleKind.LOCK_REDIRECT, key))
                .build());
    }

    /** @return a strict delete of the lock redirect for this 5-tuple (lock released before its TTL) */
    public FlowDelete lockRedirectDelete(SessionKey key) {
        return FlowDelete.strict(topology.dpid(), RuleConstants.DISPATCHER_SESSION_TABLE,
                RuleConstants.PRIORITY_DISPATCHER_LOCK_REDIRECT, sessionMatch(key));
    }

    /**
     * @param key a session
     * @return the match of its session and lock-redirect rules: protocol, client address and port, VIP and port
     */
    public static Match sessionMatch(SessionKey key) {
        Objects.requireNonNull(key, "key");
        return Match.builder()
                .protocol(key.protocol())
                .ipv4Src(key.clientAddress())
                .ipv4Dst(key.vip())
                .l4Src(key.protocol(), key.clientPort())
                .l4Dst(key.protocol(), key.vipPort())
                .build();
    }

    /**
     * Recovers the session from the match a FLOW_REMOVED reports.
     *
     * @param match a match made by {@link #sessionMatch}
     * @return the session, or {@code null} when the match is not a session match
     */
    public static SessionKey sessionKeyOf(Match match) {
        if (!match.has(Match.Field.IP_PROTO) || !match.has(Match.Field.IPV4_SRC) || !match.has(Match.Field.IPV4_DST)) {
            return null;
        }
        Protocol protocol = Protocol.fromIpNumber((int) match.value(Match.Field.IP_PROTO));
        if (protocol == null) {
            return null;
        }
        Match.Field src = protocol == Protocol.TCP ? Match.Field.TCP_SRC : Match.Field.UDP_SRC;
        Match.Field dst = protocol == Protocol.TCP ? Match.Field.TCP_DST : Match.Field.UDP_DST;
        if (!match.has(src) || !match.has(dst)) {
            return null;
        }
        return SessionKey.of(protocol, (int) match.value(Match.Field.IPV4_SRC), (int) match.value(src),
                (int) match.value(Match.Field.IPV4_DST), (int) match.value(dst));
    }

    private void checkService(SessionKey key) {
        Objects.requireNonNull(key, "key");
        if (catalog.serviceAt(key.vip(), key.protocol().ipNumber(), key.vipPort()) == null) {
            throw new IllegalArgumentException("session " + key + ": no service listens at "
                    + Ipv4.format(key.vip()) + ":" + key.vipPort() + "/" + key.protocol());
        }
    }

    private static FlowRule verified(FlowRule rule) {
        return TableSchema.verify(SwitchRole.DISPATCHER, rule);
    }

    /** Where a server's reply comes from: the key of one reverse-translation rule. */
    private static final class ReplySource {
        final int address;
        final Protocol protocol;
        final int port;

        ReplySource(Server server, Protocol protocol, int port) {
            this.address = server.address();
            this.protocol = protocol;
            this.port = port;
        }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof ReplySource)) {
                return false;
            }
            ReplySource r = (ReplySource) o;
            return address == r.address && protocol == r.protocol && port == r.port;
        }

        @Override
        public int hashCode() {
            return Objects.hash(address, protocol, port);
        }
    }
}
