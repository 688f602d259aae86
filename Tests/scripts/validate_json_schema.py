#!/usr/bin/env python3
"""Validate venue descriptions (YAML) against a JSON Schema.

Usage: validate_json_schema.py SCHEMA.json [--expect-invalid] FILE.yaml...

Every YAML document of every file is checked (a file may hold several documents separated by
`---`). YAML dates and timestamps become ISO 8601 strings before validation, because JSON
Schema has no date type. The draft is whatever the schema's "$schema" declares (Draft 7 and
2020-12 both work); a schema without "$schema" is checked as Draft 2020-12.

Prints one line per file:
    FILE: ok
    FILE: invalid: <path>: <message>        (one line per problem; path like /collection_points/0/method;
                                             an empty file is invalid: it holds no venue)
    FILE: error: <why the file could not be read>

Exit status: 0 if every file is valid (with --expect-invalid: if every file is invalid),
1 otherwise, 2 for usage errors or an unreadable schema, 3 if a needed package is missing.
A file that cannot be read or parsed counts as neither valid nor invalid: it always fails
the run.
"""

import datetime
import json
import sys

try:
    import yaml
except ImportError:
    print("validate_json_schema.py: the PyYAML package is missing; install it with "
          "`python3 -m pip install pyyaml`", file=sys.stderr)
    sys.exit(3)

try:
    import jsonschema
    from jsonschema.validators import validator_for
except ImportError:
    print("validate_json_schema.py: the jsonschema package is missing; install it with "
          "`python3 -m pip install jsonschema`", file=sys.stderr)
    sys.exit(3)

USAGE = "usage: validate_json_schema.py SCHEMA.json [--expect-invalid] FILE.yaml..."

# A document that expands (through aliases) to more nodes than this is refused rather than
# validated: billion-laughs input must not hang the script.
MAX_NODES = 1_000_000


class Loader(yaml.SafeLoader):
    """PyYAML's safe loader, except that a scalar that looks like a date but is not one
    (2020-13-45) stays a string, so that the schema, not the loader, rejects it."""


def _timestamp_or_string(loader, node):
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except ValueError:
        return loader.construct_scalar(node)


Loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_or_string)


class TooLarge(Exception):
    pass


def to_json_value(value, budget=None):
    """YAML values to JSON-compatible ones: dates and timestamps become ISO strings, keys
    become strings. Raises TooLarge past MAX_NODES nodes (aliases counted each time)."""
    if budget is None:
        budget = [MAX_NODES]
    budget[0] -= 1
    if budget[0] < 0:
        raise TooLarge()
    if isinstance(value, dict):
        return {k.isoformat() if isinstance(k, (datetime.date, datetime.datetime)) else str(k):
                to_json_value(v, budget) for k, v in value.items()}
    if isinstance(value, list):
        return [to_json_value(v, budget) for v in value]
    if isinstance(value, (datetime.datetime, datetime.date)):
        return value.isoformat()
    return value


def one_line(text, limit=300):
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


def json_path(error):
    parts = [str(p) for p in error.absolute_path]
    return "/" + "/".join(parts) if parts else "/"


def main(argv):
    args = argv[1:]
    if not args or args[0] in ("-h", "--help"):
        print(USAGE, file=sys.stderr if not args else sys.stdout)
        return 2 if not args else 0
    schema_path = args[0]
    rest = args[1:]
    expect_invalid = False
    files = []
    for arg in rest:
        if arg == "--expect-invalid":
            expect_invalid = True
        elif arg.startswith("--"):
            print(f"validate_json_schema.py: unknown option {arg}\n{USAGE}", file=sys.stderr)
            return 2
        else:
            files.append(arg)
    if not files:
        print(USAGE, file=sys.stderr)
        return 2

    try:
        with open(schema_path, encoding="utf-8") as f:
            schema = json.load(f)
    except (OSError, ValueError) as e:
        print(f"{schema_path}: error: cannot read schema: {e}", file=sys.stderr)
        return 2
    cls = validator_for(schema, default=jsonschema.Draft202012Validator)
    try:
        cls.check_schema(schema)
    except jsonschema.exceptions.SchemaError as e:
        print(f"{schema_path}: error: not a valid {cls.__name__} schema: {e.message}", file=sys.stderr)
        return 2
    validator = cls(schema, format_checker=cls.FORMAT_CHECKER)

    all_as_expected = True
    for path in files:
        try:
            with open(path, "rb") as f:
                docs = list(yaml.load_all(f, Loader=Loader))
            values = [to_json_value(doc) for doc in docs]
        except (OSError, yaml.YAMLError) as e:
            print(f"{path}: error: {one_line(e)}")
            all_as_expected = False
            continue
        except RecursionError:
            print(f"{path}: error: nested too deeply to load")
            all_as_expected = False
            continue
        except TooLarge:
            print(f"{path}: error: more than {MAX_NODES} nodes after alias expansion")
            all_as_expected = False
            continue
        problems = []
        if not values:
            problems.append("/: empty file (no YAML document)")
        for index, value in enumerate(values):
            prefix = f"document {index + 1}: " if len(values) > 1 else ""
            errors = sorted(validator.iter_errors(value),
                            key=lambda e: [str(p) for p in e.absolute_path])
            for error in errors:
                problems.append(f"{prefix}{json_path(error)}: {one_line(error.message)}")
        if problems:
            for p in problems:
                print(f"{path}: invalid: {p}")
        else:
            print(f"{path}: ok")
        if bool(problems) != expect_invalid:
            all_as_expected = False
    return 0 if all_as_expected else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
