package dev.switchboard.rules;

import dev.switchboard.rules.Action.Type;
import dev.switchboard.rules.Match.Field;

import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The declared shape of each table of each switch role: which match fields and which actions its rules may
 * use. Every compiler passes each rule through {@link #verify} before returning it (as Faucet's
 * {@code _verify_flowmod} does), so a rule that would land in the wrong table, or match on a field the
 * table's layout does not expect, fails in the controller with a message instead of misbehaving on a switch.
 */
public final class TableSchema {
    private static final Map<String, TableSchema> SCHEMAS = new LinkedHashMap<>();

    static {
        declare(SwitchRole.ROUTER, RuleConstants.ROUTER_TABLE,
                EnumSet.of(Field.IN_PORT, Field.ETH_TYPE, Field.ETH_DST, Field.IP_PROTO, Field.IPV4_DST,
                        Field.TCP_FLAGS),
                EnumSet.of(Type.OUTPUT, Type.OUTPUT_CONTROLLER, Type.GROUP, Type.SET_ETH_SRC, Type.SET_ETH_DST));
        declare(SwitchRole.DISPATCHER, RuleConstants.DISPATCHER_CLASSIFY_TABLE,
                EnumSet.of(Field.IN_PORT, Field.ETH_TYPE, Field.IP_PROTO, Field.IPV4_DST, Field.TCP_FLAGS),
                EnumSet.of(Type.OUTPUT_CONTROLLER, Type.GOTO_TABLE));
        declare(SwitchRole.DISPATCHER, RuleConstants.DISPATCHER_SESSION_TABLE,
                EnumSet.of(Field.IN_PORT, Field.ETH_TYPE, Field.IP_PROTO, Field.IPV4_SRC, Field.IPV4_DST,
                        Field.TCP_SRC, Field.TCP_DST, Field.UDP_SRC, Field.UDP_DST),
                EnumSet.of(Type.OUTPUT, Type.OUTPUT_IN_PORT, Type.OUTPUT_CONTROLLER, Type.SET_ETH_DST,
                        Type.SET_IPV4_SRC, Type.SET_IPV4_DST));
        declare(SwitchRole.SAN_SWITCH, RuleConstants.SAN_TABLE,
                EnumSet.of(Field.IN_PORT, Field.ETH_TYPE, Field.ETH_DST),
                EnumSet.of(Type.OUTPUT, Type.OUTPUT_CONTROLLER, Type.GROUP));
    }

    private final SwitchRole role;
    private final int tableId;
    private final Set<Field> matchFields;
    private final Set<Type> actionTypes;

    private TableSchema(SwitchRole role, int tableId, Set<Field> matchFields, Set<Type> actionTypes) {
        this.role = role;
        this.tableId = tableId;
        this.matchFields = Collections.unmodifiableSet(matchFields);
        this.actionTypes = Collections.unmodifiableSet(actionTypes);
    }

    private static void declare(SwitchRole role, int tableId, Set<Field> fields, Set<Type> actions) {
        SCHEMAS.put(key(role, tableId), new TableSchema(role, tableId, fields, actions));
    }

    private static String key(SwitchRole role, int tableId) {
        return role + "/" + tableId;
    }

    /**
     * @return the schema of one table
     * @throws SchemaViolationException when the role has no such table
     */
    public static TableSchema of(SwitchRole role, int tableId) {
        TableSchema schema = SCHEMAS.get(key(role, tableId));
        if (schema == null) {
            throw new SchemaViolationException(describe(role) + " has no table " + tableId);
        }
        return schema;
    }

    /**
     * Checks a rule against the schema of the table it names.
     *
     * @return the rule, unchanged
     * @throws SchemaViolationException naming the table, the offending field or action, and the rule
     */
    public static FlowRule verify(SwitchRole role, FlowRule rule) {
        return of(role, rule.tableId()).check(rule);
    }

    /**
     * @return the rule, unchanged
     * @throws SchemaViolationException naming the table, the offending field or action, and the rule
     */
    public FlowRule check(FlowRule rule) {
        if (rule.tableId() != tableId) {
            throw new SchemaViolationException(this + " cannot hold a rule for table " + rule.tableId() + ": " + rule);
        }
        for (Field f : rule.match().fields()) {
            if (!matchFields.contains(f)) {
                throw new SchemaViolationException(this + " does not match on " + f.oxmName() + " (allowed: "
                        + names(matchFields) + "): " + rule);
            }
        }
        for (Action a : rule.actions()) {
            if (!actionTypes.contains(a.type())) {
                throw new SchemaViolationException(this + " does not allow action " + a + ": " + rule);
            }
            if (a.type() == Type.GOTO_TABLE && !SCHEMAS.containsKey(key(role, a.tableId()))) {
                throw new SchemaViolationException(
                        this + ": " + a + " leads to a table " + describe(role) + " does not have: " + rule);
            }
        }
        return rule;
    }

    /** @return the switch role the table belongs to */
    public SwitchRole role() {
        return role;
    }

    /** @return the table id */
    public int tableId() {
        return tableId;
    }

    /** @return the fields rules of this table may match */
    public Set<Field> matchFields() {
        return matchFields;
    }

    /** @return the actions rules of this table may apply */
    public Set<Type> actionTypes() {
        return actionTypes;
    }

    private static String names(Set<Field> fields) {
        return fields.stream().map(Field::oxmName).collect(Collectors.joining(", "));
    }

    private static String describe(SwitchRole role) {
        return role.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    @Override
    public String toString() {
        return describe(role) + " table " + tableId;
    }
}
