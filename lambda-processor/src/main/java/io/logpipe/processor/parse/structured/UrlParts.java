package io.logpipe.processor.parse.structured;

/** Splits a request target or absolute URL into path and query, without allocating a URI. */
public final class UrlParts {
    private UrlParts() {
    }

    /** The path, without scheme, host or query: {@code https://h/a/b?x=1} gives {@code /a/b}. */
    public static String path(String url) {
        int start = 0;
        int scheme = url.indexOf("://");
        if (scheme > 0 && scheme < 10) {
            int slash = url.indexOf('/', scheme + 3);
            if (slash < 0) {
                return "/";
            }
            start = slash;
        }
        int q = url.indexOf('?', start);
        int end = q < 0 ? url.length() : q;
        int hash = url.indexOf('#', start);
        if (hash >= 0 && hash < end) {
            end = hash;
        }
        return start == 0 && end == url.length() ? url : url.substring(start, end);
    }

    /** The query without {@code ?}, or null when there is none. */
    public static String query(String url) {
        int q = url.indexOf('?');
        if (q < 0 || q + 1 >= url.length()) {
            return null;
        }
        int hash = url.indexOf('#', q);
        return url.substring(q + 1, hash < 0 ? url.length() : hash);
    }
}
