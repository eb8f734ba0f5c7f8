package dev.agentflow.nodes.http;

import java.net.MalformedURLException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;

/** Turns a rendered URL into a {@link URI}, quoting characters a template put in unescaped (spaces, 北京). */
final class Urls {

    private Urls() {
    }

    /** @throws IllegalArgumentException when the text is not an absolute URL */
    static URI parse(String text) {
        String trimmed = text.trim();
        try {
            URI uri = new URI(trimmed);
            if (uri.isAbsolute()) {
                return URI.create(uri.toASCIIString());
            }
        } catch (URISyntaxException e) {
            // unescaped characters: quote them below
        }
        try {
            URL url = new URL(trimmed);
            URI uri = new URI(url.getProtocol(), url.getUserInfo(), url.getHost(), url.getPort(), url.getPath(),
                    url.getQuery(), url.getRef());
            return URI.create(uri.toASCIIString());
        } catch (MalformedURLException | URISyntaxException e) {
            throw new IllegalArgumentException("not an absolute http(s) URL: " + trimmed, e);
        }
    }
}
