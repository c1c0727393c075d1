/**
 * The runtime path of a record: {@link org.socd.correlator.pipeline.Pipeline} moves raw
 * records through a Disruptor ring, shards that decode each record
 * ({@link org.socd.correlator.pipeline.Decoder}) and run the rules on the event
 * ({@link org.socd.correlator.pipeline.Detector}) on one thread, and one alert stage that
 * hands alerts to an {@link org.socd.correlator.alerts.AlertSink}.
 */
package org.socd.correlator.pipeline;
