package io.campaignpilot.it;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;

/**
 * A second member of legal-reviewers next to the demo user lena, because a claim or policy lena submits must be
 * approved by someone else. Created through Camunda's identity service, with the demo password.
 */
final class SecondLegalReviewer {
    static final String ID = "lara";

    private SecondLegalReviewer() {
    }

    static String ensure(IdentityService identity) {
        if (identity.createUserQuery().userId(ID).count() == 0) {
            User user = identity.newUser(ID);
            user.setFirstName("Lara");
            user.setLastName("Legal");
            user.setEmail(ID + "@harborandpine.example");
            user.setPassword(ApiTestBase.PASSWORD);
            identity.saveUser(user);
        }
        if (identity.createUserQuery().userId(ID).memberOfGroup("legal-reviewers").count() == 0) {
            identity.createMembership(ID, "legal-reviewers");
        }
        return ID;
    }

    /** The path a legal reviewer posts to, to approve or reject a version. */
    static String decision(String docId, int version, String verb) {
        return "/api/knowledge/documents/" + docId + "/versions/" + version + "/" + verb;
    }
}
