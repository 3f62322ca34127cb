"""The subcommands, one module per area of the workflow."""
