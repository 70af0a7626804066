package org.opencli.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Command words (group, command, aliases) are single typable words; tool ids never change with them. */
class CommandWordsTest {
    @TempDir
    Path dir;

    private Map<String, Tool> tools(String openapi) {
        return TestCatalogs.catalogOf(dir, "api.yaml", openapi).tools().stream()
                .collect(Collectors.toMap(Tool::id, Function.identity()));
    }

    @Test
    void tagsAndPathSegmentsBecomeSlugGroups() {
        Map<String, Tool> t = tools("""
                openapi: 3.0.3
                info: {title: Org, version: "1"}
                paths:
                  /orgs/{org}/members/{user}:
                    get: {operationId: getOrgMember, tags: [Org Members], responses: {"200": {description: ok}}}
                  /API_Keys:
                    get: {operationId: listKeys, responses: {"200": {description: ok}}}
                  /teams:
                    get: {operationId: listTeams, tags: ["GitHub Teams"], responses: {"200": {description: ok}}}
                  /odd:
                    get: {operationId: odd, tags: ["!!"], responses: {"200": {description: ok}}}
                """);
        assertThat(t.get("orgs:getOrgMember").group()).isEqualTo("org-members");
        assertThat(t.get("orgs:getOrgMember").command()).isEqualTo("get-org-member");
        assertThat(t.get("orgs:listKeys").group()).isEqualTo("api-keys");
        assertThat(t.get("orgs:listTeams").group()).isEqualTo("github-teams");
        assertThat(t.get("orgs:odd").group()).as("a tag with no typable word falls through to the path").isEqualTo("odd");
    }

    @Test
    void authorChosenWordsAreKeptWhenTypableElseSlugged() {
        Map<String, Tool> t = tools("""
                openapi: 3.0.3
                info: {title: Shop, version: "1"}
                paths:
                  /items/{id}:
                    get:
                      operationId: getItem
                      x-cli-group: Store Items
                      x-cli-name: showItem
                      x-cli-aliases: [si, "show it", si, "%%"]
                      responses: {"200": {description: ok}}
                    put:
                      operationId: putItem
                      x-cli-group: stock
                      x-cli-name: "Replace Item"
                      responses: {"200": {description: ok}}
                """);
        Tool get = t.get("items:getItem");
        assertThat(get.group()).isEqualTo("store-items");
        assertThat(get.command()).isEqualTo("showItem");
        assertThat(get.aliases()).containsExactly("si", "show-it");
        assertThat(t.get("items:putItem").group()).isEqualTo("stock");
        assertThat(t.get("items:putItem").command()).isEqualTo("replace-item");
    }

    @Test
    void commandRepeatingItsGroupGetsTheShortAliasAndKeepsItsId() {
        Map<String, Tool> t = tools("""
                openapi: 3.0.3
                info: {title: GitHub, version: "1"}
                paths:
                  /repos/{owner}/{repo}:
                    get: {operationId: repos/get, tags: [repos], responses: {"200": {description: ok}}}
                    delete: {operationId: repos/delete, tags: [repos], x-cli-aliases: [rm], responses: {"204": {description: ok}}}
                  /orgs/{org}/repos:
                    get: {operationId: repos/list-for-org, tags: [repos], responses: {"200": {description: ok}}}
                  /orgs/{org}/members:
                    get: {operationId: orgs/list-members, tags: [Org Members], responses: {"200": {description: ok}}}
                  /repos:
                    post: {operationId: repos, tags: [repos], responses: {"200": {description: ok}}}
                """);
        Tool get = t.get("repos:repos/get");
        assertThat(get.command()).isEqualTo("repos-get");
        assertThat(get.aliases()).containsExactly("get");
        assertThat(t.get("repos:repos/delete").aliases()).containsExactly("rm", "delete");
        assertThat(t.get("repos:repos/list-for-org").aliases()).containsExactly("list-for-org");
        assertThat(t.get("repos:orgs/list-members").aliases()).as("prefix differs from the group").isEmpty();
        assertThat(t.get("repos:repos").aliases()).as("nothing after the group").isEmpty();
    }

    @Test
    void shortAliasTakenByAnotherCommandOrAliasIsNotAdded() {
        Map<String, Tool> t = tools("""
                openapi: 3.0.3
                info: {title: GitHub, version: "1"}
                paths:
                  /repos/{owner}/{repo}:
                    get: {operationId: repos/get, tags: [repos], responses: {"200": {description: ok}}}
                    put: {operationId: repos/update, tags: [repos], responses: {"200": {description: ok}}}
                    patch: {operationId: repos/patch, tags: [repos], responses: {"200": {description: ok}}}
                  /repos/{owner}/{repo}/x:
                    get: {operationId: get, tags: [repos], responses: {"200": {description: ok}}}
                    put: {operationId: replace, tags: [repos], x-cli-aliases: [update], responses: {"200": {description: ok}}}
                  /other/{id}:
                    patch: {operationId: other/patch, tags: [other], x-cli-name: patch, responses: {"200": {description: ok}}}
                """);
        assertThat(t.get("repos:repos/get").aliases()).as("a command 'get' exists in the group").isEmpty();
        assertThat(t.get("repos:repos/update").aliases()).as("an alias 'update' exists in the group").isEmpty();
        assertThat(t.get("repos:repos/patch").aliases()).as("'patch' in another group does not count").containsExactly("patch");
        assertThat(t.get("repos:get").command()).isEqualTo("get");
        assertThat(t.get("repos:replace").aliases()).containsExactly("update");
    }

    @Test
    void twoCommandsWantingTheSameShortAliasGetNeither() {
        Map<String, Tool> t = tools("""
                openapi: 3.0.3
                info: {title: GitHub, version: "1"}
                paths:
                  /a:
                    get: {operationId: getA, tags: [repos], x-cli-name: repos-show, responses: {"200": {description: ok}}}
                  /b:
                    get: {operationId: getB, tags: [repos], x-cli-name: repos-show, x-cli-hidden: true, responses: {"200": {description: ok}}}
                  /c:
                    get: {operationId: getC, tags: [repos], x-cli-name: repos-list, responses: {"200": {description: ok}}}
                """);
        assertThat(t.get("a:getA").aliases()).isEmpty();
        assertThat(t.get("a:getB").aliases()).isEmpty();
        assertThat(t.get("a:getC").aliases()).containsExactly("list");
    }
}
