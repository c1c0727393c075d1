package org.socd.correlator.pipeline;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashMap;
import java.util.Map;

/**
 * The counters of one name, one per tag value, cached so the hot path does a map lookup
 * instead of a registry lookup. Not thread-safe: each stage thread owns its own instance
 * (the registry hands them all the same underlying counter).
 */
final class TaggedCounters {

    private final MeterRegistry registry;
    private final String name;
    private final String description;
    private final String tagKey;
    private final Map<String, Counter> counters = new HashMap<>();

    TaggedCounters(MeterRegistry registry, String name, String description, String tagKey) {
        this.registry = registry;
        this.name = name;
        this.description = description;
        this.tagKey = tagKey;
    }

    void increment(String tagValue) {
        String value = tagValue == null ? "unknown" : tagValue;
        counters.computeIfAbsent(value, this::counter).increment();
    }

    /**
     * Creates the series for a tag value at zero, so dashboards and rate alerts see it before
     * the first increment. Thread-safe: it goes to the registry, not to this instance's cache.
     */
    void preRegister(String tagValue) {
        counter(tagValue);
    }

    private Counter counter(String tagValue) {
        return Counter.builder(name).description(description).tag(tagKey, tagValue).register(registry);
    }
}
