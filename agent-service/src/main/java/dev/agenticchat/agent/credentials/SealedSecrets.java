package dev.agenticchat.agent.credentials;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A table of secrets sealed by {@link CredentialCipher}, as key rotation sees it: each such table is
 * a bean, and {@link CredentialRotation} re-seals its rows of older keys with the active one.
 * Callers run these inside their transaction.
 */
public interface SealedSecrets {

    /** What a row holds, for log lines: {@code provider credential}, {@code MCP server header set}. */
    String kind();

    /**
     * Up to {@code limit} rows after {@code after} (by id) sealed with one of {@code keyIds}, locked;
     * rows another replica holds are skipped, not waited for.
     */
    List<Row> sealedWithForUpdate(Collection<String> keyIds, UUID after, int limit);

    void reseal(UUID id, CredentialCipher.Sealed sealed);

    /** How many rows each key id outside {@code configured} sealed. */
    Map<String, Long> countSealedWithOther(Collection<String> configured);

    /** One sealed row: {@code additionalData} is what it was sealed for, {@code description} names it in logs (never a secret). */
    record Row(UUID id, CredentialCipher.Sealed sealed, byte[] additionalData, String description) {
    }
}
