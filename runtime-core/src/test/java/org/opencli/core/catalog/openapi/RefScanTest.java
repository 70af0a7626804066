package org.opencli.core.catalog.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The pre-scan may over-report (costs a walk) but must never miss an external ref. */
class RefScanTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"$ref\":\"#/a\"}                              | false",
            "{\"$ref\" : \"#/a\", \"x\": {\"$ref\":\"#/b\"}} | false",
            "{\"$ref\": \"x.yaml\"}                          | true",
            "a: {$ref: '#/x'}\\nb: {$ref: 'c.yaml#/y'}       | true",
            "$ref:\\n  ../common.yaml                        | true",
            "$ref: https://h/x.json#/A                       | true",
            "no refs at all                                  | false",
            "ends with $ref                                  | false",
    })
    void findsEveryRefNotStartingWithHash(String text, boolean expected) {
        byte[] bytes = text.strip().replace("\\n", "\n").getBytes(StandardCharsets.UTF_8);
        assertThat(RefScan.mayHaveExternalRefs(bytes)).isEqualTo(expected);
    }
}
