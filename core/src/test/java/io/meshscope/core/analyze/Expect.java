package io.meshscope.core.analyze;

import java.util.List;

/** A message as the conformance cases spell it: code, {@code ns/name} of the resource, exact text. */
record Expect(String code, String resource, String message) {
    static Expect of(AnalysisMessage m) {
        return new Expect(m.code(), m.resource().nsName(), m.message());
    }

    static List<Expect> of(List<AnalysisMessage> messages) {
        return messages.stream().map(Expect::of).toList();
    }
}
