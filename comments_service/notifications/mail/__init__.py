"""Mail about notifications: composing it, sending it over SMTP and the rules of when it goes out.

- ``smtp``: one connection per delivery run, from the ``PLEIN_SMTP_*`` settings;
- ``texts`` and ``compose``: the mail in the person's language, HTML with a plain-text part;
- ``schedule``: when a digest is due;
- ``delivery``: the outbox worked through, one claimed mail at a time.
"""
