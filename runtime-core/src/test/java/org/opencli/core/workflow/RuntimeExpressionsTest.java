package org.opencli.core.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opencli.core.json.Json;

/** Expressions and success criteria on their own, without an engine. */
class RuntimeExpressionsTest {
    private static JsonNode json(String s) throws IOException {
        return Json.MAPPER.readTree(s);
    }

    private final ExpressionContext ctx;

    RuntimeExpressionsTest() throws IOException {
        ctx = new ExpressionContext(Map.of("title", json("\"Printer\""), "n", json("3"), "obj", json("{\"a\":{\"b\":7}}")),
                Map.of("create", Map.of("id", json("\"42\""))), 201, json("{\"id\":\"42\",\"tags\":[\"x\"]}"));
    }

    @Test
    void wholeExpressionsKeepTheirJsonType() throws IOException {
        assertThat(RuntimeExpressions.resolveAll(json("{\"n\":\"$inputs.n\",\"b\":\"$inputs.obj.a.b\",\"p\":\"$inputs.obj#/a\"}"), ctx))
                .isEqualTo(json("{\"n\":3,\"b\":7,\"p\":{\"b\":7}}"));
        assertThat(RuntimeExpressions.resolve("$response.body#/tags/0", ctx).asText()).isEqualTo("x");
        assertThat(RuntimeExpressions.resolve("$steps.create.outputs.id", ctx).asText()).isEqualTo("42");
        assertThat(RuntimeExpressions.resolve("$statusCode", ctx).asInt()).isEqualTo(201);
    }

    @Test
    void embeddedExpressionsAreTextAndLiteralsStay() throws IOException {
        assertThat(RuntimeExpressions.resolveAll(json("\"#{$steps.create.outputs.id}: {$inputs.title}\""), ctx).asText())
                .isEqualTo("#42: Printer");
        assertThat(RuntimeExpressions.resolveAll(json("\"$5 off\""), ctx).asText()).isEqualTo("$5 off");
    }

    @Test
    void unresolvableExpressionsNameThemselves() {
        assertThatThrownBy(() -> RuntimeExpressions.resolve("$steps.nope.outputs.id", ctx))
                .hasMessageContaining("$steps.nope.outputs.id").isInstanceOf(UnresolvedExpression.class);
        assertThatThrownBy(() -> RuntimeExpressions.resolve("$response.body#/missing", ctx))
                .isInstanceOf(UnresolvedExpression.class);
    }

    @Test
    void simpleCriteria() throws IOException {
        assertThat(SuccessCriteria.firstFailed(json("[{\"condition\":\"$statusCode == 201\"}]"), ctx)).isNull();
        assertThat(SuccessCriteria.firstFailed(json("[{\"condition\":\"$statusCode >= 200\"},{\"condition\":\"$statusCode < 300\"}]"), ctx)).isNull();
        assertThat(SuccessCriteria.firstFailed(json("[{\"condition\":\"$statusCode != 201\"}]"), ctx)).isEqualTo("$statusCode != 201");
        assertThat(SuccessCriteria.firstFailed(json("[{\"condition\":\"$response.body#/id == '42'\"}]"), ctx)).isNull();
        assertThat(SuccessCriteria.firstFailed(json("[{\"context\":\"$response.body#/id\",\"condition\":\"^4\",\"type\":\"regex\"}]"), ctx)).isNull();
        assertThat(SuccessCriteria.firstFailed(null, ctx)).isNull(); // 2xx by default
        assertThat(SuccessCriteria.firstFailed(null, ctx.withResponse(404, null))).isNotNull();
        assertThatThrownBy(() -> SuccessCriteria.firstFailed(json("[{\"condition\":\"$.x\",\"type\":\"jsonpath\"}]"), ctx))
                .isInstanceOf(UnresolvedExpression.class);
    }
}
