package io.logpipe.processor.redact;

import io.logpipe.processor.model.LogEvent;

import java.util.Map;

/**
 * The redact stage: runs the {@link Redactor} over every free-text field of a document and over all of its
 * attributes (by key, then by value). It is the only stage after which unredacted values may not exist.
 */
public final class DocumentRedactor {
    private final Redactor redactor;

    public DocumentRedactor(Redactor redactor) {
        this.redactor = redactor;
    }

    public void redact(LogEvent e) {
        e.message = redactor.redactText(e.message);
        if (e.error != null) {
            e.error.message = text(e.error.message);
            e.error.stackTrace = text(e.error.stackTrace);
        }
        if (e.http != null) {
            e.http.path = text(e.http.path);
            e.http.query = text(e.http.query);
            e.http.referrer = text(e.http.referrer);
        }
        if (e.attributes != null) {
            for (Map.Entry<String, Object> field : e.attributes.entrySet()) {
                field.setValue(redactor.redactValue(field.getKey(), field.getValue()));
            }
        }
    }

    private String text(String s) {
        return s == null ? null : redactor.redactText(s);
    }
}
