package org.opencli.core.execution;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** How a dry run shows a body: UTF-8 text as is, anything else as {@code base64:<data>}. */
final class RenderedBody {
    private RenderedBody() {
    }

    static String describe(byte[] body, String contentType) {
        if (body == null) return null;
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            return "base64:" + Base64.getEncoder().encodeToString(body);
        }
    }
}
