package org.niyam.compliance.india;

/**
 * The rank of the officer who signed an intimation. From the 2025 amendment a government intimation counts only
 * from a Joint Secretary or above (a Director where no Joint Secretary is appointed), a police intimation only
 * from a Deputy Inspector General or above who is specifically authorised.
 */
public enum IssuerRank {
    SECRETARY(Service.CIVIL, 4),
    ADDITIONAL_SECRETARY(Service.CIVIL, 3),
    JOINT_SECRETARY(Service.CIVIL, 2),
    DIRECTOR(Service.CIVIL, 1),
    BELOW_DIRECTOR(Service.CIVIL, 0),
    DIRECTOR_GENERAL_OF_POLICE(Service.POLICE, 4),
    ADDITIONAL_DIRECTOR_GENERAL_OF_POLICE(Service.POLICE, 3),
    INSPECTOR_GENERAL_OF_POLICE(Service.POLICE, 2),
    DEPUTY_INSPECTOR_GENERAL_OF_POLICE(Service.POLICE, 1),
    BELOW_DEPUTY_INSPECTOR_GENERAL(Service.POLICE, 0);

    /** Civil service ranks and police ranks are compared only within their own service. */
    public enum Service {
        CIVIL,
        POLICE
    }

    private final Service service;
    private final int level;

    IssuerRank(Service service, int level) {
        this.service = service;
        this.level = level;
    }

    public Service service() {
        return service;
    }

    /** Whether this rank is the other or above it, in the same service. */
    public boolean atLeast(IssuerRank other) {
        return service == other.service && level >= other.level;
    }
}
