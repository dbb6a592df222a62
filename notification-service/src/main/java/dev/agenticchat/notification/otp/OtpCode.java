package dev.agenticchat.notification.otp;

import java.time.Instant;
import java.util.UUID;

/** A row of otp_codes; never leaves the service. */
record OtpCode(UUID id, String codeHash, String status, int failedAttempts, Instant expiresAt) {
    static final String LIVE = "live";
    static final String USED = "used";
    static final String SUPERSEDED = "superseded";
    static final String DEAD = "dead";
}
