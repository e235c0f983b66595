package dev.switchboard.onos.config;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.dispatch.model.Ipv4;
import dev.switchboard.dispatch.model.ServerState;
import dev.switchboard.dispatch.model.ServiceCatalog;
import dev.switchboard.onos.Fixtures;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CatalogReconcilerTest {
    private static SwitchboardTopology decode(ObjectNode json) {
        return TopologyCodec.decode(json);
    }

    @Test
    void freshCatalogHasEveryServerGroupAndService() {
        ServiceCatalog catalog = CatalogReconciler.reconcile(null, decode(Fixtures.json()));

        assertThat(catalog.servers()).hasSize(2);
        assertThat(catalog.server("web-2").weight()).isEqualTo(2);
        assertThat(catalog.group("web").members()).containsExactly(catalog.server("web-1").index(),
                catalog.server("web-2").index());
        assertThat(catalog.serviceAt(Ipv4.parse(Fixtures.VIP), 6, 80).name()).isEqualTo("web");
    }

    @Test
    void survivingServersKeepTheirIndexAndChangedAddressesGetNewOnes() {
        ServiceCatalog before = CatalogReconciler.reconcile(null, decode(Fixtures.json()));
        int web2 = before.server("web-2").index();

        ObjectNode json = Fixtures.json();
        ArrayNode servers = (ArrayNode) json.get("servers");
        servers.remove(0);
        ((ObjectNode) servers.get(0)).put("state", "draining").put("weight", 5);
        servers.addObject().put("name", "web-3").put("ip", "203.0.113.13").put("mac", "02:00:00:00:0b:03")
                .put("sanSwitchPort", 5);
        ArrayNode members = ((ObjectNode) json.get("groups").get(0)).putArray("servers");
        members.add("web-2").add("web-3");
        ServiceCatalog after = CatalogReconciler.reconcile(before, decode(json));

        assertThat(after.server("web-1")).isNull();
        assertThat(after.server("web-2").index()).isEqualTo(web2);
        assertThat(after.server("web-2").state()).isEqualTo(ServerState.DRAINING);
        assertThat(after.server("web-2").weight()).isEqualTo(5);
        assertThat(after.server("web-3").index()).isNotIn(before.server("web-1").index(), web2);

        ObjectNode moved = Fixtures.json();
        ((ObjectNode) moved.get("servers").get(1)).put("ip", "203.0.113.99");
        ServiceCatalog renumbered = CatalogReconciler.reconcile(before, decode(moved));
        assertThat(renumbered.server("web-2").index()).isNotEqualTo(web2);
        assertThat(renumbered.server("web-1").index()).isEqualTo(before.server("web-1").index());
    }
}
