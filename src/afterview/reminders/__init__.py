"""The reminder side of afterview: from due advice to a message that arrives.

* :mod:`afterview.reminders.notifier` — :class:`~afterview.reminders.notifier.Notifier`, the
  protocol a notifier plugin implements, and the :class:`Notification` it receives.
* :mod:`afterview.reminders.dispatcher` — queues due advice in a workspace's outbox and delivers
  it at least once, with leases, retries and backoff.
* :mod:`afterview.reminders.outbox` — the outbox as people see it: listing, retrying, and
  blanking reminders about a forgotten person.
* :mod:`afterview.reminders.console` — the built-in ``console:`` notifier.

Importing this package imports none of them.
"""
