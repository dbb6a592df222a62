package dev.agenticchat.gateway.auth;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

@Factory
class SigningKeysFactory {
    private static final Logger LOG = LoggerFactory.getLogger(SigningKeysFactory.class);

    /** Eager: generating or reading the key at startup keeps it off request threads and puts any warning at boot. */
    @Context
    SigningKeys signingKeys(AuthSettings settings) {
        String file = settings.signingKeyFile();
        if (file == null || file.isBlank()) {
            LOG.warn("JWT_SIGNING_KEY_FILE is not set: signing tokens with a key generated for this process. "
                    + "Tokens will not survive a restart and will not work across replicas.");
            return SigningKeys.generate();
        }
        return SigningKeys.fromFile(Path.of(file));
    }
}
