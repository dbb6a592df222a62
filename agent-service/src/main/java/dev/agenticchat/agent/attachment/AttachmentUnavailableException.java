package dev.agenticchat.agent.attachment;

/** chat-service could not hand over an attachment now (unreachable, failing, too slow). */
class AttachmentUnavailableException extends Exception {
    AttachmentUnavailableException(String message) {
        super(message);
    }
}
