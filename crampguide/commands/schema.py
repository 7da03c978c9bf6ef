"""`crampguide schema`: JSON Schema of the content files, for editor completion and checks."""

from __future__ import annotations

import argparse
import json
import sys


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", nargs="?", help="one content file name, e.g. causes.toml (default: all)")


def run(args: argparse.Namespace) -> int:
    from pydantic import TypeAdapter

    from crampguide.guide.files import CONTENT_FILES

    if args.file is not None:
        if args.file not in CONTENT_FILES:
            known = ", ".join(CONTENT_FILES)
            print(f"crampguide schema: unknown content file '{args.file}' (known: {known})", file=sys.stderr)
            return 1
        print(json.dumps(TypeAdapter(CONTENT_FILES[args.file]).json_schema(), indent=2))
        return 0
    schemas = {name: TypeAdapter(model).json_schema() for name, model in CONTENT_FILES.items()}
    print(json.dumps(schemas, indent=2))
    return 0
