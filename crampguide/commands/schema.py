"""`crampguide schema`: JSON Schema of the content files, for editor completion and checks."""

from __future__ import annotations

import argparse
import json

NAME = "schema"
HELP = "print the JSON Schema of the content files"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", nargs="?", help="one content file name, e.g. causes.toml (default: all)")


def run(args: argparse.Namespace) -> int:
    from crampguide.guide.models import CONTENT_FILES

    if args.file is not None:
        if args.file not in CONTENT_FILES:
            known = ", ".join(CONTENT_FILES)
            print(f"crampguide schema: unknown content file '{args.file}' (known: {known})")
            return 1
        print(json.dumps(CONTENT_FILES[args.file].model_json_schema(by_alias=True), indent=2))
        return 0
    schemas = {name: model.model_json_schema(by_alias=True) for name, model in CONTENT_FILES.items()}
    print(json.dumps(schemas, indent=2))
    return 0
