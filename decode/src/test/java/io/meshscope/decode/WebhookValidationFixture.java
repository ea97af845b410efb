package io.meshscope.decode;

import io.meshscope.core.model.Diagnostic;
import io.meshscope.core.model.MeshInput;
import io.meshscope.core.validate.InputValidator;
import java.util.List;
import java.util.Optional;

/** Reads one YAML text and validates it as {@code validate} does: one line per message, with its position. */
final class WebhookValidationFixture {
    private WebhookValidationFixture() {
    }

    /** {@code SEVERITY line:column field: message} for every decoding problem and validation message. */
    static List<String> validate(String yaml) {
        MeshInput input = new ManifestReader().readString("in.yaml", yaml, Optional.empty());
        return InputValidator.validate(input).stream().map(WebhookValidationFixture::line).toList();
    }

    static String line(Diagnostic d) {
        return d.severity() + " " + d.location().line() + ":" + d.location().column() + " " + d.field() + ": "
                + d.message();
    }
}
