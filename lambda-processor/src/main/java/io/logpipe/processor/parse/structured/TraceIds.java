package io.logpipe.processor.parse.structured;

/** Normalises trace ids: X-Ray headers ({@code Root=1-5759e988-bd862e3fe1be46a994272793;Parent=...}) give their Root. */
public final class TraceIds {
    private TraceIds() {
    }

    public static String normalise(String value) {
        if (value == null) {
            return null;
        }
        int root = value.indexOf("Root=");
        if (root < 0) {
            return value.trim();
        }
        int end = value.indexOf(';', root);
        return value.substring(root + 5, end < 0 ? value.length() : end).trim();
    }
}
