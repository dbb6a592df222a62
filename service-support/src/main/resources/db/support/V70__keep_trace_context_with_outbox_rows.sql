-- The W3C trace context current when the event was written, put on the record by the relay
-- (ce_traceparent / ce_tracestate), so the consumer's work joins the trace that caused it.
ALTER TABLE outbox ADD COLUMN traceparent TEXT, ADD COLUMN tracestate TEXT;
