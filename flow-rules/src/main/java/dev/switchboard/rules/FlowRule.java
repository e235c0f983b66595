package dev.switchboard.rules;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One flow entry for one switch, independent of any controller API: where it goes (device, table,
 * priority), what it matches, what it does, how long it lives and how it is recognised (cookie).
 * Immutable; {@link Builder} rejects anything a switch would reject or that breaks the model's rules.
 */
public final class FlowRule {
    /** Largest idle or hard timeout OpenFlow can carry (16 bits of seconds). */
    public static final int MAX_TIMEOUT = 0xffff;
    /** Largest OpenFlow priority. */
    public static final int MAX_PRIORITY = 0xffff;

    private final long deviceId;
    private final int tableId;
    private final int priority;
    private final Match match;
    private final List<Action> actions;
    private final int idleTimeout;
    private final int hardTimeout;
    private final long cookie;
    private final boolean sendFlowRemoved;

    private FlowRule(Builder b) {
        this.deviceId = b.deviceId;
        this.tableId = b.tableId;
        this.priority = b.priority;
        this.match = b.match;
        this.actions = Collections.unmodifiableList(new ArrayList<>(b.actions));
        this.idleTimeout = b.idleTimeout;
        this.hardTimeout = b.hardTimeout;
        this.cookie = b.cookie;
        this.sendFlowRemoved = b.sendFlowRemoved;
    }

    /** @return a builder for a rule on one switch */
    public static Builder builder(long deviceId) {
        return new Builder(deviceId);
    }

    /** @return the datapath id of the switch the rule belongs to */
    public long deviceId() {
        return deviceId;
    }

    /** @return the table the rule is in */
    public int tableId() {
        return tableId;
    }

    /** @return the priority; higher wins among matching rules of a table */
    public int priority() {
        return priority;
    }

    /** @return the fields the rule matches */
    public Match match() {
        return match;
    }

    /** @return the actions in order; a {@link Action.Type#GOTO_TABLE}, if any, is last */
    public List<Action> actions() {
        return actions;
    }

    /** @return the table a {@link Action.Type#GOTO_TABLE} continues in, or -1 when the rule ends the pipeline */
    public int gotoTable() {
        if (actions.isEmpty()) {
            return -1;
        }
        Action last = actions.get(actions.size() - 1);
        return last.type() == Action.Type.GOTO_TABLE ? last.tableId() : -1;
    }

    /** @return the actions without the goto-table instruction (what OpenFlow puts in apply-actions) */
    public List<Action> applyActions() {
        return gotoTable() < 0 ? actions : actions.subList(0, actions.size() - 1);
    }

    /** @return seconds without a matching packet after which the switch removes the rule, 0 = never */
    public int idleTimeout() {
        return idleTimeout;
    }

    /** @return seconds after installation at which the switch removes the rule, 0 = never */
    public int hardTimeout() {
        return hardTimeout;
    }

    /** @return the rule's cookie (see {@link Cookies}) */
    public long cookie() {
        return cookie;
    }

    /** @return the rule kind carried in the cookie */
    public RuleKind kind() {
        return Cookies.kindOf(cookie);
    }

