package dev.agenticchat.notification.otp;

/**
 * The answer to a code check: verified, or rejected. A rejection never says why (wrong, used,
 * expired, unknown, too many tries, locked out): to someone who does not hold the code, any
 * difference would be a hint worth probing for.
 */
sealed interface Verification {
    Rejected REJECTED = new Rejected();

    record Verified(String emailNormalized) implements Verification {
    }

    record Rejected() implements Verification {
    }
}
