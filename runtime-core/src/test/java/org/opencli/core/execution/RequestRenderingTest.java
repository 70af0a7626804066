package org.opencli.core.execution;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.opencli.core.error.OcliException;

/** What the upstream actually receives for path args, flags of every location and style, and bodies. */
class RequestRenderingTest extends WithExecFixture {
    @Test
    void pathArgumentsAreEncodedAsOneSegmentAndServerVariablesUseTheirDefault() {
        f.run(f.call("exec:getItem").args("../admin"));
        RecordingServer.Seen seen = f.server.last();
        assertThat(seen.rawPath()).isEqualTo("/api/items/..%2Fadmin");
        assertThat(f.server.at("/admin")).isEmpty();
    }

    @Test
    void spacesAndUnicodeInPathArgumentsArePercentEncoded() {
        f.run(f.call("exec:getItem").args("a b/ü?x"));
        assertThat(f.server.last().rawPath()).isEqualTo("/api/items/a%20b%2F%C3%BC%3Fx");
    }

    @Test
    void flagsGoToQueryHeaderAndCookieByNameOrOriginalName() {
        f.run(f.call("exec:getItem").args("1").flag("sort-order", "desc").flag("X-Trace-Id", "t-1").flag("theme", "dark mode"));
        RecordingServer.Seen seen = f.server.last();
        assertThat(seen.rawQuery()).isEqualTo("sortOrder=desc");
        assertThat(seen.header("X-Trace-Id")).isEqualTo("t-1");
        assertThat(seen.header("Cookie")).isEqualTo("theme=dark%20mode");
    }

    @Test
    void arraysAndObjectsFollowStyleAndExplode() {
        f.run(f.call("exec:getItem").args("1")
                .flagJson("tags", "[\"a\",\"b c\"]")
                .flagJson("ids", "[1,2,3]")
                .flagJson("words", "[\"x\",\"y\"]")
                .flagJson("pipes", "[\"p\",\"q\"]")
                .flagJson("filter", "{\"color\":\"red\",\"size\":\"L\"}")
                .flagJson("point", "{\"x\":1,\"y\":2}")
                .flagJson("X-Dims", "[\"w\",\"h\"]"));
        RecordingServer.Seen seen = f.server.last();
        assertThat(seen.rawQuery()).isEqualTo("tags=a&tags=b%20c&ids=1,2,3&words=x%20y&pipes=p%7Cq"
                + "&filter%5Bcolor%5D=red&filter%5Bsize%5D=L&x=1&y=2");
        assertThat(seen.header("X-Dims")).isEqualTo("w,h");
    }

    @Test
    void queryValuesCannotInjectParameters() {
        f.run(f.call("exec:search").flag("term", "a&admin=true#frag"));
        assertThat(f.server.last().rawQuery()).isEqualTo("term=a%26admin%3Dtrue%23frag");
    }

    @Test
    void missingRequiredPathArgumentOrFlagIsRefusedBeforeSending() {
        OcliException noArg = f.failure(f.call("exec:getItem"));
        assertThat(noArg.code()).isEqualTo("invalid_arguments");
        assertThat(noArg.detail()).contains("item-id");
        OcliException noFlag = f.failure(f.call("exec:search"));
        assertThat(noFlag.code()).isEqualTo("invalid_arguments");
        assertThat(noFlag.detail()).contains("term");
        assertThat(f.server.seen).isEmpty();
    }

    @Test
    void headerValuesWithLineBreaksAreRefused() {
        OcliException e = f.failure(f.call("exec:getItem").args("1").flag("X-Trace-Id", "a\r\nX-Admin: yes"));
        assertThat(e.code()).isEqualTo("invalid_arguments");
        assertThat(f.server.seen).isEmpty();
    }

    @Test
    void unknownFlagsAreRefused() {
        OcliException e = f.failure(f.call("exec:search").flag("term", "x").flag("url", "http://evil"));
        assertThat(e.code()).isEqualTo("invalid_arguments");
        assertThat(f.server.seen).isEmpty();
    }

    @Test
    void jsonBodyFromAJsonValueOrBase64Bytes() {
        f.run(f.call("exec:createItem").body(ExecFixture.json("{\"name\":\"n1\"}")));
        RecordingServer.Seen first = f.server.last();
        assertThat(first.header("Content-Type")).isEqualTo("application/json");
        assertThat(ExecFixture.json(first.bodyText())).isEqualTo(ExecFixture.json("{\"name\":\"n1\"}"));

        String b64 = Base64.getEncoder().encodeToString("{\"name\":\"n2\"}".getBytes(StandardCharsets.UTF_8));
        f.run(f.call("exec:createItem").body(TextNode.valueOf(b64)));
        assertThat(f.server.last().bodyText()).isEqualTo("{\"name\":\"n2\"}");
    }

    @Test
    void requiredBodyMissingIsRefused() {
        assertThat(f.failure(f.call("exec:createItem")).code()).isEqualTo("invalid_arguments");
        assertThat(f.server.seen).isEmpty();
    }

    @Test
    void formBodyIsEncodedFromAJsonObject() {
        f.run(f.call("exec:submitForm").body(ExecFixture.json("{\"a\":\"x y\",\"b\":[1,2],\"c\":\"&=\"}")));
        RecordingServer.Seen seen = f.server.last();
        assertThat(seen.header("Content-Type")).isEqualTo("application/x-www-form-urlencoded");
        assertThat(seen.bodyText()).isEqualTo("a=x%20y&b=1&b=2&c=%26%3D");
    }

    @Test
    void otherMediaTypesSendTheGivenBytes() {
        byte[] bytes = {0, 1, 2, (byte) 0xff};
        f.run(f.call("exec:upload").body(TextNode.valueOf(Base64.getEncoder().encodeToString(bytes))));
        RecordingServer.Seen seen = f.server.last();
        assertThat(seen.method()).isEqualTo("PUT");
        assertThat(seen.header("Content-Type")).isEqualTo("application/octet-stream");
        assertThat(seen.body()).containsExactly(bytes);
    }

    @Test
    void configuredBaseUrlReplacesTheCatalogServers() throws Exception {
        try (RecordingServer other = new RecordingServer()) {
            f.baseUrl(other.base() + "/staging");
            f.run(f.call("exec:getItem").args("7"));
            assertThat(other.last().rawPath()).isEqualTo("/staging/items/7");
            assertThat(f.server.seen).isEmpty();
        }
    }

    @Test
    void relativeServerOfALocalDocumentIsNoServer() throws Exception {
        String doc = java.nio.file.Files.readString(dir.resolve("exec.openapi.yaml"))
                .replace(f.server.base() + "/{basePath}", "/v1");
        java.nio.file.Files.writeString(dir.resolve("exec.openapi.yaml"), doc);
        assertThat(f.failure(f.call("exec:getItem").args("1")).code()).isEqualTo("no_server");
        assertThat(f.server.seen).isEmpty();
    }
}
