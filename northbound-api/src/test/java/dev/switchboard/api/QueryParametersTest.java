package dev.switchboard.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

class QueryParametersTest {
    private static final Set<String> ACCEPTED = Set.of("limit", "client");

    @Test
    void decodesNamesAndValuesInOrder() {
        assertThat(QueryParameters.parse("client=192.0.2.1%2F24&limit=5&&", ACCEPTED))
                .containsExactly(Map.entry("client", "192.0.2.1/24"), Map.entry("limit", "5"));
        assertThat(QueryParameters.parse("limit", ACCEPTED)).containsExactly(Map.entry("limit", ""));
        assertThat(QueryParameters.parse(null, Set.of())).isEmpty();
    }

    @Test
    void unknownRepeatedAndMalformedParametersAreRefusedNamingThem() {
        assertThatThrownBy(() -> QueryParameters.parse("limit=1&sort=x", ACCEPTED))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETER);
                    assertThat(e.field()).isEqualTo("sort");
                    assertThat(e.getMessage()).isEqualTo("sort: unknown query parameter (expected one of: client, limit)");
                });
        assertThatThrownBy(() -> QueryParameters.parse("x=1", Set.of()))
                .hasMessage("x: unknown query parameter (this resource takes none)");
        assertThatThrownBy(() -> QueryParameters.parse("limit=1&limit=2", ACCEPTED))
                .hasMessage("limit: query parameter given twice");
        assertThatThrownBy(() -> QueryParameters.parse("limit=%zz", ACCEPTED))
                .hasMessage("malformed percent-encoding in '%zz'");
    }

    @Test
    void integersMustBePlainDecimalWithinTheRange() {
        assertThat(QueryParameters.integer("limit", "-3", -5, 5)).isEqualTo(-3);
        assertThat(QueryParameters.integer(Map.of(), "limit", 7, 1, 10)).isEqualTo(7);
        assertThat(QueryParameters.integer(Map.of("limit", "10"), "limit", 7, 1, 10)).isEqualTo(10);
        assertThatThrownBy(() -> QueryParameters.integer("limit", "+5", 0, 10))
                .hasMessage("limit: '+5' is not an integer");
        assertThatThrownBy(() -> QueryParameters.integer("limit", "", 0, 10))
                .hasMessage("limit: '' is not an integer");
        assertThatThrownBy(() -> QueryParameters.integer("limit", "99999999999", 0, 10))
                .hasMessage("limit: '99999999999' is not an integer");
        assertThatThrownBy(() -> QueryParameters.integer("limit", "11", 0, 10))
                .hasMessage("limit: 11 is out of range 0..10");
    }
}
