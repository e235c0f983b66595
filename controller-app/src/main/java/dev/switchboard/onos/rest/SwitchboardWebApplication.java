package dev.switchboard.onos.rest;

import com.google.common.collect.ImmutableSet;
import org.onlab.rest.AbstractWebApplication;
import org.onlab.rest.AuthorizationFilter;
import org.onlab.rest.JsonBodyWriter;

import java.util.Set;

/**
 * The Switchboard REST application, mounted by ONOS at {@code /onos/switchboard}; the API lives under
 * {@code /onos/switchboard/api/v1}. Unlike {@link AbstractWebApplication#getClasses(Class[])}, it registers none
 * of ONOS's exception mappers: {@link ApiErrorMapper} answers every error in the API's own body. ONOS's
 * authorization filter stays, so a user with the viewer role can only read.
 */
public class SwitchboardWebApplication extends AbstractWebApplication {
    /** @return the resource classes, which {@code OpenApiDocumentTest} compares with the OpenAPI document */
    public static Set<Class<?>> resources() {
        return ImmutableSet.of(ServicesWebResource.class, GroupsWebResource.class, ServersWebResource.class,
                SessionsWebResource.class, LocksWebResource.class, DispatchersWebResource.class,
                StatsWebResource.class, ConfigWebResource.class, OpenApiWebResource.class);
    }

    @Override
    public Set<Class<?>> getClasses() {
        return ImmutableSet.<Class<?>>builder().addAll(resources())
                .add(AuthorizationFilter.class, JsonBodyWriter.class, ApiErrorMapper.class).build();
    }
}
