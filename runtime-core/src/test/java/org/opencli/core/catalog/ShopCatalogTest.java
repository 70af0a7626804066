package org.opencli.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencli.core.config.LoadedConfig;
import org.opencli.core.json.Json;

/** The shop fixture exercises every derivation rule, an overlay, skills, a workflow and two profiles. */
class ShopCatalogTest {
    @TempDir
    static Path cache;
    static LoadedConfig config;
    static CatalogBuild build;
    static Map<String, Tool> tools;

    @BeforeAll
    static void buildShop() {
        config = TestCatalogs.config(TestCatalogs.resource("catalog/shop/project.cli.json"));
        build = TestCatalogs.build(config, cache);
        tools = build.catalog().tools().stream().collect(Collectors.toMap(Tool::id, t -> t));
    }

    private static JsonNode json(Object o) {
        return Json.MAPPER.valueToTree(o);
    }

    @Test
    void headerFieldsSourcesAndServices() throws Exception {
        Catalog c = build.catalog();
        assertThat(c.catalogVersion()).isEqualTo("1.0.0");
        assertThat(c.generatedAt()).isEqualTo("2026-01-02T03:04:05Z");
        assertThat(c.sourceFingerprint()).matches("sha256:[0-9a-f]{64}");
        assertThat(json(c.sources())).isEqualTo(Json.MAPPER.readTree("""
                [{"id":"shopSource","type":"openapi","uri":"shop.openapi.yaml",
                  "provenance":{"method":"explicit","at":"2026-01-02T03:04:05Z",
                    "fetches":[{"url":"%s","fetchedAt":"2026-01-02T03:04:05Z","method":"explicit"}]}}]
                """.formatted(TestCatalogs.resource("catalog/shop/shop.openapi.yaml").toUri())));
        assertThat(json(c.services())).isEqualTo(Json.MAPPER.readTree("""
                [{"id":"shop","alias":"store","sourceId":"shopSource","title":"Corner Shop API",
                  "servers":["https://eu.shop.test/api"]}]"""));
    }

    @Test
    void toolsInDocumentOrderWithoutIgnoredOrNonCrudOperations() {
        assertThat(build.catalog().tools()).extracting(Tool::id).containsExactly(
                "shop:listOrders", "shop:createOrder", "shop:getOrder", "shop:put:/orders/{orderId}",
                "shop:cancelOrder", "shop:updateOrderItem", "shop:get:/health", "shop:get:/{tenant}");
    }

    @Test
    void listOrdersHasMergedFlagsOverlayNamesAuthAndGuidance() throws Exception {
        assertThat(json(tools.get("shop:listOrders"))).isEqualTo(Json.MAPPER.readTree("""
                {"id":"shop:listOrders","serviceId":"shop","operationId":"listOrders","method":"GET","path":"/orders",
                 "group":"orders","command":"list","summary":"List orders","description":"Every order of the tenant.",
                 "hidden":false,
                 "flags":[
                   {"name":"x-tenant","originalName":"X-Tenant","location":"header","required":true,"schema":{"type":"string"}},
                   {"name":"page-size","originalName":"page_size","location":"query","required":true,
                    "description":"How many per page.","schema":{"type":"integer","maximum":100}},
                   {"name":"sort","originalName":"sortOrder","location":"query","required":false,
                    "schema":{"type":"string","enum":["asc","desc"]}}],
                 "authAlternatives":[
                   {"requirements":[{"name":"bearerAuth","type":"http","scheme":"bearer"}]},
                   {"requirements":[
                     {"name":"apiKeyAuth","type":"apiKey","in":"header","paramName":"X-Api-Key"},
                     {"name":"oauth","type":"oauth2","scopes":["orders:read"],
                      "oauthFlows":[{"type":"clientCredentials","tokenUrl":"https://auth.shop.test/token",
                                     "scopes":["orders:read","orders:write"]}]}]}],
                 "safety":{"destructive":false,"readOnly":true,"requiresApproval":false,"idempotent":true},
                 "guidance":{"whenToUse":["to find an order"],"avoidWhen":["you already know the id"],
                   "examples":[{"goal":"newest orders","command":"ocli shop orders list --sort desc"}]},
                 "servers":["https://eu.shop.test/api"],
                 "backend":{"type":"openapi","sourceId":"shopSource"}}"""));
    }

