package org.opencli.fleet.keycloak;

import java.io.IOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import org.htmlunit.BrowserVersion;
import org.htmlunit.FailingHttpStatusCodeException;
import org.htmlunit.Page;
import org.htmlunit.WebClient;
import org.htmlunit.html.DomElement;
import org.htmlunit.html.HtmlElement;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlPage;

/**
 * A headless browser (HtmlUnit) that signs in on Keycloak's own pages the way a person would:
 * fills the login form, grants a device code, picks an identity provider. Keycloak 26's login
 * theme works as plain HTML forms, so JavaScript stays off (faster, nothing flaky). Each instance
 * has its own cookie jar, i.e. its own SSO session; close it to forget the session. Keycloak marks
 * its session cookies {@code Secure; SameSite=None}, which real browsers accept on loopback but
 * HtmlUnit does not over plain HTTP, so {@link PlainHttpCookies} relaxes them for http:// answers.
 */
public final class KeycloakBrowser implements AutoCloseable {
    private static final int MAX_STEPS = 10;

    private final WebClient web = new WebClient(BrowserVersion.FIREFOX);
    private final List<String> visited = new ArrayList<>();

    public KeycloakBrowser() {
        web.getOptions().setJavaScriptEnabled(false);
        web.getOptions().setCssEnabled(false);
        web.getOptions().setThrowExceptionOnFailingStatusCode(false);
        web.getOptions().setRedirectEnabled(true);
        web.getOptions().setTimeout(30_000);
        new PlainHttpCookies(web);
    }

    /**
     * Opens an authorization URL, signs in and follows Keycloak's redirect to the client's
     * callback (a loopback listener such as {@code ocli auth login}'s); answers the callback page's text.
     */
    public String login(String authorizationUrl, String user, String password) throws IOException {
        Page page = open(authorizationUrl);
        return finish(drive(page, user, password));
    }

    /**
     * Opens a device flow's {@code verification_uri_complete}, signs in and grants the user code;
     * answers the final page's text (Keycloak's "Device Login Successful").
     */
    public String approveDevice(String verificationUriComplete, String user, String password) throws IOException {
        Page page = drive(open(verificationUriComplete), user, password);
        String text = text(page);
        if (!text.toLowerCase().contains("success")) {
            throw new IllegalStateException("device grant did not succeed; last page " + describe(page) + ": " + snippet(text));
        }
        return text;
    }

    /**
     * Opens an authorization URL, clicks the identity provider {@code idpAlias} on the login page,
     * signs in at the brokered IdP and follows the redirects back through the broker to the
     * client's callback; answers the callback page's text.
     */
    public String loginVia(String authorizationUrl, String idpAlias, String user, String password) throws IOException {
        Page page = open(authorizationUrl);
        HtmlPage html = htmlPage(page, "the login page");
        DomElement button = html.getElementById("social-" + idpAlias);
        if (button == null) {
            throw new IllegalStateException("login page " + describe(page) + " offers no identity provider '" + idpAlias + "'");
        }
        return finish(drive(((HtmlElement) button).click(), user, password));
    }

    /** The pages this browser has been through, in order, without query strings (codes stay out of transcripts). */
    public List<String> visited() {
        return List.copyOf(visited);
    }

    @Override
    public void close() {
        web.close();
    }

    private Page open(String url) throws IOException {
        try {
            Page page = web.getPage(url);
            visited.add(withoutQuery(url));
            return page;
        } catch (FailingHttpStatusCodeException e) {
            throw new IllegalStateException("opening " + url + " answered " + e.getStatusCode(), e);
        }
    }

