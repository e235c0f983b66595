package dev.switchboard.controller.openflow;

import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFHello;
import org.projectfloodlight.openflow.protocol.OFHelloElem;
import org.projectfloodlight.openflow.protocol.OFHelloElemVersionbitmap;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.types.U32;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Picks the OpenFlow version of a connection from the switch's HELLO.
 *
 * <p>The standard rule ("highest version both sides list") would put an Open vSwitch that enables
 * 1.0 to 1.5 on 1.5, although the flow rules are written for 1.3 first. So the controller answers the
 * switch's HELLO (rather than sending its own first) with a HELLO that lists exactly the chosen version:
 * the preferred version when the switch offers it, otherwise the highest accepted version it offers.
 * Whatever rule the switch applies to that HELLO, it arrives at the same version.
 */
final class VersionNegotiation {
    private VersionNegotiation() {
    }

    /**
     * @param theirs the switch's HELLO
     * @param preferred the version to pick whenever possible
     * @param accepted the versions the controller speaks
     * @return the version of the connection, or empty when the switch offers none the controller accepts
     */
    static Optional<OFVersion> choose(OFHello theirs, OFVersion preferred, Set<OFVersion> accepted) {
        Set<OFVersion> common = offered(theirs);
        common.retainAll(accepted);
        if (common.contains(preferred)) {
            return Optional.of(preferred);
        }
        return common.stream().max(Enum::compareTo);
    }

    /**
     * @return the versions a HELLO offers: its version bitmap when it carries one, otherwise every version
     *         up to the header version (the pre-1.3.1 meaning of a HELLO)
     */
    static Set<OFVersion> offered(OFHello hello) {
        Set<OFVersion> versions = EnumSet.noneOf(OFVersion.class);
        if (hello.getVersion().compareTo(OFVersion.OF_13) >= 0) {
            for (OFHelloElem element : hello.getElements()) {
                if (element instanceof OFHelloElemVersionbitmap) {
                    List<U32> words = ((OFHelloElemVersionbitmap) element).getBitmaps();
                    for (OFVersion v : OFVersion.values()) {
                        int word = v.getWireVersion() / 32;
                        int bit = v.getWireVersion() % 32;
                        if (word < words.size() && (words.get(word).getValue() & (1L << bit)) != 0) {
                            versions.add(v);
                        }
                    }
                    return versions;
                }
            }
        }
        for (OFVersion v : OFVersion.values()) {
            if (v.compareTo(hello.getVersion()) <= 0) {
                versions.add(v);
            }
        }
        return versions;
    }

    /**
     * @return the controller's HELLO for a chosen version; from 1.3 on it carries a bitmap with only that
     *         version, so a switch that intersects bitmaps cannot pick another
     */
    static OFHello helloFor(OFVersion version, long xid) {
        OFFactory factory = OFFactories.getFactory(version);
        if (version.compareTo(OFVersion.OF_13) < 0) {
            return factory.buildHello().setXid(xid).build();
        }
        long bitmap = 1L << version.getWireVersion();
        OFHelloElem element = factory.buildHelloElemVersionbitmap().setBitmaps(List.of(U32.of(bitmap))).build();
        return factory.buildHello().setXid(xid).setElements(List.of(element)).build();
    }
}
