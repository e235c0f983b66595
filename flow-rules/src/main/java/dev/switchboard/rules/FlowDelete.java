package dev.switchboard.rules;

import java.util.Objects;

/**
 * A description of flow entries to remove from one switch. Either strict (exactly one entry, identified by
 * table, priority and match, as OpenFlow's DELETE_STRICT) or by cookie (every entry whose cookie agrees
 * with {@link #cookie()} under {@link #cookieMask()}, in one table or all, as a non-strict DELETE).
 */
public final class FlowDelete {
    /** Table id meaning every table (OFPTT_ALL), for cookie deletes. */
    public static final int ALL_TABLES = 0xff;

    private final long deviceId;
    private final int tableId;
    private final boolean strict;
    private final int priority;
    private final Match match;
    private final long cookie;
    private final long cookieMask;

    private FlowDelete(long deviceId, int tableId, boolean strict, int priority, Match match, long cookie,
                       long cookieMask) {
        this.deviceId = deviceId;
        this.tableId = tableId;
        this.strict = strict;
        this.priority = priority;
        this.match = match;
        this.cookie = cookie;
        this.cookieMask = cookieMask;
    }

    /**
     * @param rule an installed (or possibly installed) rule
     * @return a strict delete of exactly that rule: same device, table, priority and match
     */
    public static FlowDelete strict(FlowRule rule) {
        return strict(rule.deviceId(), rule.tableId(), rule.priority(), rule.match());
    }

    /**
     * @param deviceId the switch
     * @param tableId the table of the entry
     * @param priority the priority of the entry
     * @param match the match of the entry, field for field
     * @return a strict delete of exactly that entry
     */
    public static FlowDelete strict(long deviceId, int tableId, int priority, Match match) {
        if (tableId == ALL_TABLES) {
            throw new IllegalArgumentException("a strict delete names one table, not ALL_TABLES");
        }
        if (priority < 0 || priority > FlowRule.MAX_PRIORITY) {
            throw new IllegalArgumentException("priority must be 0.." + FlowRule.MAX_PRIORITY + ", was " + priority);
        }
        return new FlowDelete(deviceId, checkTable(tableId), true, priority, Objects.requireNonNull(match, "match"),
                0, 0);
    }

    /**
     * @param deviceId the switch
     * @param tableId the table, or {@link #ALL_TABLES}
     * @param kind the kind of rule to remove, such as every {@link RuleKind#SESSION}
     * @return a non-strict delete of every rule of that kind
     */
    public static FlowDelete ofKind(long deviceId, int tableId, RuleKind kind) {
        Objects.requireNonNull(kind, "kind");
        return new FlowDelete(deviceId, checkTable(tableId), false, 0, Match.ANY, Cookies.prefix(kind),
                Cookies.KIND_MASK);
    }

    /**
     * @param deviceId the switch
     * @return a non-strict delete of every Switchboard rule in every table (foreign rules stay)
     */
    public static FlowDelete allSwitchboardRules(long deviceId) {
        return new FlowDelete(deviceId, ALL_TABLES, false, 0, Match.ANY,
                (long) RuleConstants.APP_ID << 56, Cookies.APP_MASK);
    }

    private static int checkTable(int tableId) {
        if (tableId != ALL_TABLES && (tableId < 0 || tableId > RuleConstants.MAX_TABLE)) {
            throw new IllegalArgumentException(
                    "table must be 0.." + RuleConstants.MAX_TABLE + " or ALL_TABLES, was " + tableId);
        }
        return tableId;
    }

    /** @return the datapath id of the switch */
    public long deviceId() {
        return deviceId;
    }

    /** @return the table, or {@link #ALL_TABLES} */
    public int tableId() {
        return tableId;
    }

    /** @return whether exactly one entry (table, priority, match) is meant */
    public boolean isStrict() {
        return strict;
    }

    /** @return the priority of a strict delete (0 for cookie deletes, where OpenFlow ignores it) */
    public int priority() {
        return priority;
    }

    /** @return the match of a strict delete; {@link Match#ANY} for cookie deletes */
    public Match match() {
        return match;
    }

    /** @return the cookie value to compare under {@link #cookieMask()} */
    public long cookie() {
        return cookie;
    }

    /** @return the cookie bits that must agree; 0 for a strict delete, which does not filter by cookie */
    public long cookieMask() {
        return cookieMask;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof FlowDelete)) {
            return false;
        }
        FlowDelete d = (FlowDelete) o;
        return deviceId == d.deviceId && tableId == d.tableId && strict == d.strict && priority == d.priority
                && cookie == d.cookie && cookieMask == d.cookieMask && match.equals(d.match);
    }

    @Override
    public int hashCode() {
        return Objects.hash(deviceId, tableId, strict, priority, match, cookie, cookieMask);
    }

    @Override
    public String toString() {
        return String.format("delete%s dpid=0x%x table=%s priority=%d %s cookie=%s/%s", strict ? "_strict" : "",
                deviceId, tableId == ALL_TABLES ? "all" : Integer.toString(tableId), priority, match,
                Cookies.format(cookie), Cookies.format(cookieMask));
    }
}
