package org.opencli.core.auth;

/** A validator whose valid tokens then pass the runtime's {@link DelegationPolicy}. */
final class DelegationCheckedValidator implements TokenValidator {
    private final TokenValidator inner;
    private final DelegationPolicy policy;

    DelegationCheckedValidator(TokenValidator inner, DelegationPolicy policy) {
        this.inner = inner;
        this.policy = policy;
    }

    @Override
    public ValidatedToken validate(String token) {
        return policy.apply(inner.validate(token));
    }
}
