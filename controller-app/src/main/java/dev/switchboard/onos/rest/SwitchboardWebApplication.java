package dev.switchboard.onos.rest;

import org.onlab.rest.AbstractWebApplication;

import java.util.Set;

/** The Switchboard REST application, mounted by ONOS at {@code /onos/switchboard}. */
public class SwitchboardWebApplication extends AbstractWebApplication {
    @Override
    public Set<Class<?>> getClasses() {
        return getClasses(SessionsWebResource.class, LocksWebResource.class, ServicesWebResource.class,
                ServersWebResource.class, GroupsWebResource.class, DispatchersWebResource.class,
                StatsWebResource.class);
    }
}
