package dev.switchboard.dispatch.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/** The servers that provide one application (claims 11, 12): a name and member servers by index. */
public final class ServerGroup {
    private final String name;
    private final List<Integer> members;
    private final int[] memberArray;

    private ServerGroup(String name, List<Integer> members) {
        this.name = name;
        this.members = Collections.unmodifiableList(new ArrayList<>(members));
        this.memberArray = members.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * @param name unique group name, such as {@code web}
     * @param memberIndexes indexes of the member servers, no duplicates
     * @throws IllegalArgumentException when the name is empty or a member repeats
     */
    public static ServerGroup of(String name, List<Integer> memberIndexes) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("group name must not be empty");
        }
        Objects.requireNonNull(memberIndexes, "memberIndexes");
        if (memberIndexes.stream().distinct().count() != memberIndexes.size()) {
            throw new IllegalArgumentException("group '" + name + "' lists a server twice");
        }
        return new ServerGroup(name, memberIndexes);
    }

    public String name() {
        return name;
    }

    /** @return member server indexes in configuration order */
    public List<Integer> members() {
        return members;
    }

    /** @return the number of member servers */
    public int size() {
        return memberArray.length;
    }

    /**
     * Reads a member without allocating, for selection on the packet path.
     *
     * @param position 0 to {@link #size()} - 1
     * @return the server index at that position
     */
    public int memberAt(int position) {
        return memberArray[position];
    }

    /** @return a copy with one more member */
    public ServerGroup withMember(int serverIndex) {
        List<Integer> next = new ArrayList<>(members);
        next.add(serverIndex);
        return of(name, next);
    }

    /** @return a copy without a member */
    public ServerGroup withoutMember(int serverIndex) {
        List<Integer> next = new ArrayList<>(members);
        next.remove(Integer.valueOf(serverIndex));
        return of(name, next);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ServerGroup && ((ServerGroup) o).name.equals(name) && ((ServerGroup) o).members.equals(members);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, members);
    }

    @Override
    public String toString() {
        return name + members;
    }
}
