package dev.switchboard.rules;

/**
 * A compiled rule uses a match field, action or table its table's {@link TableSchema} does not declare.
 * Always a compiler bug or a hand-made rule in the wrong place: the rule never reaches a switch.
 */
public final class SchemaViolationException extends IllegalArgumentException {
    /** @param message names the table, the offending field or action, and the rule */
    public SchemaViolationException(String message) {
        super(message);
    }
}