    /** @return whether the switch reports the rule's removal (OFPFF_SEND_FLOW_REM) */
    public boolean sendFlowRemoved() {
        return sendFlowRemoved;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof FlowRule)) {
            return false;
        }
        FlowRule r = (FlowRule) o;
        return deviceId == r.deviceId && tableId == r.tableId && priority == r.priority
                && idleTimeout == r.idleTimeout && hardTimeout == r.hardTimeout && cookie == r.cookie
                && sendFlowRemoved == r.sendFlowRemoved && match.equals(r.match) && actions.equals(r.actions);
    }

    @Override
    public int hashCode() {
        return Objects.hash(deviceId, tableId, priority, match, actions, idleTimeout, hardTimeout, cookie,
                sendFlowRemoved);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder()
                .append(String.format("dpid=0x%x table=%d priority=%d cookie=%s %s", deviceId, tableId, priority,
                        Cookies.format(cookie), match))
                .append(" actions=").append(actions.isEmpty() ? "drop" : actions.toString());
        if (idleTimeout > 0) {
            text.append(" idle_timeout=").append(idleTimeout);
        }
        if (hardTimeout > 0) {
            text.append(" hard_timeout=").append(hardTimeout);
        }
        if (sendFlowRemoved) {
            text.append(" send_flow_rem");
        }
        return text.toString();
    }

    /** Collects a rule; {@link #build()} validates it as a whole. */
    public static final class Builder {
        private final long deviceId;
        private int tableId;
        private int priority = -1;
        private Match match = Match.ANY;
        private final List<Action> actions = new ArrayList<>();
        private int idleTimeout;
        private int hardTimeout;
        private long cookie;
        private boolean sendFlowRemoved;

        private Builder(long deviceId) {
            this.deviceId = deviceId;
        }

        /** @param id 0 to {@link RuleConstants#MAX_TABLE}; default 0 */
        public Builder table(int id) {
            this.tableId = id;
            return this;
        }

        /** @param value 0 to {@link #MAX_PRIORITY}; required */
        public Builder priority(int value) {
            this.priority = value;
            return this;
        }

        /** @param value the fields to match; default {@link Match#ANY} */
        public Builder match(Match value) {
            this.match = Objects.requireNonNull(value, "match");
            return this;
        }

        /** Appends actions; none at all means drop. */
        public Builder actions(Action... more) {
            return actions(List.of(more));
        }

        /** Appends actions; none at all means drop. */
        public Builder actions(List<Action> more) {
            for (Action a : more) {
                actions.add(Objects.requireNonNull(a, "action"));
            }
            return this;
        }

        /** @param seconds 0 (never) to {@link #MAX_TIMEOUT} */
        public Builder idleTimeout(int seconds) {
            this.idleTimeout = seconds;
            return this;
        }

        /** @param seconds 0 (never) to {@link #MAX_TIMEOUT} */
        public Builder hardTimeout(int seconds) {
            this.hardTimeout = seconds;
            return this;
        }

        /** @param value a cookie made by {@link Cookies}; required */
        public Builder cookie(long value) {
            this.cookie = value;
            return this;
        }

        /** Asks the switch to report the rule's removal. */
        public Builder sendFlowRemoved(boolean value) {
            this.sendFlowRemoved = value;
            return this;
        }

        /**
         * @return the rule
         * @throws IllegalArgumentException naming the offending field and value
         */
        public FlowRule build() {
            if (tableId < 0 || tableId > RuleConstants.MAX_TABLE) {
                throw invalid("table must be 0.." + RuleConstants.MAX_TABLE);
            }
            if (priority < 0 || priority > MAX_PRIORITY) {
                throw invalid("priority must be 0.." + MAX_PRIORITY + ", was " + (priority < 0 ? "unset" : priority));
            }
            if (idleTimeout < 0 || idleTimeout > MAX_TIMEOUT) {
                throw invalid("idle timeout must be 0.." + MAX_TIMEOUT + " s, was " + idleTimeout);
            }
            if (hardTimeout < 0 || hardTimeout > MAX_TIMEOUT) {
                throw invalid("hard timeout must be 0.." + MAX_TIMEOUT + " s, was " + hardTimeout);
            }
            if (Cookies.kindOf(cookie) == null) {
                throw invalid("cookie " + Cookies.format(cookie) + " is not a Switchboard cookie (see Cookies)");
            }
            for (int i = 0; i < actions.size(); i++) {
                checkAction(actions.get(i), i == actions.size() - 1);
            }
            return new FlowRule(this);
        }

        private void checkAction(Action a, boolean last) {
            if (a.type() == Action.Type.GOTO_TABLE) {
                if (!last) {
                    throw invalid("goto_table must be the last action, was " + actions);
                }
                if (a.tableId() <= tableId) {
                    throw invalid("goto_table:" + a.tableId() + " must lead to a later table");
                }
            }
            if (a.type() == Action.Type.OUTPUT && match.has(Match.Field.IN_PORT)
                    && a.port() == match.value(Match.Field.IN_PORT)) {
                throw invalid("output:" + a.port()
                        + " equals the matched in_port, which a switch drops; use Action.outputInPort()");
            }
        }

        // The rule's location prefixes every message; it is only formatted when something is wrong.
        private IllegalArgumentException invalid(String problem) {
            return new IllegalArgumentException(
                    String.format("rule for dpid 0x%x table %d: %s", deviceId, tableId, problem));
        }
    }
}
