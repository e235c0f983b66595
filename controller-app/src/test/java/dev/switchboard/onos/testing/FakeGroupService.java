package dev.switchboard.onos.testing;

import org.onosproject.core.ApplicationId;
import org.onosproject.core.GroupId;
import org.onosproject.net.DeviceId;
import org.onosproject.net.group.DefaultGroup;
import org.onosproject.net.group.DefaultGroupDescription;
import org.onosproject.net.group.Group;
import org.onosproject.net.group.GroupBuckets;
import org.onosproject.net.group.GroupDescription;
import org.onosproject.net.group.GroupKey;
import org.onosproject.net.group.GroupServiceAdapter;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Groups per device, as applied. */
public final class FakeGroupService extends GroupServiceAdapter {
    private final Map<DeviceId, Map<GroupKey, Group>> groups = new LinkedHashMap<>();

    @Override
    public void addGroup(GroupDescription description) {
        groups.computeIfAbsent(description.deviceId(), d -> new LinkedHashMap<>()).put(description.appCookie(),
                new DefaultGroup(GroupId.valueOf(description.givenGroupId()), description));
    }

    @Override
    public Group getGroup(DeviceId deviceId, GroupKey appCookie) {
        return groups.getOrDefault(deviceId, Map.of()).get(appCookie);
    }

    @Override
    public void setBucketsForGroup(DeviceId deviceId, GroupKey oldCookie, GroupBuckets buckets, GroupKey newCookie,
                                   ApplicationId appId) {
        Group old = getGroup(deviceId, oldCookie);
        addGroup(new DefaultGroupDescription(deviceId, old.type(), buckets, newCookie, old.givenGroupId(), appId));
    }

    @Override
    public void removeGroup(DeviceId deviceId, GroupKey appCookie, ApplicationId appId) {
        groups.getOrDefault(deviceId, new LinkedHashMap<>()).remove(appCookie);
    }

    @Override
    public void purgeGroupEntries(DeviceId deviceId, ApplicationId appId) {
        groups.remove(deviceId);
    }

    @Override
    public Iterable<Group> getGroups(DeviceId deviceId, ApplicationId appId) {
        return new ArrayList<>(groups.getOrDefault(deviceId, Map.of()).values());
    }

    @Override
    public Iterable<Group> getGroups(DeviceId deviceId) {
        return getGroups(deviceId, null);
    }

    /** @return the groups of a device */
    public List<Group> groups(DeviceId deviceId) {
        return new ArrayList<>(groups.getOrDefault(deviceId, Map.of()).values());
    }
}
