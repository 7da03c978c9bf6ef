"""`crampguide schema`: JSON Schema of the content files, for editor completion and checks."""

from __future__ import annotations

import argparse
import json
import sys

from crampguide.commands.common import write_stdout


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
        text = json.dumps(TypeAdapter(CONTENT_FILES[args.file]).json_schema(), indent=2)
    else:
        text = json.dumps({name: TypeAdapter(m).json_schema() for name, m in CONTENT_FILES.items()}, indent=2)
    return 0 if write_stdout(text + "\n") else 1
