"""An afterview observer: an audit trail of stored events, one file per workspace.

afterview loads ``afterview_audit.plugin`` (the entry point) when any workspace opens, so that
module imports nothing heavy; the implementation loads when one of its hooks is used.
"""
