package dev.switchboard.rules;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A SELECT group on one switch: the switch picks one live bucket per packet by a hash of the packet's
 * flow, so one flow stays on one bucket while the bucket's watch port is up.
 */
public final class GroupRule {
    private final long deviceId;
    private final long groupId;
    private final List<Bucket> buckets;

    private GroupRule(long deviceId, long groupId, List<Bucket> buckets) {
        this.deviceId = deviceId;
        this.groupId = groupId;
        this.buckets = buckets;
    }

    /**
     * @param deviceId the switch
     * @param groupId 0 to {@link RuleConstants#MAX_GROUP}
     * @param buckets at least one, in the order the switch numbers them
     * @throws IllegalArgumentException naming the offending value
     */
    public static GroupRule select(long deviceId, long groupId, List<Bucket> buckets) {
        String where = String.format("group %d on dpid 0x%x", groupId, deviceId);
        if (groupId < 0 || groupId > RuleConstants.MAX_GROUP) {
            throw new IllegalArgumentException(where + ": id must be 0.." + RuleConstants.MAX_GROUP);
        }
        Objects.requireNonNull(buckets, "buckets");
        if (buckets.isEmpty()) {
            throw new IllegalArgumentException(where + ": a SELECT group needs at least one bucket");
        }
        for (Bucket b : buckets) {
            Objects.requireNonNull(b, "bucket");
        }
        return new GroupRule(deviceId, groupId, Collections.unmodifiableList(new ArrayList<>(buckets)));
    }

    /** @return the datapath id of the switch */
    public long deviceId() {
        return deviceId;
    }

    /** @return the group id rules refer to */
    public long groupId() {
        return groupId;
    }

    /** @return the buckets in the order the switch numbers them */
    public List<Bucket> buckets() {
        return buckets;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof GroupRule)) {
            return false;
        }
        GroupRule g = (GroupRule) o;
        return deviceId == g.deviceId && groupId == g.groupId && buckets.equals(g.buckets);
    }

    @Override
    public int hashCode() {
        return Objects.hash(deviceId, groupId, buckets);
    }

    @Override
    public String toString() {
        return String.format("group_id=%d,type=select dpid=0x%x %s", groupId, deviceId, buckets);
    }
}
