package io.meshscope.core.validate;

/** One validation message about a field path of a resource ({@code spec.egress[1].hosts[0]}). */
public record FieldMessage(String field, String message) {
}
