package io.logpipe.ingest.events;

/**
 * Input the API refuses, with the HTTP status to answer and a message that says where the problem is (line or
 * array index, field) so the client can fix it. Nothing of a rejected request is published.
 */
public final class RejectedInput extends Exception {
    /** Why, as a metrics label and the {@code reason} of the error body. */
    public enum Reason {
        MALFORMED(400, "malformed"),
        TOO_LARGE(413, "too_large"),
        UNSUPPORTED_MEDIA_TYPE(415, "unsupported_media_type");

        private final int status;
        private final String label;

        Reason(int status, String label) {
            this.status = status;
            this.label = label;
        }

        public int status() {
            return status;
        }

        public String label() {
            return label;
        }
    }

    private final Reason reason;

    public RejectedInput(Reason reason, String message) {
        super(message, null, false, false);   // expected outcome of bad input: no stack trace needed
        this.reason = reason;
    }

    public static RejectedInput malformed(String message) {
        return new RejectedInput(Reason.MALFORMED, message);
    }

    public static RejectedInput tooLarge(String message) {
        return new RejectedInput(Reason.TOO_LARGE, message);
    }

    public Reason reason() {
        return reason;
    }
}
