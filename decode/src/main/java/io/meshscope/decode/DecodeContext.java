package io.meshscope.decode;

import io.meshscope.core.model.ResourceId;

/** Where field problems of the object being decoded go, and which resource they name (null before it is known). */
record DecodeContext(Diagnostics diags, ResourceId resource) {

    DecodeContext withResource(ResourceId id) {
        return new DecodeContext(diags, id);
    }
}
