package dev.agenticchat.contracts;

/**
 * CloudEvents 1.0 Kafka protocol binding, binary content mode: every attribute is a
 * {@code ce_}-prefixed record header and the record value is the JSON {@code data}.
 * Generic tooling can route on the headers without parsing the payload.
 */
public final class CloudEventHeaders {
    public static final String SPEC_VERSION_VALUE = "1.0";
    public static final String CONTENT_TYPE_VALUE = "application/json";

    public static final String ID = "ce_id";
    public static final String SOURCE = "ce_source";
    public static final String TYPE = "ce_type";
    public static final String SPEC_VERSION = "ce_specversion";
    public static final String TIME = "ce_time";
    public static final String SUBJECT = "ce_subject";
    public static final String CONTENT_TYPE = "content-type";
    /** Extension attributes (lower-case alphanumerics, as the spec requires). */
    public static final String TENANT_ID = "ce_tenantid";
    public static final String USER_ID = "ce_userid";
    public static final String THREAD_ID = "ce_threadid";
    /**
     * The CloudEvents distributed tracing extension: the W3C Trace Context of the operation that
     * produced the event ({@code traceparent}, and {@code tracestate} when there is one).
     */
    public static final String TRACE_PARENT = "ce_traceparent";
    public static final String TRACE_STATE = "ce_tracestate";

    /** Added by a consumer that parks a record on {@code <topic>.dlq}. */
    public static final String DLQ_ERROR = "dlq_error";
    public static final String DLQ_CONSUMER = "dlq_consumer";
    public static final String DLQ_ORIGIN = "dlq_origin";

    private CloudEventHeaders() {
    }
}
