/**
 * The runtime's REST resources, one per concern, records as DTOs, no Vert.x types (the caller comes
 * from {@code security.CurrentCaller}).
 *
 * <p>The threading rule: every resource method is annotated either {@code @NonBlocking} — its body
 * never blocks and it returns a {@code CompletionStage} or {@code Uni} (execute: the measured hot
 * path; runtime info; browser-config; session-close; stop) — or {@code @Blocking} — its body may block
 * (reads files, builds catalogs, compares config fingerprints, starts a workflow) and it runs on a
 * worker, returning a plain value or a stage that completes later. No {@code runSubscriptionOn} or
 * {@code executeBlocking} inside a resource, with one named exception: the audit SSE stream
 * ({@code AuditResource#stream}), whose items come from blocking reads, emits them from the worker
 * pool. {@code ResourceThreadingRuleTest} enforces it.
 */
package org.opencli.service.rest;
