package org.opencli.fleet.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class PaginationTest {
    private static final Pattern NEXT = Pattern.compile("<([^>]+)>;\\s*rel=\"next\"");

    @Test
    void cursorWalkVisitsEveryTicketOnceAndLinkAgrees() throws Exception {
        try (TestUpstream upstream = TestUpstream.start(0)) {
            UpstreamClient client = new UpstreamClient(upstream);
            for (int i = 1; i <= 7; i++) {
                assertThat(client.sendJson("POST", "/api/tickets", "{\"title\":\"t" + i + "\"}").statusCode()).isEqualTo(201);
            }
            List<String> titles = new ArrayList<>();
            List<Integer> pageSizes = new ArrayList<>();
            String next = "/api/tickets?limit=3";
            while (next != null) {
                HttpResponse<String> response = client.get(next);
                assertThat(response.statusCode()).isEqualTo(200);
                JsonNode page = UpstreamClient.json(response);
                page.path("items").forEach(t -> titles.add(t.path("title").asText()));
                pageSizes.add(page.path("items").size());
                JsonNode cursor = page.path("nextCursor");
                if (cursor.isNull()) {
                    assertThat(response.headers().firstValue("Link")).as("no Link on the last page").isEmpty();
                    next = null;
                } else {
                    String link = response.headers().firstValue("Link").orElseThrow();
                    Matcher m = NEXT.matcher(link);
                    assertThat(m.find()).as("Link header %s", link).isTrue();
                    assertThat(m.group(1)).startsWith(upstream.url() + "/api/tickets?").contains("cursor=" + cursor.asText());
                    next = "/api/tickets?limit=3&cursor=" + cursor.asText();
                }
            }
            assertThat(titles).containsExactly("t1", "t2", "t3", "t4", "t5", "t6", "t7");
            assertThat(pageSizes).containsExactly(3, 3, 1);
        }
    }

    @Test
    void followingLinkHeadersAloneKeepsTheStatusFilter() throws Exception {
        try (TestUpstream upstream = TestUpstream.start(0)) {
            UpstreamClient client = new UpstreamClient(upstream);
            for (int i = 1; i <= 5; i++) {
                String status = i % 2 == 0 ? "closed" : "open";
                client.sendJson("POST", "/api/tickets", "{\"title\":\"t" + i + "\",\"status\":\"" + status + "\"}");
            }
            List<String> titles = new ArrayList<>();
            String url = upstream.url() + "/api/tickets?status=open&limit=1";
            int pages = 0;
            while (url != null) {
                HttpResponse<String> response = new UpstreamClient("").get(url);
                UpstreamClient.json(response).path("items").forEach(t -> titles.add(t.path("title").asText()));
                Matcher m = NEXT.matcher(response.headers().firstValue("Link").orElse(""));
                url = m.find() ? m.group(1) : null;
                assertThat(++pages).isLessThan(10);
            }
            assertThat(titles).containsExactly("t1", "t3", "t5");
        }
    }

    @Test
    void badLimitsAndCursorsAreRefused() throws Exception {
        try (TestUpstream upstream = TestUpstream.start(0)) {
            UpstreamClient client = new UpstreamClient(upstream);
            assertThat(client.get("/api/tickets?limit=0").statusCode()).isEqualTo(400);
            assertThat(client.get("/api/tickets?limit=1000").statusCode()).isEqualTo(400);
            assertThat(client.get("/api/tickets?limit=x").statusCode()).isEqualTo(400);
            assertThat(client.get("/api/tickets?cursor=garbage").statusCode()).isEqualTo(400);
        }
    }
}
