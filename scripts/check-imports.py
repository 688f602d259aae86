#!/usr/bin/env python3
"""Checks that Package.swift says what the code does, for every target:

- each target declares exactly the targets and products its Swift files import (no import
  left undeclared, no dependency declared and never imported);
- each target in the layer picture of Package.swift's header comment depends only on targets
  on lower layers, and every target outside Tests/ is in the picture (plugins and the tools
  they run are build-time and are exempt).

`make check-imports` runs it after SwiftPM's `--explicit-target-dependency-import-check error`
build. That check only looks for imports outside a target's dependencies (direct or through
another), and it skips every target that has or depends on plugin-generated sources, which
here is everything built on BundledFiles; this script covers all targets and direct
declarations. Product modules are taken to be named like their products. Exit status 1 on any
finding. Usage: scripts/check-imports.py (from anywhere; it reads the package it is in).
"""
import json
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
IMPORT = re.compile(
    r"^\s*(?:@\w+\s+)*(?:(?:public|package|internal|fileprivate|private)\s+)?import\s+"
    r"(?:(?:struct|class|enum|protocol|typealias|func|var|let)\s+)?([A-Za-z_]\w*)",
    re.M,
)
PICTURE_ROW = re.compile(r"^//\s+(\d+)\s{2,}(.*)$", re.M)


def main() -> int:
    manifest = json.loads(subprocess.check_output(["swift", "package", "dump-package"], cwd=ROOT))
    targets = {t["name"]: t for t in manifest["targets"]}
    exempt = set()  # build-time: plugins and the executables they run
    declared = {}
    for name, t in targets.items():
        names = set()
        for dep in t["dependencies"]:
            for kind, value in dep.items():
                if kind in ("byName", "target", "product"):
                    names.add(value[0])
        declared[name] = names
        if t["type"] == "plugin":
            exempt |= {name} | names
    package_modules = set(targets) | {d for names in declared.values() for d in names}

    problems = []
    for name, t in sorted(targets.items()):
        if t["type"] in ("system", "plugin"):
            continue
        default = "Tests" if t["type"] == "test" else "Sources"
        path = os.path.join(ROOT, t.get("path") or os.path.join(default, name))
        imported = set()
        for folder, _, files in os.walk(path):
            for file in files:
                if file.endswith(".swift"):
                    with open(os.path.join(folder, file), encoding="utf-8") as f:
                        imported |= set(IMPORT.findall(f.read())) & package_modules
                elif file.endswith(".c"):
                    # A C target reaches its system libraries by #include, not import.
                    imported |= {d for d in declared[name] if targets.get(d, {}).get("type") == "system"}
        for module in sorted(imported - declared[name] - {name}):
            problems.append(f"{name} imports {module} but does not declare it")
        for module in sorted(declared[name] - imported):
            problems.append(f"{name} declares {module} but never imports it")

    with open(os.path.join(ROOT, "Package.swift"), encoding="utf-8") as f:
        header = f.read().split("let package = Package(")[0]
    layer = {}
    for row in PICTURE_ROW.finditer(header):
        for word in re.findall(r"[\w-]+", re.sub(r"\([^)]*\)", "", row.group(2))):
            if word in targets:
                layer[word] = int(row.group(1))
    for name, t in sorted(targets.items()):
        in_tests = (t.get("path") or "").startswith("Tests") or t["type"] == "test"
        if t["type"] == "system" and name not in layer:
            problems.append(f"{name} is not in the layer picture of Package.swift")
        elif name not in layer and not in_tests and name not in exempt:
            problems.append(f"{name} is not in the layer picture of Package.swift")
        if name not in layer:
            continue
        for dep in sorted(declared[name]):
            if dep in layer and layer[dep] >= layer[name]:
                problems.append(f"{name} (layer {layer[name]}) depends on {dep} (layer {layer[dep]}), not below it")

    for p in problems:
        print(f"check-imports: {p}", file=sys.stderr)
    if not problems:
        print(f"check-imports: {len(targets)} targets declare exactly what they import; the {len(layer)} in the layer picture depend only on lower layers")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
