package org.opencli.service.auth;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;

/** A daemon whose config sets runtime.server.auth (see {@link AuthWorld}). */
public class AuthProfile implements QuarkusTestProfile {
    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(AuthWorld.class, java.util.Map.of(), true));
    }
}
