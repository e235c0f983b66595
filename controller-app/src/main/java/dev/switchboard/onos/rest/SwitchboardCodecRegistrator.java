package dev.switchboard.onos.rest;

import dev.switchboard.onos.api.DispatchSession;
import dev.switchboard.onos.api.DispatchStatistics;
import dev.switchboard.onos.api.DispatcherStatus;
import dev.switchboard.onos.config.ServiceSpec;
import org.onosproject.codec.CodecService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;

/** Registers Switchboard's JSON codecs with ONOS, for the REST API and the CLI's JSON output. */
@Component(immediate = true)
public class SwitchboardCodecRegistrator {
    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    protected CodecService codecService;

    @Activate
    protected void activate() {
        register(codecService);
    }

    @Deactivate
    protected void deactivate() {
        codecService.unregisterCodec(DispatchSession.class);
        codecService.unregisterCodec(DispatcherStatus.class);
        codecService.unregisterCodec(DispatchStatistics.class);
        codecService.unregisterCodec(ServiceSpec.class);
    }

    /** Registers every codec (also used by tests with their own codec service). */
    public static void register(CodecService codecs) {
        codecs.registerCodec(DispatchSession.class, new DispatchSessionCodec());
        codecs.registerCodec(DispatcherStatus.class, new DispatcherStatusCodec());
        codecs.registerCodec(DispatchStatistics.class, new DispatchStatisticsCodec());
        codecs.registerCodec(ServiceSpec.class, new ServiceSpecCodec());
    }
}
