package org.socd.rules.sigma;

/** What one Sigma file holds that socd evaluates: a detection rule or a meta filter. */
public sealed interface SigmaDocument permits SigmaRule, SigmaFilter {}
