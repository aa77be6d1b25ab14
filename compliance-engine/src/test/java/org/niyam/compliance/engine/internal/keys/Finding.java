package org.niyam.compliance.engine.internal.keys;

/**
 * A type named as one of the model's, in a package of its own, for {@code ConclusionKeysTest}: a DRL file of this
 * package, or importing it on demand, names this type by {@code Finding}, not the model's.
 *
 * @param code what it is called
 */
public record Finding(String code) {
}
