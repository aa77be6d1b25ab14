package org.niyam.compliance.pack;

/**
 * What an engine knows of one of its rules, for coverage, documentation and tools. Immutable.
 *
 * @param id          the rule's name in its DRL, unique across all packs of the engine
 * @param clause      the clause its {@code @citation} names
 * @param instrument  its {@code @instrument}, or its pack's instrument
 * @param pack        the id of its pack
 * @param origin      the DRL file it is in
 * @param line        the line of its declaration
 * @param unconfirmed its {@code @unconfirmed} note, or {@code null} when the law's text confirms its reading
 */
public record RuleDescription(String id, String clause, String instrument, String pack, String origin, int line,
                              String unconfirmed) {
}
