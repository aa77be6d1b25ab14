package org.niyam.compliance.engine;

import org.junit.jupiter.api.Test;

class ScratchTest {
    static String drl(String pkg, String body) {
        return "package " + pkg + ";\n"
                + "\n"
                + "import org.niyam.compliance.model.ComplaintReceived;\n"
                + "import org.niyam.compliance.model.Duty;\n"
                + "\n"
                + body;
    }

    @Test
    void show() {
        String syntax = drl("t.syntax", "rule \"s.broken\"\n    @citation(\"S 1\")\nwhen\n    $c : ComplaintReceived(id == )\nthen\nend\n");
        String type = drl("t.type", "rule \"s.type\"\n    @citation(\"S 1\")\nwhen\n    $c : ComplaintReceived(colour == \"red\")\nthen\nend\n");
        String conseq = drl("t.conseq", "rule \"s.conseq\"\n    @citation(\"S 1\")\nwhen\n    $c : ComplaintReceived()\nthen\n    String s = $c.colour();\nend\n");
        for (String text : new String[] {syntax, type, conseq}) {
            try {
                ComplianceEngine.builder().rulePack(RulePack.drl("x.drl", text)).build();
                System.out.println("BUILT");
            } catch (RulePackException e) {
                System.out.println(e.getMessage());
                System.out.println(e.problems());
            }
        }
        try {
            ComplianceEngine.builder().rulePack(RulePack.drl("a.drl", syntax)).rulePack(RulePack.drl("b.drl", type)).rulePack(RulePack.drl("c.drl", conseq)).build();
        } catch (RulePackException e) {
            System.out.println(e.getMessage());
        }
    }
}
