package dev.agenticchat.support.kafka;

/** Where a consumed record sits: its topic, partition and offset. */
public record RecordPosition(String topic, int partition, long offset) {
}
