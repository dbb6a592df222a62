package dev.agenticchat.notification.otp;

import java.util.Arrays;
import java.util.Optional;

/** What a one-time code allows; a code proves nothing for another purpose. */
enum Purpose {
    LINK_SESSION("link_session"), DELETE_DATA("delete_data");

    private final String id;

    Purpose(String id) {
        this.id = id;
    }

    String id() {
        return id;
    }

    static Optional<Purpose> of(String id) {
        return Arrays.stream(values()).filter(p -> p.id.equals(id)).findFirst();
    }
}
