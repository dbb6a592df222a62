package dev.agenticchat.notification.email;

/** A mail ready to send: subject, HTML body and its plain-text alternative. */
record RenderedMail(String subject, String html, String text) {
}
