package io.meshscope.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FieldLocationMapTest {
    private static Map<String, SourceLocation> sample() {
        Map<String, SourceLocation> m = new HashMap<>();
        m.put("spec.egress[0].hosts[0]", new SourceLocation("a.yaml", 12, 9));
        m.put("spec.egress[0].hosts", new SourceLocation("a.yaml", 11, 7));
        m.put("metadata.name", new SourceLocation("a.yaml", 4, 9));
        return m;
    }

    @Test
    void theCompactMapAnswersAndComparesAsTheMapItWasMadeFrom() {
        Map<String, SourceLocation> plain = sample();
        FieldLocationMap compact = FieldLocationMap.copyOf(plain);
        assertThat(compact).isEqualTo(plain).hasSameHashCodeAs(plain).hasSize(3);
        assertThat(plain).isEqualTo(compact);
        assertThat(compact.get("spec.egress[0].hosts[0]")).isEqualTo(new SourceLocation("a.yaml", 12, 9));
        assertThat(compact.get("spec.egress[1]")).isNull();
        assertThat(compact.containsKey("metadata.name")).isTrue();
        assertThat(FieldLocationMap.copyOf(sample())).isEqualTo(compact);
    }

    @Test
    void objectMetaKeepsTheCompactMapAndLocatesThroughIt() {
        FieldLocationMap compact = FieldLocationMap.copyOf(sample());
        ObjectMeta meta = new ObjectMeta(new ResourceId("Sidecar", "ns", "s"), Map.of(), Map.of(), 0,
                new SourceLocation("a.yaml", 1, 1), compact);
        assertThat(meta.fieldLocations()).isSameAs(compact);
        assertThat(meta.locate("spec.egress[0].hosts[3]")).isEqualTo(new SourceLocation("a.yaml", 11, 7));
    }

    @Test
    void aMapBuiltFromUnsortedArraysEqualsOneCopiedFromAMap() {
        FieldLocationMap fromArrays = FieldLocationMap.ofUnsorted("a.yaml",
                new String[] {"spec.egress[0].hosts[0]", "spec.egress[0].hosts", "metadata.name"},
                new long[] {FieldLocationMap.place(12, 9), FieldLocationMap.place(11, 7), FieldLocationMap.place(4, 9)});
        assertThat(fromArrays).isEqualTo(FieldLocationMap.copyOf(sample())).isEqualTo(sample());
        assertThat(fromArrays.get("spec.egress[0].hosts")).isEqualTo(new SourceLocation("a.yaml", 11, 7));
    }

    @Test
    void aPathGivenTwiceKeepsItsLaterPlace() {
        FieldLocationMap twice = FieldLocationMap.ofUnsorted("a.yaml", new String[] {"b", "a", "b"},
                new long[] {FieldLocationMap.place(1, 1), FieldLocationMap.place(2, 1), FieldLocationMap.place(3, 1)});
        assertThat(twice).hasSize(2);
        assertThat(twice.get("b")).isEqualTo(new SourceLocation("a.yaml", 3, 1));
    }

    @Test
    void oneLayoutPlacesEveryObjectOfItsShapeAndFitsOnlyItsOwnPaths() {
        String[] paths = {"spec.egress[0].hosts[0]", "spec.egress[0].hosts", "metadata.name", "ignored"};
        FieldLocationMap.Layout layout = FieldLocationMap.Layout.of(paths, 3);
        assertThat(layout.fits(paths, 3)).isTrue();
        assertThat(layout.fits(paths, 4)).isFalse();
        assertThat(layout.fits(new String[] {"spec.egress[0].hosts[0]", "spec.egress[0].hosts", "metadata.nam"}, 3))
                .isFalse();
        FieldLocationMap first = layout.place("a.yaml",
                new long[] {FieldLocationMap.place(12, 9), FieldLocationMap.place(11, 7), FieldLocationMap.place(4, 9)});
        FieldLocationMap second = layout.place("b.yaml",
                new long[] {FieldLocationMap.place(2, 1), FieldLocationMap.place(3, 1), FieldLocationMap.place(4, 1)});
        assertThat(first).isEqualTo(sample());
        assertThat(second.get("metadata.name")).isEqualTo(new SourceLocation("b.yaml", 4, 1));
        assertThat(second.get("spec.egress[0].hosts[0]")).isEqualTo(new SourceLocation("b.yaml", 2, 1));
    }

    @Test
    void locationsInDifferentFilesAreNotCompacted() {
        Map<String, SourceLocation> m = sample();
        m.put("other", new SourceLocation("b.yaml", 1, 1));
        assertThat(FieldLocationMap.copyOf(m)).isNull();
    }
}
