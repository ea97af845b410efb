package io.meshscope.kube;

/** The API server could not be reached or refused a read; the message says which and what to check. */
public final class KubeException extends RuntimeException {
    public KubeException(String message, Throwable cause) {
        super(message, cause);
    }

    static KubeException of(String what, Throwable cause) {
        String reason = cause.getMessage() == null ? cause.toString() : cause.getMessage();
        if (cause instanceof io.fabric8.kubernetes.client.KubernetesClientException k) {
            if (k.getCode() == 401) {
                reason = "unauthorized: the credentials were rejected (" + reason + ")";
            } else if (k.getCode() == 403) {
                reason = "forbidden: the credentials may not get, list and watch it; deploy/ lists the "
                        + "permissions meshscope needs (" + reason + ")";
            }
        }
        return new KubeException("cannot " + what + ": " + reason, cause);
    }
}
