"""Start the full-screen app (no subcommand). Until the app lands, print the help."""

from __future__ import annotations

import argparse


def run(args: argparse.Namespace) -> int:
    from crampguide.cli import build_parser

    build_parser().print_help()
    return 0
