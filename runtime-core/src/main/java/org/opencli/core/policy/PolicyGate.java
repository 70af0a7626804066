package org.opencli.core.policy;

import java.util.List;
import org.opencli.core.catalog.EffectiveView;
import org.opencli.core.catalog.Tool;
import org.opencli.core.catalog.views.ToolPattern;
import org.opencli.core.config.LoadedConfig;
import org.opencli.core.config.PolicyConfig;
import org.opencli.core.error.ErrorKind;
import org.opencli.core.error.OcliException;

/**
 * The policy checks of CONTRACT.md §5, in order: managed deny → policy deny → curated/profile view
 * → approval. Each refusal is a 403 with its reason code; nothing refused here reaches the network.
 */
public final class PolicyGate {
    private PolicyGate() {
    }

    public static void check(LoadedConfig config, EffectiveView view, Tool tool, boolean approved) {
        String id = tool.id();
        if (ToolPattern.anyMatches(config.managedDeny(), id)) {
            throw refused("managed_deny", "Denied by managed policy",
                    id + " matches a deny pattern of the managed (administrator) config, which no other scope can lift");
        }
        PolicyConfig policy = config.config().policy();
        if (policy != null && ToolPattern.anyMatches(policy.deny(), id)) {
            throw refused("policy_deny", "Denied by policy", id + " matches policy.deny");
        }
        if (view.tools().stream().noneMatch(t -> t.id().equals(id))) {
            throw refused("curated_deny", "Not in the selected view",
                    id + " is not part of view '" + view.name() + "' (curated tool set / agent profile)");
        }
        List<String> approvalPatterns = policy == null ? null : policy.approvalRequired();
        boolean needsApproval = (tool.safety() != null && tool.safety().requiresApproval())
                || ToolPattern.anyMatches(approvalPatterns, id);
        if (needsApproval && !approved) {
            throw refused("approval_required", "Approval required",
                    id + " requires explicit approval; repeat the call with approval (\"approval\": true)");
        }
    }

    private static OcliException refused(String code, String title, String detail) {
        return new OcliException(ErrorKind.FORBIDDEN, code, title, detail);
    }
}
