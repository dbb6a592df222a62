package dev.agenticchat.agent.credentials;

/**
 * A stored provider credential that cannot be opened: its key is no longer configured, or the
 * ciphertext does not decrypt with it (changed in the database, or copied from another row). The
 * message names the key id, never the key, and is fit to show the tenant's admins.
 */
public class CredentialUnreadableException extends RuntimeException {
    private final String keyId;

    private CredentialUnreadableException(String keyId, String message) {
        super(message);
        this.keyId = keyId;
    }

    static CredentialUnreadableException keyNotConfigured(String keyId) {
        return new CredentialUnreadableException(keyId, "credential unreadable: key " + keyId + " not configured");
    }

    static CredentialUnreadableException doesNotDecrypt(String keyId) {
        return new CredentialUnreadableException(keyId, "credential unreadable: it does not decrypt with key " + keyId
                + " (changed, or copied from another tenant, agent or provider); set it again");
    }

    /** The id of the key the credential was sealed with. */
    public String keyId() {
        return keyId;
    }
}
