package org.opencli.core.catalog;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** Safety hints: method defaults merged with {@code x-cli-safety} and {@code policy.approvalRequired}. */
@JsonPropertyOrder({"destructive", "readOnly", "requiresApproval", "idempotent"})
public record Safety(boolean destructive, boolean readOnly, boolean requiresApproval, boolean idempotent) {

    public Safety withRequiresApproval(boolean value) {
        return new Safety(destructive, readOnly, value, idempotent);
    }
}
