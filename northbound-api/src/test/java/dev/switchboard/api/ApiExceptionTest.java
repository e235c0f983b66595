package dev.switchboard.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.function.Function;

import org.junit.jupiter.api.Test;

class ApiExceptionTest {

    @Test
    void factoriesCarryCodeFieldAndMessage() {
        ApiException e = ApiException.invalidField("vip", "vip: must not be empty");
        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_FIELD);
        assertThat(e.field()).isEqualTo("vip");
        assertThat(e.getMessage()).isEqualTo("vip: must not be empty");
        assertThat(ApiException.notFound("x").code().status()).isEqualTo(404);
        assertThat(ApiException.notFound("x").field()).isNull();
        assertThat(ApiException.parameter("limit", "y").code()).isEqualTo(ErrorCode.INVALID_PARAMETER);
    }

    @Test
    void parseParameterReturnsWhatTheParserMade() {
        Integer limit = ApiException.parseParameter("limit", "42", Integer::valueOf);
        assertThat(limit).isEqualTo(42);
    }

    @Test
    void aParsersComplaintBecomesAnInvalidParameterNamingTheParameter() {
        Function<String, Integer> refusing = text -> {
            throw new IllegalArgumentException("'" + text + "' is no good");
        };
        assertThatThrownBy(() -> ApiException.parseParameter("limit", "x", refusing)).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETER);
            assertThat(e.field()).isEqualTo("limit");
            assertThat(e.getMessage()).isEqualTo("limit: 'x' is no good");
        });
    }

    @Test
    void errorCodesAreSpelledAsTheApiDocumentsThem() {
        assertThat(ErrorCode.INVALID_FIELD.apiName()).isEqualTo("invalid_field");
        assertThat(ErrorCode.UNSUPPORTED_MEDIA_TYPE.apiName()).isEqualTo("unsupported_media_type");
        assertThat(ErrorCode.WRITES_DISABLED.status()).isEqualTo(403);
        assertThat(ErrorCode.UNAVAILABLE.status()).isEqualTo(503);
    }
}
