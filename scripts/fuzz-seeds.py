#!/usr/bin/env python3
"""Seed corpora and dictionaries for `make fuzz`, made from the repository so they never drift
from the format: samples/ and the test fixtures, the rule packs' own conditions, reports the
tool writes of the samples, the keys and values of `venue-audit schema venue`, and the report
XSD's names. Usage: fuzz-seeds.py WORK BIN (BIN: a built venue-audit)."""
import glob
import json
import os
import re
import shutil
import subprocess
import sys

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def put(folder, name, data):
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, name), "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode("utf-8"))


def copy(pattern, folder):
    for path in sorted(glob.glob(os.path.join(ROOT, pattern), recursive=True)):
        with open(path, "rb") as f:
            put(folder, os.path.basename(path), f.read())


def conditions(node, out):
    """Every condition text in a pack: require, applies_if and the evidence expressions."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("require", "applies_if") and isinstance(value, str):
                out.add(value)
            elif key == "evidence" and isinstance(value, dict):
                out.update(v for v in value.values() if isinstance(v, str))
            else:
                conditions(value, out)
    elif isinstance(node, list):
        for item in node:
            conditions(item, out)


def schema_words(node, out):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "properties" and isinstance(value, dict):
                out.update(value.keys())
            if key == "enum" and isinstance(value, list):
                out.update(str(v) for v in value)
            schema_words(value, out)
    elif isinstance(node, list):
        for item in node:
            schema_words(item, out)


def dictionary(path, words):
    with open(path, "w", encoding="utf-8") as f:
        for word in sorted(words):
            if word and len(word) < 64:
                f.write(json.dumps(word, ensure_ascii=True) + "\n")


def main():
    work, binary = sys.argv[1], sys.argv[2]
    seeds = os.path.join(work, "seeds")
    shutil.rmtree(seeds, ignore_errors=True)
    dicts = os.path.join(work, "dict")
    os.makedirs(dicts, exist_ok=True)

    copy("samples/*.yaml", f"{seeds}/venue")
    copy("Tests/Fixtures/bad/*.yaml", f"{seeds}/venue")
    copy("policies/packs/*.yaml", f"{seeds}/pack")
    copy("Tests/Fixtures/policies/packs/*.yaml", f"{seeds}/pack")
    copy("Fuzz/seeds/waiver/*", f"{seeds}/waiver")
    copy("Fuzz/seeds/signature/*", f"{seeds}/signature")

    found = set()
    for path in glob.glob(os.path.join(ROOT, "policies/packs/*.yaml")):
        with open(path, encoding="utf-8") as f:
            conditions(yaml.safe_load(f), found)
    for n, text in enumerate(sorted(found)):
        put(f"{seeds}/condition", f"c{n:04}", text)

    # Reports of the samples, one signed, as the report and signature targets' seeds.
    reports = os.path.join(work, "sample-reports")
    shutil.rmtree(reports, ignore_errors=True)
    key = os.path.join(work, "seed-key")
    for suffix in (".pem", ".pub.pem"):
        if os.path.exists(key + suffix):
            os.remove(key + suffix)
    subprocess.run([binary, "keys", "new", "--out", key], check=True, stdout=subprocess.DEVNULL)
    subprocess.run([binary, "audit", os.path.join(ROOT, "samples"), "--format", "xml,xml-v1", "--out", reports, "--quiet"],
                   stdout=subprocess.DEVNULL)
    subprocess.run([binary, "audit", os.path.join(ROOT, "samples/cn-chengdu-mall-2020.yaml"), "--format", "xml",
                    "--out", reports + "-signed", "--sign-key", key + ".pem", "--quiet"], stdout=subprocess.DEVNULL)
    for path in sorted(glob.glob(reports + "/*.xml")):
        with open(path, "rb") as f:
            put(f"{seeds}/report", os.path.basename(path), f.read())
    for path in sorted(glob.glob(reports + "-signed/*.xml")):
        with open(path, "rb") as f:
            data = f.read()
        put(f"{seeds}/report", "signed-" + os.path.basename(path), data)
        put(f"{seeds}/signature", "signed-" + os.path.basename(path), data)

    # Dictionaries: the format's keys and values; the condition language's tokens and the
    # vocabulary; the report's element and attribute names.
    schema = json.loads(subprocess.run([binary, "schema", "venue"], check=True, capture_output=True).stdout)
    words = set()
    schema_words(schema, words)
    dictionary(f"{dicts}/venue.dict", words | {"format", "venue-audit/1", "---", "null", "true", "false", "&a", "*a"})
    with open(os.path.join(ROOT, "Fuzz/condition.tokens"), encoding="utf-8") as f:
        tokens = {line.rstrip("\n") for line in f if line.strip() and not line.startswith("#")}
    dictionary(f"{dicts}/condition.dict", tokens | words)
    dictionary(f"{dicts}/pack.dict", words | tokens | {
        "id", "title", "en", "zh", "severity", "scope", "require", "applies_if", "evidence", "message", "expects",
        "rationale", "remediation", "citations", "examples", "status", "since", "effective_from", "effective_to",
        "params", "pack", "rules", "kind", "version", "expect", "venue", "at"})
    dictionary(f"{dicts}/waiver.dict", words | {"waivers", "rule", "target", "reason", "expires", "approved_by"})
    names = set()
    for version in (1, 2):
        with open(os.path.join(ROOT, f"schemas/venue-audit-report-{version}.xsd"), encoding="utf-8") as f:
            names |= set(re.findall(r'name="([a-z][a-z0-9-]*)"', f.read()))
    dictionary(f"{dicts}/report.dict", {f"<{n}" for n in names} | {f"{n}=" for n in names} | {
        "<ds:Signature", "</ds:Signature>", "<digest algorithm=\"sha-256\">", "</report>", "urn:venue-audit:report:1",
        "urn:venue-audit:report:2"})
    dictionary(f"{dicts}/signature.dict", {"signers", "name", "organization", "public_key_file", "public_key",
                                          "valid_from", "valid_to", "revoked", "-----BEGIN PUBLIC KEY-----",
                                          "-----END PUBLIC KEY-----", "<ds:Signature", "<ds:KeyName>",
                                          "<ds:Reference", "URI=\"\"", "<ds:SignatureValue>", "</report>"})


if __name__ == "__main__":
    main()
