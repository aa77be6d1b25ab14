package org.niyam.compliance.engine;

import org.junit.jupiter.api.Test;

class ScratchProbeTest {
    static void show(String name, String drl) {
        try {
            ComplianceEngine.builder().rulePack(RulePack.drl(name, drl)).build();
            System.out.println("PROBE " + name + ": built fine");
        } catch (RulePackException e) {
            System.out.println("PROBE " + name + ":\n" + e.getMessage());
        }
    }
    @Test
    void probe() {
        show("unknown-type.drl", """
            package org.niyam.test.x;

            import org.niyam.compliance.model.ComplaintReceived;

            rule "x.a"
                @citation("S 1")
            when
                $c : Complant()
            then
            end
            """);
        show("unknown-import.drl", """
            package org.niyam.test.y;

            import org.niyam.compliance.model.Complant;

            rule "y.a"
                @citation("S 1")
            when
                $c : Complant()
            then
            end
            """);
        show("unknown-method.drl", """
            package org.niyam.test.z;

            import org.niyam.compliance.model.ComplaintReceived;
            import org.niyam.compliance.model.Duty;

            rule "z.a"
                @citation("S 1")
            when
                $c : ComplaintReceived()
            then
                insert(new Duty("k", "w", $c.colour(), $c));
            end
            """);
        show("bad-ctor.drl", """
            package org.niyam.test.w;

            import org.niyam.compliance.model.ComplaintReceived;
            import org.niyam.compliance.model.Duty;

            rule "w.a"
                @citation("S 1")
            when
                $c : ComplaintReceived()
            then
                insert(new Duty("k", "w", $c));
            end
            """);
        show("bad-compare.drl", """
            package org.niyam.test.v;

            import org.niyam.compliance.model.ComplaintReceived;

            rule "v.a"
                @citation("S 1")
            when
                $c : ComplaintReceived(at == "yesterday", category == "BIG")
            then
            end
            """);
    }
}
