package org.opencli.service.auth;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;

/** A daemon whose config validates tokens by introspection (see {@link IntrospectionWorld}). */
public class IntrospectionProfile implements QuarkusTestProfile {
    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(IntrospectionWorld.class, java.util.Map.of(), true));
    }
}