    @Test
    void createOrderHasRequestBodyFromRefAndApprovalFromExtension() throws Exception {
        Tool t = tools.get("shop:createOrder");
        assertThat(json(t.requestBody())).isEqualTo(Json.MAPPER.readTree("""
                {"required":true,"contentTypes":[
                  {"mediaType":"application/json","schema":{"$ref":"#/components/schemas/Order"}},
                  {"mediaType":"application/x-www-form-urlencoded","schema":{"type":"object"}}]}"""));
        assertThat(t.safety()).isEqualTo(new Safety(false, false, true, false));
        assertThat(t.command()).isEqualTo("create-order");
        assertThat(t.flags()).extracting(ToolParameter::name, ToolParameter::required)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("x-tenant", true),
                        org.assertj.core.groups.Tuple.tuple("page-size", false));
    }

    @Test
    void copyActionGaveGetOrderTagsAndName() {
        Tool t = tools.get("shop:getOrder");
        assertThat(t.group()).isEqualTo("orders");
        assertThat(t.command()).isEqualTo("show");
        assertThat(t.pathParams()).containsExactly(
                new ToolParameter("order-id", "orderId", "path", true, null, Json.MAPPER.createObjectNode().put("type", "string"),
                        null, null, ValueShape.SCALAR));
    }

    @Test
    void operationWithoutIdGetsMethodPathIdSegmentGroupAndInferredVerb() {
        Tool put = tools.get("shop:put:/orders/{orderId}");
        assertThat(put.operationId()).isNull();
        assertThat(put.group()).isEqualTo("orders");
        assertThat(put.command()).isEqualTo("update");
        assertThat(put.safety()).isEqualTo(new Safety(false, false, false, true));
        assertThat(put.requestBody().required()).isFalse();
        assertThat(tools.get("shop:get:/health").group()).isEqualTo("health");
        assertThat(tools.get("shop:get:/health").command()).isEqualTo("list");
        assertThat(tools.get("shop:get:/{tenant}").group()).isEqualTo("misc");
        assertThat(tools.get("shop:get:/{tenant}").command()).isEqualTo("get");
    }

    @Test
    void deleteWithEmptySecurityHasNoAuthAndPolicyApprovalAndLaterSkillWins() {
        Tool t = tools.get("shop:cancelOrder");
        assertThat(t.authAlternatives()).isEmpty();
        assertThat(t.safety()).isEqualTo(new Safety(true, false, true, true));
        assertThat(t.guidance()).isEqualTo(new Guidance(List.of("the customer asked to cancel"),
                List.of("the order has shipped"), List.of()));
    }

    @Test
    void extensionsOnPatchOperation() throws Exception {
        Tool t = tools.get("shop:updateOrderItem");
        assertThat(t.group()).isEqualTo("items");
        assertThat(t.command()).isEqualTo("edit-item");
        assertThat(t.aliases()).containsExactly("ei", "item-edit");
        assertThat(t.description()).isEqualTo("Change quantity or note of one item.");
        assertThat(t.hidden()).isTrue();
        assertThat(t.pathParams()).extracting(ToolParameter::name, ToolParameter::originalName)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("order-id", "orderId"),
                        org.assertj.core.groups.Tuple.tuple("item", "itemId"));
        assertThat(t.servers()).containsExactly("https://edit.shop.test/v2");
        assertThat(json(t.output())).isEqualTo(Json.MAPPER.readTree("{\"format\":\"table\",\"fields\":[\"id\",\"quantity\"]}"));
        assertThat(t.pagination().path("cursorParam").asText()).isEqualTo("after");
        assertThat(t.retry().path("maxAttempts").asInt()).isEqualTo(3);
        assertThat(json(t.authAlternatives())).isEqualTo(Json.MAPPER.readTree("""
                [{"requirements":[{"name":"oidc","type":"openIdConnect","scopes":["openid"],
                  "openIdConnectUrl":"https://auth.shop.test/.well-known/openid-configuration"}]}]"""));
        assertThat(t.safety()).isEqualTo(new Safety(false, false, false, false));
    }

    @Test
    void workflowStepsBindByOperationIdAndBothPathForms() {
        assertThat(build.catalog().workflows()).hasSize(1);
        Workflow wf = build.catalog().workflows().get(0);
        assertThat(wf.workflowId()).isEqualTo("reviewOrders");
        assertThat(wf.steps()).extracting(Workflow.WorkflowStep::stepId, Workflow.WorkflowStep::toolId).containsExactly(
                org.assertj.core.groups.Tuple.tuple("list", "shop:listOrders"),
                org.assertj.core.groups.Tuple.tuple("one", "shop:getOrder"),
                org.assertj.core.groups.Tuple.tuple("change", "shop:updateOrderItem"),
                org.assertj.core.groups.Tuple.tuple("replace", "shop:put:/orders/{orderId}"));
    }

    @Test
    void viewsPerProfile() {
        Catalog c = build.catalog();
        assertThat(c.effectiveViews()).extracting(EffectiveView::name, EffectiveView::mode).containsExactly(
                org.assertj.core.groups.Tuple.tuple("discover", "discover"),
                org.assertj.core.groups.Tuple.tuple("reader", "curated"),
                org.assertj.core.groups.Tuple.tuple("operator", "curated"));
        assertThat(c.view("discover").orElseThrow().tools()).hasSize(8);
        assertThat(c.view("reader").orElseThrow().tools()).extracting(Tool::id)
                .containsExactly("shop:listOrders", "shop:getOrder");
        assertThat(c.view("operator").orElseThrow().tools()).extracting(Tool::id).containsExactly(
                "shop:listOrders", "shop:getOrder", "shop:updateOrderItem", "shop:get:/health", "shop:get:/{tenant}");
    }

    @Test
    void selectionFollowsDefaultModeAndProfile() {
        Catalog c = build.catalog();
        assertThat(ViewSelector.select(c, config.config(), null, null).name()).isEqualTo("reader");
        assertThat(ViewSelector.select(c, config.config(), "discover", null).name()).isEqualTo("discover");
        assertThat(ViewSelector.select(c, config.config(), "discover", "operator").name()).isEqualTo("operator");
    }

    @Test
    void everyDocumentReadIsADependency() {
        assertThat(build.dependencies()).extracting(d -> Path.of(d.file().toString()).getFileName().toString())
                .containsExactlyInAnyOrder("shop.openapi.yaml", "shop.overlay.yaml", "shop.skill.json",
                        "shop.skill-late.yaml", "shop.arazzo.yaml");
    }

    @Test
    void jsonLeavesOutEmptyFieldsAndIsStable() {
        String once = Json.write(build.catalog());
        String again = Json.write(TestCatalogs.build(config, cache).catalog());
        assertThat(again).isEqualTo(once);
        JsonNode cancel = Json.MAPPER.valueToTree(tools.get("shop:cancelOrder"));
        assertThat(cancel.has("authAlternatives")).isFalse();
        assertThat(cancel.has("aliases")).isFalse();
        assertThat(cancel.has("pathParams")).isTrue();
        assertThat(cancel.get("hidden").asBoolean()).isFalse();
    }
}
