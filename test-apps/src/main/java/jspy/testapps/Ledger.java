package jspy.testapps;

/** A lock object with a name people would give it, for the wait-target scenario's monitor. */
final class Ledger {
}
