package dev.agenticchat.notification.otp;

/** A code check that failed, for whatever reason; always answered with the same 422. */
class CodeRejected extends RuntimeException {
    static final String REASON = "invalid_code";
    static final String DETAIL = "The code is not valid for this address; check it or request a new one.";

    CodeRejected() {
        super(DETAIL);
    }
}
