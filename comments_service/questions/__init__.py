"""Questions: a comment posted as a question, its answers, the best one, the unanswered queue and its figures.

- ``models``: the questions table (first and best answer, escalation claims);
- ``figures``: time to first answer, answer and best-answer rates, time to best answer, per page, section and
  hashtag for any period (the analytics charts them).
"""
