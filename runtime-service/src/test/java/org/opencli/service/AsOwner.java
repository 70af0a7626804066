package org.opencli.service;

import io.restassured.RestAssured;
import io.restassured.builder.RequestSpecBuilder;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.opencli.service.auth.DaemonAccess;

/**
 * Tests of a loopback daemon without runtime auth call as its owner, the way ocli does: every
 * RestAssured request carries the daemon's owner key ({@code Authorization: Bearer <clientKey>}).
 */
public abstract class AsOwner {
    @Inject
    protected DaemonAccess access;

    @BeforeEach
    void sendOwnerKey() {
        RestAssured.requestSpecification = new RequestSpecBuilder().addHeader("Authorization", ownerAuthorization()).build();
    }

    @AfterEach
    void stopSendingOwnerKey() {
        RestAssured.requestSpecification = null;
    }

    protected String ownerAuthorization() {
        return "Bearer " + access.clientKey();
    }
}
