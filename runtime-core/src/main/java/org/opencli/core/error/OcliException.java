package org.opencli.core.error;

import java.util.List;

/**
 * Base of every failure the engine reports to a caller. Carries a stable machine code (e.g.
 * {@code invalid_config}, {@code unknown_tool}), a kind that decides HTTP status / exit code, a
 * one-line title and optional located items. Mapped once to problem+json by the service and to an
 * exit code by the CLI.
 */
public class OcliException extends RuntimeException {
    private final String code;
    private final ErrorKind kind;
    private final String title;
    private final List<ProblemItem> items;
    private String reason;
    private String requiredScope;

    public OcliException(ErrorKind kind, String code, String title, String detail) {
        this(kind, code, title, detail, List.of(), null);
    }

    public OcliException(ErrorKind kind, String code, String title, String detail, List<ProblemItem> items) {
        this(kind, code, title, detail, items, null);
    }

    public OcliException(ErrorKind kind, String code, String title, String detail, List<ProblemItem> items, Throwable cause) {
        super(detail, cause);
        this.kind = kind;
        this.code = code;
        this.title = title;
        this.items = items == null ? List.of() : List.copyOf(items);
    }

    public String code() {
        return code;
    }

    public ErrorKind kind() {
        return kind;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return getMessage();
    }

    public List<ProblemItem> items() {
        return items;
    }

    /** Why a token was refused (401 {@code unauthenticated}); null for other failures. */
    public String reason() {
        return reason;
    }

    /** The grant that would allow the refused call (403 {@code insufficient_scope}); null otherwise. */
    public String requiredScope() {
        return requiredScope;
    }

    /** Adds the auth members of the problem body; returns this exception for throwing. */
    public OcliException withAuthDetail(String reasonValue, String requiredScopeValue) {
        this.reason = reasonValue;
        this.requiredScope = requiredScopeValue;
        return this;
    }

    /** The RFC 9457 body for this failure. */
    public Problem toProblem() {
        return Problem.of(this);
    }
}
