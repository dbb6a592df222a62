package dev.agenticchat.gateway.auth;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.util.Optional;
import java.util.UUID;

/** Users as other services may see them: kind and, for a linked person, the email address. */
@Singleton
public class PersonService {
    private final UserRepository users;

    PersonService(UserRepository users) {
        this.users = users;
    }

    @Transactional(readOnly = true)
    public Optional<Person> find(UUID id) {
        Optional<User> user = users.findById(id);
        if (user.isPresent() && user.get().retired()) {
            user = users.findById(user.get().mergedInto());
        }
        return user.map(u -> new Person(u.id(), u.tenantId(), u.kind(), u.anonymous() ? null : u.email()));
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Person(UUID id, UUID tenantId, String kind, @Nullable String email) {
    }
}
