package io.meshscope.decode;

/**
 * An input could not be read at all (missing path, permission denied, I/O failure): a usage error, not a
 * finding about content. Bad content never throws; it becomes a {@link io.meshscope.core.model.Diagnostic}.
 */
public class InputException extends Exception {
    private static final long serialVersionUID = 1L;

    public InputException(String message) {
        super(message);
    }

    public InputException(String message, Throwable cause) {
        super(message, cause);
    }
}
