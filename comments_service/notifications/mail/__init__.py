"""Mail about notifications: composing it, sending it (over SMTP, or into a drop folder) and the rules of when it
goes out.

- ``smtp``: one connection per delivery run, from the ``PLEIN_SMTP_*`` settings; ``drop``: a folder that keeps
  the mail instead (``PLEIN_MAIL_DROP``, demos and trials) and reads it back; ``senders``: which of the two a run uses;
- ``texts`` and ``compose``: the mail in the person's language, HTML with a plain-text part;
- ``schedule``: when a digest is due;
- ``delivery``: the outbox worked through, one claimed mail at a time.
"""
