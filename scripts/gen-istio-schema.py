#!/usr/bin/env python3
"""Generates meshscope's copy of Istio's CRD schemas (the field tree strict decoding checks) from Istio's CRDs.

Usage (from the repository root):

    git -C ISTIO_CHECKOUT show HEAD:manifests/charts/base/files/crd-all.gen.yaml > /tmp/crd-all.gen.yaml
    python3 scripts/gen-istio-schema.py /tmp/crd-all.gen.yaml "istio/istio@$(git -C ISTIO_CHECKOUT rev-parse HEAD)" \
        > decode/src/main/resources/io/meshscope/decode/istio-crd-schemas.json

The output keeps, for every CRD in the file, its group, kind and served versions and, per version, the parts of
its openAPIV3Schema that decide which fields exist and what type each holds: properties, items,
additionalProperties, type, x-kubernetes-int-or-string and x-kubernetes-preserve-unknown-fields. Descriptions,
enums, patterns, CEL rules and bounds are left out (Istio's validation, in core/validate, checks values).
Versions whose trimmed schemas are equal share one entry. Needs PyYAML (pip install pyyaml).
"""
import json
import sys

import yaml


def trim(schema):
    """The structural part of one schema node (see the module doc)."""
    out = {}
    if "type" in schema:
        out["type"] = schema["type"]
    if schema.get("x-kubernetes-int-or-string"):
        out["intOrString"] = True
    if schema.get("x-kubernetes-preserve-unknown-fields"):
        out["preserveUnknownFields"] = True
    if "properties" in schema:
        out["properties"] = {name: trim(sub) for name, sub in sorted(schema["properties"].items())}
    if isinstance(schema.get("items"), dict):
        out["items"] = trim(schema["items"])
    additional = schema.get("additionalProperties")
    if isinstance(additional, dict):
        out["additionalProperties"] = trim(additional)
    elif additional is True:
        out["additionalProperties"] = {}
    return out


def main(argv):
    if len(argv) not in (2, 3):
        sys.stderr.write("usage: gen-istio-schema.py CRD_FILE [SOURCE_LABEL] > istio-crd-schemas.json\n")
        return 2
    with open(argv[1], encoding="utf-8") as f:
        documents = [d for d in yaml.safe_load_all(f) if d and d.get("kind") == "CustomResourceDefinition"]
    kinds = []
    for crd in sorted(documents, key=lambda d: (d["spec"]["group"], d["spec"]["names"]["kind"])):
        schemas = []
        versions = {}
        for version in crd["spec"]["versions"]:
            if not version.get("served", False):
                continue
            trimmed = trim(version["schema"]["openAPIV3Schema"])
            if trimmed not in schemas:
                schemas.append(trimmed)
            versions[version["name"]] = schemas.index(trimmed)
        kinds.append({"group": crd["spec"]["group"], "kind": crd["spec"]["names"]["kind"],
                      "versions": dict(sorted(versions.items())), "schemas": schemas})
    out = {"generatedBy": "scripts/gen-istio-schema.py", "source": argv[2] if len(argv) == 3 else argv[1],
           "kinds": kinds}
    json.dump(out, sys.stdout, indent=1, sort_keys=False)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
