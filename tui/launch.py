"""The `eujobs` command: its command line, imported with the cyclic garbage collector off."""

import gc


def main() -> int:
    # Importing eujobs, and Textual for the dashboard, makes some hundred thousand objects that live as long
    # as the program and none that are garbage: the collector's passes over them took a tenth of the
    # dashboard's start. cli.main turns it on again for a command, the dashboard once it is on screen.
    gc.disable()
    from .cli import main as command_line

    return command_line()
