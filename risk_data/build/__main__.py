"""Command line: ``python -m risk_data.build --shared PATH --out PATH``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from risk_data.build.pipeline import CREATED, VERSION, build
from risk_data.build.sources import BuildError


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m risk_data.build", description=__doc__)
    parser.add_argument(
        "--shared", type=Path, required=True, help="folder holding seeds/ and data/ilab/"
    )
    parser.add_argument("--out", type=Path, required=True, help="output folder for the version")
    parser.add_argument("--version", default=VERSION, help=f"version id (default {VERSION})")
    parser.add_argument("--created", default=CREATED, help=f"ISO build date (default {CREATED})")
    args = parser.parse_args(argv)
    try:
        report = build(args.shared, args.out, version=args.version, created=args.created)
    except BuildError as error:
        print(f"build failed: {error}", file=sys.stderr)
        return 1
    print(report.summary())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
