package io.meshscope.decode;

/**
 * A manifest stream some tool rendered (the output of {@code kustomize build DIR}), named as messages show it
 * ({@code kustomize:DIR}). Its messages give the line in the stream and the document's index in it.
 */
public record RenderedSource(String name, String text) {
}
