package io.meshscope.core.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshscope.core.model.HttpMatch;
import io.meshscope.core.model.StringMatch;
import io.meshscope.core.model.VirtualService;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** istiod's delegate match rules ({@code stringMatchConflict}, {@code hasConflict}, {@code mergeHTTPMatchRequest}). */
class DelegateMergerTest {
    private static VirtualService.Match match(String name, StringMatch uri, Map<String, StringMatch> headers) {
        return new VirtualService.Match("", "", "", "", 0, new HttpMatch(name, uri, null, null, null, headers,
                Map.of(), Map.of(), false, Map.of(), List.of(), "", List.of()));
    }

    @Test
    void stringMatchConflictAcceptsOnlyNarrowerDelegateMatches() {
        assertThat(DelegateMerger.conflict(null, StringMatch.exact("/a"))).isFalse();
        assertThat(DelegateMerger.conflict(StringMatch.prefix("/a"), StringMatch.prefix("/a/b"))).isFalse();
        assertThat(DelegateMerger.conflict(StringMatch.prefix("/a"), StringMatch.exact("/a/x"))).isFalse();
        assertThat(DelegateMerger.conflict(StringMatch.exact("/a"), StringMatch.exact("/a"))).isFalse();
        assertThat(DelegateMerger.conflict(StringMatch.prefix("/a/b"), StringMatch.prefix("/a"))).isTrue();
        assertThat(DelegateMerger.conflict(StringMatch.exact("/a"), StringMatch.prefix("/a"))).isTrue();
        assertThat(DelegateMerger.conflict(StringMatch.regex("/a.*"), StringMatch.prefix("/a"))).isTrue();
        assertThat(DelegateMerger.conflict(StringMatch.prefix("/a"), StringMatch.regex("/a.*"))).isTrue();
        assertThat(DelegateMerger.conflict(StringMatch.PRESENT, StringMatch.exact("x"))).isTrue();
    }

    @Test
    void mergedMatchesJoinNamesAndLetTheDelegateOverrideHeaders() {
        VirtualService.Match root = match("root", StringMatch.prefix("/api"),
                Map.of("x-a", StringMatch.exact("1"), "x-b", StringMatch.exact("r")));
        VirtualService.Match leaf = match("leaf", null, Map.of("x-b", StringMatch.exact("r")));
        assertThat(DelegateMerger.hasConflict(root, leaf)).isFalse();
        VirtualService.Match m = DelegateMerger.mergeMatch(root, leaf);
        assertThat(m.http().name()).isEqualTo("root-leaf");
        assertThat(m.http().uri()).isEqualTo(StringMatch.prefix("/api"));
        assertThat(m.uriPrefix()).isEqualTo("/api");
        assertThat(m.http().headers()).containsOnlyKeys("x-a", "x-b");
        assertThat(DelegateMerger.hasConflict(root, match("", null, Map.of("x-b", StringMatch.exact("other")))))
                .isTrue();
    }
}
