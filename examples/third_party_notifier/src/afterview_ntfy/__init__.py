"""An example afterview notifier: each reminder as a push message through an ntfy server.

afterview loads ``afterview_ntfy.plugin`` (the entry point) when any workspace opens, so that
module imports nothing but afterview; the HTTP client loads when a reminder is sent.
"""
