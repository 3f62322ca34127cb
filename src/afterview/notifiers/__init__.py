"""Notifiers built into afterview; others come as plugins (``afterview-apprise``,
``afterview-ics``)."""
