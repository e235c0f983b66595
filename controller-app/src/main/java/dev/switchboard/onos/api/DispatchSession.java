package dev.switchboard.onos.api;

import dev.switchboard.dispatch.model.SessionKey;

import java.util.Comparator;
import java.util.Objects;

/**
 * A session entry or client lock as the northbound API shows it: the session, what holds it and since when.
 */
public final class DispatchSession {
    /**
     * The API's order of sessions: client address, client port, service port, then VIP and protocol (the
     * unsigned order of the packed key).
     */
    public static final Comparator<DispatchSession> KEY_ORDER = (a, b) -> compareKeys(a.key, b.key);

    private final SessionKey key;
    private final TableRegister register;

    /**
     * @param key the session
     * @param register its register (an entry or a lock)
     */
    public DispatchSession(SessionKey key, TableRegister register) {
        this.key = Objects.requireNonNull(key, "key");
        this.register = Objects.requireNonNull(register, "register");
    }

    /** @return the order of two keys in {@link #KEY_ORDER} */
    public static int compareKeys(SessionKey a, SessionKey b) {
        int byHigh = Long.compareUnsigned(a.high(), b.high());
        return byHigh != 0 ? byHigh : Long.compareUnsigned(a.low(), b.low());
    }

    public SessionKey key() {
        return key;
    }

    /** @return {@link RegisterKind#ENTRY} for a session, {@link RegisterKind#LOCK} for a client lock */
    public RegisterKind kind() {
        return register.kind();
    }

    /** @return the server's name, or {@code null} for a lock */
    public String server() {
        return register.server();
    }

    /** @return the dispatcher that placed the entry or holds the lock */
    public int owner() {
        return register.owner();
    }

    /** @return the register's stamp */
    public long stamp() {
        return register.stamp();
    }

    /** @return FIN/RST observations ({@code SessionFlags} bits) */
    public int flags() {
        return register.flags();
    }

    /** @return the dispatchers that reported the session idle, as a bit set */
    public long idleMask() {
        return register.idleMask();
    }

    /** @return wall-clock time of the register's last write */
    public long updatedMillis() {
        return register.writtenMillis();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DispatchSession && ((DispatchSession) o).key.equals(key)
                && ((DispatchSession) o).register.equals(register);
    }

    @Override
    public int hashCode() {
        return Objects.hash(key, register);
    }

    @Override
    public String toString() {
        return key + " " + register;
    }
}
