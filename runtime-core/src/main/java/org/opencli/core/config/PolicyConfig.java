package org.opencli.core.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * {@code policy}. The managed scope's denies are NOT merged in here: they are kept apart in
 * {@link LoadedConfig#managedDeny()} so no other scope can weaken them.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PolicyConfig(List<String> deny, List<String> approvalRequired, Boolean allowExecSecrets) {
}
