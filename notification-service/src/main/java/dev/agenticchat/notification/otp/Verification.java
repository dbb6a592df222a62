package dev.agenticchat.notification.otp;

/** The answer to a code check: verified, or rejected with a reason a client can act on. */
sealed interface Verification {
    record Verified(String emailNormalized) implements Verification {
    }

    record Rejected(Reason reason) implements Verification {
    }

    enum Reason {
        INVALID_CODE("invalid_code", "The code is not valid for this address."),
        EXPIRED("expired", "The code has expired; request a new one."),
        USED("used", "The code has already been used; request a new one."),
        TOO_MANY_ATTEMPTS("too_many_attempts", "Too many wrong codes; request a new one.");

        private final String id;
        private final String detail;

        Reason(String id, String detail) {
            this.id = id;
            this.detail = detail;
        }

        String id() {
            return id;
        }

        String detail() {
            return detail;
        }
    }
}
