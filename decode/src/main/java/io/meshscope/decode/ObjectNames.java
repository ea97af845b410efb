package io.meshscope.decode;

import io.meshscope.core.model.ResourceId;
import io.meshscope.core.validate.GoText;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The API server's checks of an object's own metadata ({@code ValidateObjectMeta}, {@code ValidateLabels},
 * {@code ValidateAnnotations} in Kubernetes' validation), with its wording: the name's format for the kind (a DNS-1035
 * label for a Service, a DNS-1123 label for a Namespace, a DNS-1123 subdomain for the others and for custom
 * resources; a CronJob's at most 52 characters), the namespace a DNS-1123 label, label keys qualified names and
 * values label values, annotation keys qualified names and all annotations at most 256 KiB.
 */
final class ObjectNames {
    static final String RULE = ServicePortRules.RULE;

    private static final String SUBDOMAIN_MESSAGE = "a lowercase RFC 1123 subdomain must consist of lower case"
            + " alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g."
            + " 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*"
            + "[a-z0-9])?)*')";
    private static final String DNS1035_MESSAGE = "a DNS-1035 label must consist of lower case alphanumeric"
            + " characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g."
            + " 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";
    private static final String QUALIFIED_MESSAGE = "must consist of alphanumeric characters, '-', '_' or '.', and"
            + " must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex"
            + " used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
    private static final String LABEL_VALUE_MESSAGE = "a valid label must be an empty string or consist of"
            + " alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g."
            + " 'MyValue',  or 'my_value',  or '12345', regex used for validation is"
            + " '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";
    private static final int TOTAL_ANNOTATION_SIZE = 256 * 1024;

    private ObjectNames() {
    }

    /** Checks {@code metadata.name} and {@code metadata.namespace} of an object of {@code kind} in {@code group}. */
    static void nameAndNamespace(YNode.Mapping object, String group, String kind, ResourceId resource,
                                 Diagnostics diags) {
        if (!(object.get("metadata") instanceof YNode.Mapping meta)) {
            return;
        }
        if (meta.get("name") instanceof YNode.Scalar name && !name.isNull() && !name.text().isEmpty()) {
            List<String> problems;
            if (group.isEmpty() && kind.equals("Service")) {
                problems = dns1035Label(name.text());
            } else if (group.isEmpty() && kind.equals("Namespace")) {
                problems = dns1123Label(name.text());
            } else {
                problems = dns1123Subdomain(name.text());
                if (group.equals("batch") && kind.equals("CronJob") && length(name.text()) > 52) {
                    problems = new ArrayList<>(problems);
                    problems.add(0, "must be no more than 52 characters");
                }
            }
            report(problems, name, "metadata.name", resource, diags);
        }
        if (meta.get("namespace") instanceof YNode.Scalar ns && !ns.isNull() && !ns.text().isEmpty()) {
            report(dns1123Label(ns.text()), ns, "metadata.namespace", resource, diags);
        }
    }

    /** Checks the {@code labels} and {@code annotations} of one ObjectMeta (an object's or a pod template's). */
    static void labelsAndAnnotations(YNode.Mapping meta, String path, ResourceId resource, Diagnostics diags) {
        if (meta.get("labels") instanceof YNode.Mapping labels) {
            labels(labels, path + ".labels", resource, diags);
        }
        if (meta.get("annotations") instanceof YNode.Mapping annotations) {
            String field = path + ".annotations";
            long total = 0;
            YFields fields = annotations.entries();
            for (int f = 0; f < fields.size(); f++) {
                reportAt(qualifiedName(fields.key(f).toLowerCase(Locale.ROOT)), fields.key(f), fields.entry(f).keyAt(), field,
                        resource, diags);
                total += length(fields.key(f));
                if (fields.entry(f).value() instanceof YNode.Scalar value) {
                    total += length(value.text());
                }
            }
            if (total > TOTAL_ANNOTATION_SIZE) {
                diags.error(resource, annotations.at(), field, RULE, "Too long: may not be more than "
                        + TOTAL_ANNOTATION_SIZE + " bytes");
            }
        }
    }

    /** {@code ValidateLabels}: keys qualified names, values label values; reported at {@code field}. */
    static void labels(YNode.Mapping labels, String field, ResourceId resource, Diagnostics diags) {
        YFields fields = labels.entries();
        for (int f = 0; f < fields.size(); f++) {
            YNode.Entry entry = fields.entry(f);
            reportAt(qualifiedName(fields.key(f)), fields.key(f), entry.keyAt(), field, resource, diags);
            if (entry.value() instanceof YNode.Scalar value && !value.isNull()) {
                report(labelValue(value.text()), value, field, resource, diags);
            }
        }
    }

    static List<String> dns1123Label(String value) {
        return ServicePortRules.dns1123Label(value);
    }

    /** The problems of a DNS-1123 subdomain; an unmodifiable list, empty for a valid one. */
    static List<String> dns1123Subdomain(String value) {
        return problems(length(value) > 253, "must be no more than 253 characters",
                !NameSyntax.isDns1123Subdomain(value), SUBDOMAIN_MESSAGE);
    }

    static List<String> dns1035Label(String value) {
        return problems(length(value) > 63, "must be no more than 63 characters",
                !NameSyntax.isDns1035Label(value), DNS1035_MESSAGE);
    }

    /** {@code IsQualifiedName}: an optional DNS-1123 subdomain prefix and '/', then a name of at most 63. */
    static List<String> qualifiedName(String value) {
        int slash = value.indexOf('/');
        if (slash < 0 && length(value) <= 63 && NameSyntax.isQualifiedNamePart(value)) {
            return List.of(); // the common case: no prefix, valid
        }
        List<String> out = new ArrayList<>();
        String name;
        if (slash < 0) {
            name = value;
        } else if (value.indexOf('/', slash + 1) < 0) {
            String prefix = value.substring(0, slash);
            name = value.substring(slash + 1);
            if (prefix.isEmpty()) {
                out.add("prefix part must be non-empty");
            } else {
                for (String problem : dns1123Subdomain(prefix)) {
                    out.add("prefix part " + problem);
                }
            }
        } else {
            out.add("a qualified name " + QUALIFIED_MESSAGE
                    + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')");
            return out;
        }
        if (name.isEmpty()) {
            out.add("name part must be non-empty");
        } else if (length(name) > 63) {
            out.add("name part must be no more than 63 characters");
        }
        if (!name.isEmpty() && !NameSyntax.isQualifiedNamePart(name)) {
            out.add("name part " + QUALIFIED_MESSAGE);
        }
        return out;
    }

    /** {@code IsValidLabelValue}. */
    static List<String> labelValue(String value) {
        return problems(length(value) > 63, "must be no more than 63 characters",
                !NameSyntax.isLabelValue(value), LABEL_VALUE_MESSAGE);
    }

    /** The messages whose conditions hold, in order; no allocation when neither does (nearly always). */
    private static List<String> problems(boolean first, String firstMessage, boolean second, String secondMessage) {
        if (!first) {
            return second ? List.of(secondMessage) : List.of();
        }
        return second ? List.of(firstMessage, secondMessage) : List.of(firstMessage);
    }

    private static int length(String value) {
        return NameSyntax.utf8Length(value);
    }

    private static void report(List<String> problems, YNode.Scalar value, String field, ResourceId resource,
                               Diagnostics diags) {
        reportAt(problems, value.text(), value.at(), field, resource, diags);
    }

    private static void reportAt(List<String> problems, String value, io.meshscope.core.model.SourceLocation at,
                                 String field, ResourceId resource, Diagnostics diags) {
        if (problems.isEmpty()) {
            return; // nearly always: no iterator
        }
        for (String problem : problems) {
            diags.error(resource, at, field, RULE, "Invalid value: " + GoText.quote(value) + ": " + problem);
        }
    }
}
