package org.opencli.core.secrets;

/** A secret could not be produced; the message says why and never contains a secret value. */
public class SecretUnresolvedException extends RuntimeException {
    public SecretUnresolvedException(String reason) {
        super(reason);
    }
}
