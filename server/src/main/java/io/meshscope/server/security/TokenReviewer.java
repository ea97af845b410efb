package io.meshscope.server.security;

import java.util.List;

/** Asks the cluster whether a bearer token is valid (the TokenReview API), for whom and for which audiences. */
public interface TokenReviewer {
    /**
     * The review of {@code token} for {@code audiences}.
     *
     * @throws AuthenticationFailure when the review cannot be made (API server unreachable, forbidden)
     */
    Review review(String token, List<String> audiences) throws AuthenticationFailure;

    /**
     * The API server's answer.
     *
     * @param authenticated whether the token is valid for one of the audiences
     * @param username the user it belongs to ({@code system:serviceaccount:NS:SA} for a service account)
     * @param audiences the audiences it is valid for
     * @param error the API server's reason when not authenticated (may be empty)
     */
    record Review(boolean authenticated, String username, List<String> audiences, String error) {
    }
}
