"""Command-line plumbing shared by the scripts: common options, output folder, error handling.

Every script promises the same contract: `-h` help, exit code 0 on success, and for a bad input
one line `error: FILE: problem` on stderr with exit code 2 and no traceback. That contract lives
here once.
"""

from __future__ import annotations

import argparse
import os
import sys

from kringloop_io import KringloopFileError
from plotting import DEFAULT_DPI

EXIT_OK = 0
EXIT_BAD_INPUT = 2      # the same code argparse uses for a bad command line


def parser(description, epilog=None):
    """An ArgumentParser with the options every script has (-o DIR, --dpi)."""
    result = argparse.ArgumentParser(description=description, epilog=epilog,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    result.add_argument("-o", "--output", metavar="DIR", required=True,
                        help="folder for the PNG figures and index.html (created if needed; "
                             "files of the same name are replaced)")
    result.add_argument("--dpi", type=int, default=DEFAULT_DPI,
                        help=f"resolution of the PNG figures (default {DEFAULT_DPI})")
    return result


def output_folder(path):
    """Create the output folder if needed; a failure is reported like a bad input file."""
    try:
        os.makedirs(path, exist_ok=True)
    except OSError as error:
        raise KringloopFileError(path, f"cannot create output folder ({error.strerror})") from error
    return path


def run(main):
    """Call `main(argv)` and exit with its code; turn file errors into one line and exit code 2."""
    try:
        code = main(sys.argv[1:])
    except KringloopFileError as error:
        print(f"error: {error}", file=sys.stderr)
        code = EXIT_BAD_INPUT
    except OSError as error:            # writing the figures or index.html failed
        print(f"error: {error.filename or 'output'}: {error.strerror or error}", file=sys.stderr)
        code = EXIT_BAD_INPUT
    sys.exit(code or EXIT_OK)
