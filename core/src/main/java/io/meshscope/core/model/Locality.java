package io.meshscope.core.model;

import java.util.Map;

/**
 * Where a proxy or endpoint runs: region, zone and subzone, each "" when unknown ({@link #EMPTY}: nothing known,
 * which is what istiod gives a proxy without any locality source).
 */
public record Locality(String region, String zone, String subZone) {
    /** No locality known (istiod's empty {@code core.Locality}). */
    public static final Locality EMPTY = new Locality("", "", "");
    /** The node topology labels istiod reads (and adds to a proxy's labels, {@code AugmentLabels}). */
    public static final String REGION_LABEL = "topology.kubernetes.io/region";
    public static final String ZONE_LABEL = "topology.kubernetes.io/zone";
    public static final String SUBZONE_LABEL = "topology.istio.io/subzone";
    /** The override labels ({@code model.GetLocalityLabel}): the first wins; "." separates in label values. */
    public static final String LOCALITY_LABEL = "topology.istio.io/locality";
    public static final String LEGACY_LOCALITY_LABEL = "istio-locality";

    public Locality {
        region = region == null ? "" : region;
        zone = zone == null ? "" : zone;
        subZone = subZone == null ? "" : subZone;
    }

    /** {@code label.SplitLocalityLabel}: {@code region/zone/subzone}, missing parts "" ("" is {@link #EMPTY}). */
    public static Locality parse(String text) {
        if (text == null || text.isEmpty()) {
            return EMPTY;
        }
        String[] p = text.split("/", -1);
        return new Locality(p[0], p.length > 1 ? p[1] : "", p.length > 2 ? p[2] : "");
    }

    /**
     * The locality a proxy's labels give, as istiod's {@code localityFromProxyLabels}: the node topology labels
     * when any is present (the registry copies them from the pod's Node), else the locality label
     * ({@code topology.istio.io/locality}, then {@code istio-locality}, "." standing for "/"); null when none.
     */
    public static Locality fromLabels(Map<String, String> labels) {
        String region = labels.get(REGION_LABEL);
        String zone = labels.get(ZONE_LABEL);
        String subZone = labels.get(SUBZONE_LABEL);
        if (region != null || zone != null || subZone != null) {
            return new Locality(region, zone, subZone);
        }
        String label = labels.get(LOCALITY_LABEL);
        if (label == null) {
            label = labels.get(LEGACY_LOCALITY_LABEL);
        }
        if (label == null || label.isEmpty()) {
            return null;
        }
        return parse(label.contains("/") ? label : label.replace('.', '/')); // SanitizeLocalityLabel
    }

    /** True when no part is known. */
    public boolean isEmpty() {
        return region.isEmpty() && zone.isEmpty() && subZone.isEmpty();
    }

    /** {@code util.LocalityToString}-like {@code region/zone/subzone}. */
    @Override
    public String toString() {
        return region + "/" + zone + "/" + subZone;
    }
}
