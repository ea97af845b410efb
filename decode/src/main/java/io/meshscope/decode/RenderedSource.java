package io.meshscope.decode;

/**
 * A manifest stream some tool rendered (the output of {@code kustomize build DIR}), named as messages show it
 * ({@code kustomize:DIR}). Its messages name the document and the line in the stream: {@code kustomize:DIR#3:21:13}.
 */
public record RenderedSource(String name, String text) {
}
