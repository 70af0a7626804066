package org.opencli.core.discovery;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.opencli.core.error.ErrorKind;
import org.opencli.core.error.OcliException;

/**
 * RFC 8631 service roots and RFC 9727 API catalogs (CONTRACT.md §10).
 * <ul>
 *   <li>serviceRoot: HEAD the root (GET when HEAD fails or carries no {@code service-desc}); the
 *   {@code service-desc} link is the OpenAPI; the {@code service-meta} link is a linkset whose rels
 *   containing {@code skill-manifest}, {@code workflows}, {@code schema-overlay} add documents.</li>
 *   <li>apiCatalog: GET with {@code Accept: application/linkset+json}; {@code api-catalog} rels are
 *   followed recursively (each URL once); {@code item} rels are service roots.</li>
 * </ul>
 */
public final class ServiceDiscovery {
    public static final String LINKSET = "application/linkset+json";
    private final DocumentFetcher fetcher;

    public ServiceDiscovery(DocumentFetcher fetcher) {
        this.fetcher = fetcher;
    }

    public Discovery serviceRoot(FetchRequest root) {
        List<FetchedDocument> fetches = new ArrayList<>();
        DiscoveredService service = discoverRoot(root, fetches);
        return new Discovery(List.of(service), fetches);
    }

    public Discovery apiCatalog(FetchRequest catalog) {
        List<FetchedDocument> fetches = new ArrayList<>();
        List<DiscoveredService> services = new ArrayList<>();
        visitCatalog(catalog.withAccept(LINKSET), new HashSet<>(), services, fetches);
        return new Discovery(services, fetches);
    }

    private void visitCatalog(FetchRequest req, Set<String> visited, List<DiscoveredService> services,
                              List<FetchedDocument> fetches) {
        if (!visited.add(req.ref())) return;
        FetchedDocument doc = fetcher.fetch(req.withMethod("GET"));
        fetches.add(doc);
        for (WebLink link : Links.fromLinkset(RawDocuments.parse(doc, fetcher.limits()), doc.location())) {
            if (link.hasRel("api-catalog")) visitCatalog(req.withRef(link.href()), visited, services, fetches);
            else if (link.hasRel("item") && visited.add(link.href())) {
                services.add(discoverRoot(req.withRef(link.href()).withAccept(null), fetches));
            }
        }
    }

    private DiscoveredService discoverRoot(FetchRequest root, List<FetchedDocument> fetches) {
        List<WebLink> links = List.of();
        FetchedDocument head = null;
        try {
            head = fetcher.fetch(root.withMethod("HEAD"));
            links = Links.fromHeaders(head.header("link"), head.location());
        } catch (OcliException headFailed) {
            // some servers refuse HEAD; GET below
        }
        if (head == null || links.stream().noneMatch(l -> l.hasRel("service-desc"))) {
            head = fetcher.fetch(root.withMethod("GET"));
            links = Links.fromHeaders(head.header("link"), head.location());
        }
        fetches.add(head);
        String desc = links.stream().filter(l -> l.hasRel("service-desc")).map(WebLink::href).findFirst()
                .orElseThrow(() -> new OcliException(ErrorKind.UPSTREAM, "service_desc_missing",
                        "No service description", root.ref() + " has no Link header with rel=\"service-desc\""));
        FetchedDocument openapi = fetcher.fetch(root.withRef(desc).withMethod("GET").withAccept(null));
        fetches.add(openapi);
        List<FetchedDocument> overlays = new ArrayList<>();
        List<FetchedDocument> skills = new ArrayList<>();
        List<FetchedDocument> workflows = new ArrayList<>();
        for (WebLink meta : links.stream().filter(l -> l.hasRel("service-meta")).toList()) {
            FetchedDocument linkset = fetcher.fetch(root.withRef(meta.href()).withMethod("GET").withAccept(LINKSET));
            fetches.add(linkset);
            for (WebLink link : Links.fromLinkset(RawDocuments.parse(linkset, fetcher.limits()), linkset.location())) {
                List<FetchedDocument> into = link.relContains("skill-manifest") ? skills
                        : link.relContains("workflows") ? workflows
                        : link.relContains("schema-overlay") ? overlays : null;
                if (into == null) continue;
                FetchedDocument d = fetcher.fetch(root.withRef(link.href()).withMethod("GET").withAccept(null));
                fetches.add(d);
                into.add(d);
            }
        }
        return new DiscoveredService(root.ref(), openapi, overlays, skills, workflows);
    }
}
