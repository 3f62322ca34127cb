"""A plugin that cannot even be imported: its failure must not stop the others."""

raise RuntimeError("this plugin is broken on purpose")
