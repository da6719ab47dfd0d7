"""Notifications: who must hear about a change, decided in the write's own transaction, then told.

- ``models``: notifications (the outbox), follows, mail preferences, each person's mail schedule;
- ``events``: the rules (reply, mention, page owner, follow, reactions) that turn a change into rows;
- ``views``: the API of the bell, the notifications list, preferences and follows.
"""
