package org.niyam.compliance.rules.india;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.niyam.compliance.engine.ComplianceEngine;
import org.niyam.compliance.engine.RulePack;

/** The India pack is Niyam's own and loads unrestricted, yet uses nothing that restricted mode refuses. */
class TrustModelTest {

    private static final String INDIA = "org/niyam/compliance/rules/india";

    @Test
    void the_india_pack_on_the_classpath_is_unrestricted() {
        assertThat(RulePack.classpath(INDIA).restricted()).isFalse();
    }

    @Test
    void the_india_pack_passes_the_restricted_check_when_loaded_as_a_users_folder() throws URISyntaxException {
        Path folder = Path.of(TrustModelTest.class.getClassLoader().getResource(INDIA + "/pack.yaml").toURI())
                .getParent();
        RulePack asUsers = RulePack.directory(folder);

        assertThat(asUsers.restricted()).isTrue();
        assertThatCode(() -> ComplianceEngine.builder().rulePack(asUsers).build()).doesNotThrowAnyException();
    }
}
