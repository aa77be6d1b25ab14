package org.niyam.compliance.india;

/**
 * The rank of the officer who signed an intimation. From the 2025 amendment a government intimation counts only
 * from a Joint Secretary or above (a Director where no Joint Secretary is appointed), a police intimation only
 * from a Deputy Inspector General or above who is specifically authorised.
 */
public enum IssuerRank {
    /** Secretary to the Government of India or of a State, the highest civil rank. */
    SECRETARY(Service.CIVIL, 4),
    /** Additional Secretary: above a Joint Secretary. */
    ADDITIONAL_SECRETARY(Service.CIVIL, 3),
    /** Joint Secretary, the lowest civil rank whose intimation counts from the 2025 amendment. */
    JOINT_SECRETARY(Service.CIVIL, 2),
    /** Director: counts only where the issuing body has no Joint Secretary. */
    DIRECTOR(Service.CIVIL, 1),
    /** Any civil rank below Director: such an intimation does not count. */
    BELOW_DIRECTOR(Service.CIVIL, 0),
    /** Director General of Police, the highest police rank. */
    DIRECTOR_GENERAL_OF_POLICE(Service.POLICE, 4),
    /** Additional Director General of Police. */
    ADDITIONAL_DIRECTOR_GENERAL_OF_POLICE(Service.POLICE, 3),
    /** Inspector General of Police. */
    INSPECTOR_GENERAL_OF_POLICE(Service.POLICE, 2),
    /** Deputy Inspector General of Police, the lowest rank whose intimation counts, if specifically authorised. */
    DEPUTY_INSPECTOR_GENERAL_OF_POLICE(Service.POLICE, 1),
    /** Any police rank below Deputy Inspector General: such an intimation does not count. */
    BELOW_DEPUTY_INSPECTOR_GENERAL(Service.POLICE, 0);

    /** Civil service ranks and police ranks are compared only within their own service. */
    public enum Service {
        /** The ranks of a ministry or department of the government. */
        CIVIL,
        /** The ranks of the police. */
        POLICE
    }

    private final Service service;
    private final int level;

    IssuerRank(Service service, int level) {
        this.service = service;
        this.level = level;
    }

    /** {@return the service the rank belongs to, within which ranks compare} */
    public Service service() {
        return service;
    }

    /**
     * Whether this rank is the other or above it, in the same service.
     *
     * @param other the rank to compare with, such as {@link #JOINT_SECRETARY}
     * @return {@code true} when both are of one service and this rank is not below the other; {@code false} for ranks
     *         of different services
     */
    public boolean atLeast(IssuerRank other) {
        return service == other.service && level >= other.level;
    }
}