    /**
     * Steps through Keycloak's pages until none needs an answer: the login form (once — a second
     * one means the credentials were refused), a consent or device-grant page, and the first
     * broker login's review-profile page.
     */
    private Page drive(Page page, String user, String password) throws IOException {
        boolean signedIn = false;
        for (int step = 0; step < MAX_STEPS; step++) {
            visited.add(withoutQuery(page.getUrl().toString()));
            if (!(page instanceof HtmlPage html)) return page;
            HtmlForm login = form(html, "kc-form-login");
            if (login != null) {
                if (signedIn) {
                    throw new IllegalStateException("Keycloak refused the sign-in of " + user + " at " + describe(page)
                            + ": " + feedback(html));
                }
                login.getInputByName("username").setValue(user);
                login.getInputByName("password").setValue(password);
                signedIn = true;
                page = submit(html, login, "login");
                continue;
            }
            HtmlForm grant = formWithButton(html, "accept");
            if (grant != null) {
                page = submit(html, grant, "accept");
                continue;
            }
            HtmlForm review = form(html, "kc-idp-review-profile-form");
            if (review == null) review = form(html, "kc-update-profile-form");
            if (review != null) {
                page = submit(html, review, null);
                continue;
            }
            return page;
        }
        throw new IllegalStateException("Keycloak kept asking after " + MAX_STEPS + " pages; last " + describe(page));
    }

    private String finish(Page page) {
        if (page instanceof HtmlPage html && html.getUrl().getPath().contains("/realms/")) {
            throw new IllegalStateException("sign-in ended on a Keycloak page, not the client's callback: "
                    + describe(page) + ": " + snippet(feedback(html)));
        }
        return text(page);
    }

    private static Page submit(HtmlPage page, HtmlForm form, String buttonName) throws IOException {
        List<HtmlElement> buttons = new ArrayList<>();
        for (HtmlElement e : form.getHtmlElementDescendants()) {
            String type = e.getAttribute("type");
            boolean submit = ("button".equals(e.getTagName()) || "input".equals(e.getTagName()))
                    && ("submit".equals(type) || ("button".equals(e.getTagName()) && type.isEmpty()));
            if (submit && (buttonName == null || buttonName.equals(e.getAttribute("name")))) buttons.add(e);
        }
        if (buttons.isEmpty()) {
            throw new IllegalStateException("form " + form.getId() + " on " + page.getUrl() + " has no submit button"
                    + (buttonName == null ? "" : " named " + buttonName));
        }
        return buttons.get(0).click();
    }

    private static HtmlForm form(HtmlPage page, String id) {
        DomElement e = page.getElementById(id);
        return e instanceof HtmlForm f ? f : null;
    }

    private static HtmlForm formWithButton(HtmlPage page, String name) {
        for (HtmlForm f : page.getForms()) {
            for (HtmlElement e : f.getHtmlElementDescendants()) {
                if (name.equals(e.getAttribute("name")) && "submit".equals(e.getAttribute("type"))) return f;
            }
        }
        return null;
    }

    private static HtmlPage htmlPage(Page page, String what) {
        if (page instanceof HtmlPage html) return html;
        throw new IllegalStateException("expected " + what + " but got " + describe(page));
    }

    /** Keycloak's message to the user (wrong password, expired code …), or the page text. */
    private static String feedback(HtmlPage page) {
        for (String id : List.of("input-error", "input-error-username", "kc-error-message")) {
            DomElement e = page.getElementById(id);
            if (e != null) return e.asNormalizedText().trim();
        }
        for (DomElement e : page.getElementsByTagName("div")) {
            String cls = e.getAttribute("class");
            if (cls.contains("alert") || cls.contains("kc-feedback")) return e.asNormalizedText().trim();
        }
        return snippet(page.asNormalizedText());
    }

    private static String text(Page page) {
        if (page instanceof HtmlPage html) return html.asNormalizedText();
        return page.getWebResponse().getContentAsString();
    }

    private static String describe(Page page) {
        URL url = page.getUrl();
        String title = page instanceof HtmlPage html ? " \"" + html.getTitleText() + "\"" : "";
        return page.getWebResponse().getStatusCode() + " " + url.getProtocol() + "://" + url.getAuthority() + url.getPath() + title;
    }

    private static String withoutQuery(String url) {
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q);
    }

    private static String snippet(String text) {
        String flat = text.replaceAll("\\s+", " ").trim();
        return flat.length() > 300 ? flat.substring(0, 300) + "…" : flat;
    }
}
