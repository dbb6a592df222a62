package dev.agenticchat.notification.otp;

/** A code check that failed; answered 422 with the reason. */
class CodeRejected extends RuntimeException {
    private final Verification.Reason reason;

    CodeRejected(Verification.Reason reason) {
        super(reason.detail());
        this.reason = reason;
    }

    Verification.Reason reason() {
        return reason;
    }
}
