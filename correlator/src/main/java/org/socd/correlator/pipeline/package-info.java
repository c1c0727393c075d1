/**
 * The runtime path of a record: {@link org.socd.correlator.pipeline.Pipeline} moves raw
 * records through a Disruptor ring, decode shards ({@link org.socd.correlator.pipeline.Decoder}),
 * detect shards ({@link org.socd.correlator.pipeline.Detector}) and one alert stage that
 * hands alerts to an {@link org.socd.correlator.alerts.AlertSink}.
 */
package org.socd.correlator.pipeline;
