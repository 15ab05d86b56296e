"""Subcommands of `viewer` other than viewing: `import` and `illustrate`."""
