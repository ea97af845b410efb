package io.meshscope.cli;

import io.meshscope.xds.EndpointEstimate;
import io.meshscope.xds.report.ConfigReporter;

/**
 * The one config size model of the command line — report, generate, whatif and analyze (MS0004) all give it:
 * the xDS wire bytes of every resource a proxy receives (clusters, endpoints, listeners, routes, inbound
 * included), from the report engine ({@link ConfigReporter#sizeModel()}), the same generator the control plane
 * serves with. Scopes are generated once each.
 */
final class SizeModels {
    private SizeModels() {
    }

    /** The label every output gives a size figure: its unit and what it counts. */
    static String label(String unit) {
        return ConfigReporter.UNIT.equals(unit) ? ConfigReporter.COUNTS : unit;
    }

    /** The note printed when some endpoints are estimated from replicas, or null when none are. */
    static String estimateNote(EndpointEstimate estimate) {
        if (estimate.isEmpty()) {
            return null;
        }
        int services = estimate.services().size();
        int endpoints = estimate.services().stream().mapToInt(EndpointEstimate.Estimated::endpoints).sum();
        return "endpoints of " + services + (services == 1 ? " service" : " services") + " (" + endpoints
                + (endpoints == 1 ? " endpoint" : " endpoints") + ") are estimated from the replicas of the workloads"
                + " they select: the input has no EndpointSlices, Endpoints or Pod IPs for them; sizes include them";
    }
}
