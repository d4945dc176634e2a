"""The ``communique`` command: a thin layer over the library, on click.

The commands live in :mod:`communique.commands`, their shared options in
:mod:`communique.options`. :func:`main` runs the group and turns what goes wrong into
an exit status: 0 ok, 1 a :class:`~communique.errors.CommuniqueError` (one line on
stderr, the library's field named as its flag), 2 a usage error, 70 an internal error
(``COMMUNIQUE_DEBUG=1`` shows the traceback), 130 an interrupt; a closed pipe is 0.
"""
from __future__ import annotations

import os
import sys
from typing import Sequence

import click

from . import __version__, commands
from .errors import CommuniqueError

__all__ = ["cli", "main"]


class _Group(click.Group):
    """The commands in the order :data:`commands.ALL` gives (not alphabetical); a reader
    who closes the pipe (``| head``) ends the command quietly."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(self.commands)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """Each command's first sentence whole (click cuts it to the line), wrapped."""
        rows = [(name, self.commands[name].get_short_help_str(limit=200)) for name in self.list_commands(ctx)]
        with formatter.section("Commands"):
            formatter.write_dl(rows)

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except BrokenPipeError:
            return 0


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]}, no_args_is_help=True)
@click.version_option(__version__, "--version", prog_name="communique", message="%(prog)s %(version)s")
def cli() -> None:
    """Turn diplomatic statements into structured, source-linked acts and track them over time.

    Each command's --help shows its options and an example.

    \b
    Example:
      communique ingest samples/ --db demo.db && communique acts --db demo.db --commitments
    """


for _command in commands.ALL:
    cli.add_command(_command)


# A library error names the field at fault (``since``, ``min_confidence``); the CLI says
# the flag. A field is its flag unless listed here.
_FLAGS: dict[str, str] = {"query": "QUERY", "paths": "PATH"}


def flag_of(field: str) -> str:
    """The command-line flag of a library field: ``min_confidence`` -> ``--min-confidence``."""
    return _FLAGS.get(field) or "--" + field.replace("_", "-")


def error_text(e: CommuniqueError) -> str:
    """An error as the CLI prints it: a message that opens with the field's name opens with its flag."""
    if e.field and e.message.startswith(e.field + " "):
        import copy

        e = copy.copy(e)
        e.message = flag_of(e.field) + e.message[len(e.field):]
    return str(e)


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``communique`` with these arguments (default: ``sys.argv[1:]``); the exit status."""
    try:
        status = cli.main(args=list(argv) if argv is not None else None, prog_name="communique",
                          standalone_mode=False)
        return status if isinstance(status, int) else 0
    except click.exceptions.NoArgsIsHelpError as e:  # `communique` alone: the help, on stdout
        click.echo(e.ctx.get_help())
        return 2
    except click.ClickException as e:  # a usage error (exit code 2) or a file click could not open (1)
        e.show()
        return e.exit_code
    except CommuniqueError as e:
        print(f"communique: error: {error_text(e)}", file=sys.stderr)
        return 1
    except click.Abort as e:  # click's form of KeyboardInterrupt (and of EOFError)
        if isinstance(e.__cause__, KeyboardInterrupt) or e.__cause__ is None:
            print("communique: interrupted", file=sys.stderr)
            return 130
        return _internal_error(e.__cause__)
    except KeyboardInterrupt:
        print("communique: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as e:
        return _internal_error(e)


def _internal_error(e: BaseException) -> int:
    """A bug: say so plainly; COMMUNIQUE_DEBUG=1 shows the traceback."""
    if os.environ.get("COMMUNIQUE_DEBUG"):
        raise e
    print(f"communique: internal error: {type(e).__name__}: {e} (set COMMUNIQUE_DEBUG=1 for details, "
          "and please report it)", file=sys.stderr)
    return 70
