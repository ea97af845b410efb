package io.meshscope.core.render;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The one escaping function for user text in text output. */
class TextSafeTest {
    @Test
    void controlAndBidiCharactersBecomeVisibleEscapes() {
        assertThat(TextSafe.escape("a\u001b[2Jb\nc\rd\te\u0000f\u007fg\u0085h\u202ei\u2066j"))
                .isEqualTo("a\\e[2Jb\\nc\\rd\\te\\u0000f\\u007fg\\u0085h\\u202ei\\u2066j");
    }

    @Test
    void ordinaryTextIncludingNonAsciiIsUnchanged() {
        String s = "reviews.default.svc.cluster.local ✔ é 中文 \\e";
        assertThat(TextSafe.escape(s)).isSameAs(s);
    }

    @Test
    void escapingWholeOutputKeepsOnlyLineFeeds() {
        assertThat(TextSafe.escapeKeepingLines("one\u001b[31m\ntwo\r\n")).isEqualTo("one\\e[31m\ntwo\\r\n");
    }
}
