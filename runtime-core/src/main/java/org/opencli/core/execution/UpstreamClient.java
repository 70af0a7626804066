package org.opencli.core.execution;

import java.util.concurrent.CompletionStage;

/**
 * Sends rendered requests without blocking the caller. The daemon supplies a Vert.x web client;
 * embedded mode the JDK's HttpClient. A connection-level failure completes the stage exceptionally
 * with {@link UpstreamConnectException}.
 */
public interface UpstreamClient extends AutoCloseable {
    CompletionStage<UpstreamResponse> send(UpstreamRequest request);

    @Override
    default void close() {
    }
}
