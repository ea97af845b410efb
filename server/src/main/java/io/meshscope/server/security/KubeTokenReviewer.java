package io.meshscope.server.security;

import io.fabric8.kubernetes.api.model.authentication.TokenReview;
import io.fabric8.kubernetes.api.model.authentication.TokenReviewBuilder;
import io.fabric8.kubernetes.api.model.authentication.TokenReviewStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.List;

/** {@link TokenReviewer} through the API server's {@code authentication.k8s.io/v1} TokenReview (fabric8). */
public final class KubeTokenReviewer implements TokenReviewer {
    private final KubernetesClient client;

    public KubeTokenReviewer(KubernetesClient client) {
        this.client = client;
    }

    @Override
    public Review review(String token, List<String> audiences) throws AuthenticationFailure {
        TokenReview request = new TokenReviewBuilder().withNewSpec().withToken(token).withAudiences(audiences)
                .endSpec().build();
        TokenReview answer;
        try {
            answer = client.authentication().v1().tokenReviews().create(request);
        } catch (KubernetesClientException e) {
            throw new AuthenticationFailure("the token review failed (HTTP " + e.getCode() + "): " + e.getMessage());
        }
        TokenReviewStatus status = answer == null ? null : answer.getStatus();
        if (status == null) {
            throw new AuthenticationFailure("the token review came back without a status");
        }
        return new Review(Boolean.TRUE.equals(status.getAuthenticated()),
                status.getUser() == null || status.getUser().getUsername() == null ? "" : status.getUser().getUsername(),
                status.getAudiences() == null ? List.of() : status.getAudiences(),
                status.getError() == null ? "" : status.getError());
    }
}
