package org.opencli.fleet.keycloak;

import java.io.IOException;
import java.util.Date;
import java.util.Locale;
import org.htmlunit.CookieManager;
import org.htmlunit.WebClient;
import org.htmlunit.WebRequest;
import org.htmlunit.WebResponse;
import org.htmlunit.http.Cookie;
import org.htmlunit.util.NameValuePair;
import org.htmlunit.util.WebConnectionWrapper;

/**
 * Treats loopback HTTP as a secure context the way Chrome and Firefox do. Keycloak marks its
 * session cookies {@code Secure; SameSite=None}; HtmlUnit keeps such cookies but never sends them
 * over {@code http://}, so every sign-in would end with "Restart login cookie not found". After each
 * loopback answer this re-stores its Secure cookies without the flag (and SameSite=Lax).
 */
final class PlainHttpCookies extends WebConnectionWrapper {
    private final CookieManager cookies;

    PlainHttpCookies(WebClient web) {
        super(web);
        this.cookies = web.getCookieManager();
    }

    @Override
    public WebResponse getResponse(WebRequest request) throws IOException {
        WebResponse response = super.getResponse(request);
        String host = request.getUrl().getHost();
        boolean loopback = "http".equals(request.getUrl().getProtocol())
                && (host.equals("127.0.0.1") || host.equals("localhost") || host.equals("[::1]"));
        if (!loopback) return response;
        for (NameValuePair header : response.getResponseHeaders()) {
            if (header.getName().equalsIgnoreCase("Set-Cookie")) relax(host, header.getValue());
        }
        return response;
    }

    private void relax(String host, String setCookie) {
        String[] parts = setCookie.split(";");
        int eq = parts[0].indexOf('=');
        if (eq <= 0) return;
        String name = parts[0].substring(0, eq).trim();
        String value = parts[0].substring(eq + 1).trim();
        String path = "/";
        boolean secure = false;
        boolean httpOnly = false;
        Date expires = null;
        for (int i = 1; i < parts.length; i++) {
            String attr = parts[i].trim();
            String lower = attr.toLowerCase(Locale.ROOT);
            if (lower.equals("secure")) secure = true;
            else if (lower.equals("httponly")) httpOnly = true;
            else if (lower.startsWith("path=")) path = attr.substring(5);
            else if (lower.startsWith("max-age=")) {
                try {
                    expires = new Date(System.currentTimeMillis() + Long.parseLong(attr.substring(8).trim()) * 1000);
                } catch (NumberFormatException ignored) {
                    // a malformed Max-Age leaves the cookie a session cookie
                }
            }
        }
        if (!secure) return;
        Cookie relaxed = new Cookie(host, name, value, path, expires, false, httpOnly, "Lax");
        for (Cookie stored : cookies.getCookies()) {
            if (stored.getName().equals(name) && stored.getPath().equals(path)) cookies.removeCookie(stored);
        }
        if (expires == null || expires.after(new Date())) cookies.addCookie(relaxed);
    }
}
